// duly::channels::OutboundMessage: one message as a channel must deliver it.
//
// Promise: everything a channel needs to send is here, already rendered; a channel decides how
// to send, never what (DESIGN.md). `id` is the outbox row's id and stays the same across retries,
// so providers that take an idempotency key get the same key every time. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace duly::channels {

struct Attachment {
  std::string filename;    // "INV-1.pdf"
  std::string media_type;  // "application/pdf"
  std::string content;     // raw bytes
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

struct OutboundMessage {
  std::int64_t id = 0;                // outbox row id
  std::string channel;                // "sms", "whatsapp", "email", "letter", "voice", "chat"
  std::string to;                     // E.164 number, e-mail address or webhook URL, per channel
  std::string customer;               // customer id; empty for a colleague notification
  std::string colleague;              // colleague id for a colleague notification, else empty
  std::vector<std::string> invoices;  // the invoices the message is about (bundled)
  std::string language;               // "nl", "fr", "en", "de"
  std::string template_id;            // the template it was rendered from ("reminder-friendly")
  std::string subject;                // e-mail subject or letter heading; empty for sms/whatsapp
  std::string text;                   // plain text body
  std::string html;                   // HTML body for e-mail; empty otherwise
  std::vector<Attachment> attachments;
  friend bool operator==(const OutboundMessage&, const OutboundMessage&) = default;
};

}  // namespace duly::channels
