// duly::smtp::SmtpSender: the "email" channel, delivering MIME messages through libcurl SMTP.
//
// Promise: Send builds the message (mime_message.h, dated by the Clock) and runs one SMTP
// transaction (EHLO, STARTTLS and AUTH when configured, MAIL FROM, RCPT TO, DATA) on a fresh
// libcurl easy handle with NOSIGNAL and the configured connect and total timeouts. The receipt's
// provider_id is the Message-ID, state kAccepted (the server took responsibility). Failures:
//   - the message cannot be built (bad address, header injection, ...): kPermanent;
//   - the server answers 5xx at any step (MAIL, RCPT, DATA, end of data): kPermanent, the reason
//     holds the server's own reply text ("SMTP 550: 5.1.1 <x@y>: Recipient address rejected");
//   - the server answers 4xx: kTransient with its text;
//   - no answer to blame and the body had not started to go (DNS, connect refused, TLS
//     handshake or STARTTLS refused, authentication refused, timeout before DATA): kTransient;
//   - a timeout or lost connection after the server accepted DATA and the body began to go:
//     kUnknownOutcome, since the server may have queued the message (reconcile, never resend
//     blindly; a resend would carry the same Message-ID).
// Authentication failures count as kTransient: the configuration is at fault, not the message.
// SMTP cannot report delivery or recall a message: Status and Cancel answer kAccepted.
// Thread-safety: Send may run on several pool threads at once (one easy handle per call).
#pragma once

#include <string>
#include <string_view>

#include "channels/channel.h"
#include "channels/smtp/mime_message.h"
#include "channels/smtp/smtp_settings.h"
#include "workflows/clock.h"

namespace duly::smtp {

class SmtpSender final : public channels::Channel {
 public:
  // `clock` must outlive the sender.
  SmtpSender(SmtpSettings settings, const Clock& clock);

  std::string_view name() const override { return "email"; }
  channels::SendOutcome Send(const channels::OutboundMessage& message) override;
  channels::StatusOutcome Status(const std::string& provider_id) override;
  channels::StatusOutcome Cancel(const std::string& provider_id) override;

  // Runs one SMTP transaction for an already built message; outcomes as for Send.
  channels::SendOutcome Deliver(const MimeMessage& message) const;

 private:
  SmtpSettings settings_;
  const Clock& clock_;
};

}  // namespace duly::smtp
