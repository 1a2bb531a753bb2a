// duly::smtp::MimeMessage and BuildMimeMessage: one reminder as an RFC 5322 / MIME e-mail.
//
// Promise: BuildMimeMessage turns a channels::OutboundMessage and the sender's identity into the
// exact bytes an SMTP server receives after DATA:
//   Date (RFC 5322, UTC, from `date`; nothing here reads a clock), From, Reply-To (when
//   configured), To, Subject, Message-ID, MIME-Version, then
//   multipart/mixed
//     multipart/alternative   text/plain and text/html, charset=UTF-8, quoted-printable
//                             (only text/plain, directly in the mixed part, when html is empty)
//     one part per attachment, base64 in 76-character lines, Content-Disposition: attachment
//     with the filename as a quoted string, or RFC 2231 (filename*=UTF-8''...) when non-ASCII.
// Non-ASCII subjects and display names become RFC 2047 B encoded-words; every header line is
// folded within 76 characters; all line endings are CRLF. The Message-ID is derived from the
// outbox id, the sender address and the domain, so a retry of the same outbox row carries the
// same Message-ID (and receivers can drop a duplicate). The boundaries contain "=_", which
// neither quoted-printable nor base64 output can contain.
// The bytes are NOT dot-stuffed: libcurl escapes a line starting with "." while uploading.
// Errors (all kInvalidArgument with one FieldError):
//   a CR or LF in any header value (header injection): the field is named, "/subject",
//   "/to", "/attachments/0/filename", "/sender/from_name", ...;
//   an address that is not local@domain in printable ASCII (SMTPUTF8 is not supported);
//   an empty subject or text body; id <= 0; a malformed media type or Message-ID domain.
// Thread-safety: pure function; safe from any thread.
#pragma once

#include <string>

#include "channels/outbound_message.h"
#include "channels/smtp/sender_identity.h"
#include "workflows/calendar_date.h"
#include "workflows/status.h"

namespace duly::smtp {

struct MimeMessage {
  std::string message_id;     // "<duly.42.3f0c9a1b2d4e5f60@mail.elise.be>", brackets included
  std::string envelope_from;  // MAIL FROM address (the From address)
  std::string envelope_to;    // RCPT TO address (the To address)
  std::string bytes;          // headers and body, CRLF line endings, not dot-stuffed
};

Result<MimeMessage> BuildMimeMessage(const channels::OutboundMessage& message,
                                     const SenderIdentity& sender, Instant date);

// "Tue, 24 Nov 2026 17:02:00 +0000": RFC 5322 §3.3 date-time in UTC.
std::string FormatRfc5322Date(Instant at);

}  // namespace duly::smtp
