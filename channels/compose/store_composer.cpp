#include "channels/compose/store_composer.h"

#include <algorithm>
#include <memory>
#include <utility>

#include <spdlog/spdlog.h>

#include "channels/compose/composition_values.h"
#include "channels/compose/letter_composition.h"
#include "channels/compose/letter_document_json.h"
#include "channels/compose/recipient_address.h"

namespace duly::channels {
namespace {

// The template parts a channel sends; empty for letters (handled apart) and unknown channels.
std::vector<TemplatePart> PartsFor(std::string_view channel) {
  if (channel == "email") {
    return {TemplatePart::kEmailSubject, TemplatePart::kEmailText, TemplatePart::kEmailHtml};
  }
  if (channel == "sms" || channel == "voice") return {TemplatePart::kSmsText};
  if (channel == "whatsapp") return {TemplatePart::kWhatsappText};
  if (channel == "chat") return {TemplatePart::kChatText};
  return {};
}

std::string ZoneFor(const Customer& customer, const CompanyProfile& company) {
  if (!customer.time_zone.empty() && IsKnownTimeZone(customer.time_zone)) {
    return customer.time_zone;
  }
  if (IsKnownTimeZone(company.time_zone)) return company.time_zone;
  return std::string(kDefaultTimeZone);
}

// A template that cannot be found in any language tried fails the row, not cancels it.
Error RenderError(Error error, const CompositionRequest& request) {
  if (error.code == ErrorCode::kNotFound) {
    return InvalidArgument("cannot compose " + request.channel + ": " + error.message,
                           {{"/template", request.template_id}});
  }
  return error;
}

std::string JoinParagraphs(const LetterDocument& letter) {
  std::string text;
  for (const auto* block : {&letter.paragraphs, &letter.closing}) {
    for (const std::string& paragraph : *block) text += (text.empty() ? "" : "\n\n") + paragraph;
  }
  return text;
}

}  // namespace

StoreComposer::StoreComposer(Store& store, TemplateLibrary& templates, CompanyProfile company,
                             const Clock& clock, PaymentLinkSource* payment_links)
    : store_(store),
      templates_(templates),
      company_(std::move(company)),
      clock_(clock),
      payment_links_(payment_links) {}

Result<OutboundMessage> StoreComposer::Compose(const OutboxMessage& row) {
  CompositionRequest request;
  request.id = row.id;
  request.recipient_kind = row.recipient_kind;
  request.recipient = row.recipient;
  request.customer = row.customer;
  request.channel = row.channel;
  request.template_id = row.template_id;
  // A customer's language is read now; a colleague's is the row's.
  if (row.recipient_kind == RecipientKind::kColleague) request.language = row.language;
  request.payment_link = row.recipient_kind == RecipientKind::kCustomer;
  for (const OutboxItem& item : row.items) {
    if (std::find(request.invoices.begin(), request.invoices.end(), item.invoice) ==
        request.invoices.end()) {
      request.invoices.push_back(item.invoice);
    }
  }
  return Compose(request);
}

Result<std::vector<Invoice>> StoreComposer::LoadInvoices(const CompositionRequest& request) {
  std::vector<Invoice> invoices;
  if (request.open_invoices) {
    PageRequest page{"", 1000};
    while (true) {
      Result<Page<Invoice>> listed =
          store_.ListInvoices(InvoiceFilter{request.customer, InvoiceStatus::kOpen}, page);
      if (!listed) return listed.error();
      for (Invoice& invoice : listed->items) {
        if (invoice.kind == InvoiceKind::kInvoice) invoices.push_back(std::move(invoice));
      }
      if (listed->next_after.empty()) break;
      page.after = listed->next_after;
    }
    return invoices;
  }
  const bool customer_row = request.recipient_kind == RecipientKind::kCustomer;
  for (const std::string& id : request.invoices) {
    Result<Invoice> invoice = store_.GetInvoice(id);
    if (!invoice) {
      if (invoice.error().code == ErrorCode::kNotFound) continue;
      return invoice.error();
    }
    if (customer_row && invoice->status != InvoiceStatus::kOpen) continue;
    invoices.push_back(std::move(*invoice));
  }
  if (invoices.empty() && !request.invoices.empty()) {
    return NotFound("message " + std::to_string(request.id) + ": none of its invoices " +
                    (customer_row ? "is still open" : "exists any more"));
  }
  return invoices;
}

Result<OutboundMessage> StoreComposer::Compose(const CompositionRequest& request,
                                               const TemplateSet* templates) {
  std::shared_ptr<const TemplateSet> current;
  if (templates == nullptr) {
    Result<std::shared_ptr<const TemplateSet>> loaded = templates_.Current();
    if (!loaded) return loaded.error();
    current = std::move(*loaded);
    templates = current.get();
  }
  Result<Customer> customer = store_.GetCustomer(request.customer);
  if (!customer) return customer.error();
  Result<std::vector<Invoice>> invoices = LoadInvoices(request);
  if (!invoices) return invoices.error();

  OutboundMessage message;
  message.id = request.id;
  message.channel = request.channel;
  for (const Invoice& invoice : *invoices) message.invoices.push_back(invoice.id);
  MessageValues values = ValuesFor(*customer, *invoices, company_,
                                   LocalDay(clock_.Now(), ZoneFor(*customer, company_)));
  LanguagePreference preference;
  Result<std::string> address = std::string();
  if (request.recipient_kind == RecipientKind::kColleague) {
    Result<Colleague> colleague = store_.GetColleague(request.recipient);
    if (!colleague) return colleague.error();
    message.colleague = colleague->id;
    values.colleague_name = colleague->name;
    preference.requested = request.language.empty() ? "en" : request.language;
    address = ColleagueAddress(*colleague, request.channel);
  } else {
    message.customer = customer->id;
    preference = LanguagesFor(*customer);
    if (!request.language.empty()) preference.requested = request.language;
    std::set<std::string> opted_out;
    if (request.require_address) {
      Result<std::set<std::string>> read = store_.OptedOutChannels(customer->id);
      if (!read) return read.error();
      opted_out = std::move(*read);
    }
    address = CustomerAddress(*customer, request.channel, opted_out, company_.country);
  }
  message.template_id = request.template_id;
  if (address) {
    message.to = std::move(*address);
  } else if (request.require_address || address.error().code != ErrorCode::kPolicy) {
    return address.error();
  }
  // A call reads its text aloud: no URL in it.
  if (request.recipient_kind == RecipientKind::kCustomer && request.payment_link &&
      payment_links_ != nullptr && !invoices->empty() && request.channel != "voice") {
    // A link never holds up a reminder: without one the message still goes (bank transfer).
    Result<std::string> link = payment_links_->LinkFor(*customer, *invoices);
    if (link) {
      values.payment_link = std::move(*link);
    } else {
      spdlog::warn("message {} to customer {}: sent without a payment link: {}", request.id,
                   customer->id, link.error().message);
    }
  }

  if (request.channel != "letter") {
    Result<RenderedMessage> rendered =
        templates->Render(request.template_id, preference, PartsFor(request.channel), values);
    if (!rendered) return RenderError(std::move(rendered).error(), request);
    message.language = rendered->language;
    if (request.channel == "email") {
      message.subject = rendered->parts[TemplatePart::kEmailSubject];
      message.text = rendered->parts[TemplatePart::kEmailText];
      message.html = rendered->parts[TemplatePart::kEmailHtml];
      for (const Invoice& invoice : *invoices) {
        if (!invoice.document) continue;
        message.attachments.push_back(Attachment{
            invoice.document->filename, invoice.document->media_type, invoice.document->content});
      }
    } else {
      message.text = std::move(rendered->parts.begin()->second);
    }
    return message;
  }

  // A letter: its heading from the e-mail subject when the template has one in that language.
  std::vector<TemplatePart> parts = {TemplatePart::kLetterText};
  Result<std::string> language = templates->PickLanguage(request.template_id, preference, parts);
  if (!language) return RenderError(std::move(language).error(), request);
  const MessageTemplate* picked = templates->Find(request.template_id, *language);
  if (picked != nullptr && picked->parts.contains(TemplatePart::kEmailSubject)) {
    parts.push_back(TemplatePart::kEmailSubject);
  }
  preference = LanguagePreference{*language, ""};
  RenderOptions options;
  options.partial_text["invoice_table"] = std::string(kInvoiceTableMarker);
  // The letter prints the IBAN and reference in its own payment block; the partial's sentence
  // would repeat them. It stays when there is a payment link to print.
  if (values.payment_link.empty()) options.partial_text["payment_link"] = "";
  Result<RenderedMessage> rendered =
      templates->Render(request.template_id, preference, parts, values, options);
  if (!rendered) return RenderError(std::move(rendered).error(), request);
  Result<PostalLines> postal = CustomerPostalLines(*customer, company_.country);
  const PostalLines recipient = postal ? *postal : PostalLines{customer->name, {}};
  LetterDocument letter =
      LetterFor(customer->id, recipient, values, company_,
                LetterText{rendered->language, rendered->parts[TemplatePart::kEmailSubject],
                           rendered->parts[TemplatePart::kLetterText]});
  Result<std::string> pdf = renderer_.Render(letter);
  if (!pdf) {
    return pdf.error().WithContext("letter " + std::to_string(request.id) + " (" +
                                   request.template_id + ", " + rendered->language + ")");
  }
  message.language = rendered->language;
  message.subject = letter.subject;
  message.text = JoinParagraphs(letter);
  const std::string name = "letter-" + std::to_string(request.id);
  message.attachments.push_back(Attachment{name + ".pdf", "application/pdf", std::move(*pdf)});
  message.attachments.push_back(
      Attachment{name + ".json", std::string(kLetterJsonMediaType), LetterDocumentToJson(letter)});
  return message;
}

}  // namespace duly::channels
