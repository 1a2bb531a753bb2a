// duly::channels::StoreComposer: the MessageComposer over duly's Store, the template library and
// the company profile.
//
// Promise: Compose(row) reads, at the moment of sending, the recipient (the customer, or the
// colleague of a colleague row), the row's invoices and the templates in force, and renders the
// row's template for the row's channel (MessageComposer's error contract, with kPolicy standing
// for its kFailedPrecondition: duly::ErrorCode has no such code):
//   email     subject, text and HTML; every invoice's stored document attached as stored;
//   sms       sms.text;   whatsapp  whatsapp.text;   chat (colleagues)  chat.text;
//   voice     sms.text, read aloud by the voice channel: a reminder's SMS wording is short,
//             plain and complete, so a template needs no separate voice part (call.script is
//             what a collector says in a conversation, not a recorded message);
//   letter    letter.text (and email.subject as its heading when the template has one) as a
//             LetterDocument, rendered to PDF and attached as "letter-<row id>.pdf"
//             (application/pdf), plus the document itself as "letter-<row id>.json"
//             (kLetterJsonMediaType) for the day's print batch. The letter draws its own
//             invoice table and payment block (IBAN, reference), so the invoice_table partial
//             is left out of its text, and so is payment_link while there is no link.
// Addresses per recipient_address.h; the customer's opt-outs come from its history. Language:
// the customer's (colleague rows: the row's), then LanguagesFor's second, then English. A
// customer row keeps only invoices still open (kNotFound when none is: cancel); a colleague row
// keeps every invoice that still exists. A template missing in every language tried, or one that
// would render a blank, is kInvalidArgument naming the template, language and part.
// Payment links: with a PaymentLinkSource, a customer row (CompositionRequest::payment_link)
// asks it for a link to pay the row's open invoices and renders it as {{payment_link}}; when the
// source fails (Mollie unreachable, mixed currencies) the message goes without a link and a
// warning is logged: a link never holds up a reminder. Previews and calls make no link.
// Compose(request) serves the templates API's preview: the same rendering for any customer,
// template, language and channel, optionally with a draft TemplateSet and without an address.
// Thread-safety: Compose may run concurrently; Store, TemplateLibrary and Clock must outlive it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "channels/compose/company_profile.h"
#include "channels/compose/template_library.h"
#include "channels/letter/letter_renderer.h"
#include "channels/message_composer.h"
#include "workflows/clock.h"
#include "workflows/payment_link_source.h"
#include "workflows/store.h"

namespace duly::channels {

struct CompositionRequest {
  std::int64_t id = 0;  // outbox row id (0 for a preview)
  RecipientKind recipient_kind = RecipientKind::kCustomer;
  std::string recipient;  // customer or colleague id
  std::string customer;   // the customer the message is about
  std::string channel;
  std::string template_id;
  std::string language;               // colleague rows and previews: the language asked for
  std::vector<std::string> invoices;  // the invoices, in order
  bool open_invoices = false;         // ignore `invoices`: every open invoice of the customer
  bool require_address = true;        // false: render even when the recipient has no address
  bool payment_link = false;          // customer rows: ask the PaymentLinkSource for a link
};

class StoreComposer final : public MessageComposer {
 public:
  // `payment_links` null: messages carry no payment link. It must outlive the composer.
  StoreComposer(Store& store, TemplateLibrary& templates, CompanyProfile company,
                const Clock& clock, PaymentLinkSource* payment_links = nullptr);

  Result<OutboundMessage> Compose(const OutboxMessage& row) override;
  // `templates` null: the library's set in force.
  Result<OutboundMessage> Compose(const CompositionRequest& request,
                                  const TemplateSet* templates = nullptr);

 private:
  Result<std::vector<Invoice>> LoadInvoices(const CompositionRequest& request);

  Store& store_;
  TemplateLibrary& templates_;
  const CompanyProfile company_;
  const Clock& clock_;
  const LetterRenderer renderer_;
  PaymentLinkSource* const payment_links_;
};

}  // namespace duly::channels
