#include "workflows/record_json.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/base64.h"
#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly {

using nlohmann::json;

namespace {

// Reads the fields of one JSON object into a record, collecting a FieldError per problem.
// An absent field leaves the record's default; a present one of the wrong type is a problem.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string at, std::vector<FieldError>& errors)
      : object_(object), at_(std::move(at)), errors_(errors) {
    if (!object_.is_object()) Fail("", "must be an object");
  }

  std::string At(std::string_view name) const { return at_ + "/" + std::string(name); }

  // The field's value, or nullptr when it is absent (or required and absent: then a problem).
  const json* Find(std::string_view name, bool required = false) {
    if (!object_.is_object()) return nullptr;
    auto found = object_.find(name);
    if (found == object_.end()) {
      if (required) Fail(name, "is required");
      return nullptr;
    }
    return &*found;
  }

  void Text(std::string_view name, std::string& out, bool required = false) {
    const json* value = Find(name, required);
    if (value == nullptr) return;
    if (!value->is_string()) return Fail(name, "must be a string");
    out = value->get<std::string>();
  }

  void Flag(std::string_view name, bool& out) {
    const json* value = Find(name);
    if (value == nullptr) return;
    if (!value->is_boolean()) return Fail(name, "must be true or false");
    out = value->get<bool>();
  }

  void Texts(std::string_view name, std::vector<std::string>& out) {
    const json* value = Find(name);
    if (value == nullptr) return;
    if (!value->is_array()) return Fail(name, "must be an array of strings");
    out.clear();
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string()) {
        Fail(std::string(name) + "/" + std::to_string(i), "must be a string");
        continue;
      }
      out.push_back(item.get<std::string>());
    }
  }

  void Amount(std::string_view name, Money& out, bool required = false) {
    const json* value = Find(name, required);
    if (value == nullptr) return;
    if (auto amount = ParseAmount(name, *value)) out = *amount;
  }

  void Amount(std::string_view name, std::optional<Money>& out) {
    const json* value = Find(name);
    if (value == nullptr || value->is_null()) return;
    out = ParseAmount(name, *value);
  }

  void Date(std::string_view name, CalendarDate& out, bool required = false) {
    const json* value = Find(name, required);
    if (value == nullptr) return;
    if (!value->is_string()) return Fail(name, "must be a date as YYYY-MM-DD in a string");
    auto day = ParseCalendarDate(value->get<std::string>());
    if (!day) return Fail(name, day.error().message);
    out = *day;
  }

  void Count(std::string_view name, std::int64_t& out) {
    const json* value = Find(name);
    if (value == nullptr) return;
    if (!value->is_number_integer() || value->get<std::int64_t>() < 0) {
      return Fail(name, "must be a whole number of at least 0");
    }
    out = value->get<std::int64_t>();
  }

  void Fail(std::string_view name, std::string message) {
    errors_.push_back(FieldError{name.empty() ? at_ : At(name), std::move(message)});
  }

 private:
  std::optional<Money> ParseAmount(std::string_view name, const json& value) {
    if (!value.is_string()) {
      Fail(name, "must be an amount in a string (\"1250.00\"), not a JSON number");
      return std::nullopt;
    }
    auto amount = Money::Parse(value.get<std::string>());
    if (!amount) {
      Fail(name, amount.error().message);
      return std::nullopt;
    }
    if (amount->IsNegative()) {
      Fail(name, "must not be negative");
      return std::nullopt;
    }
    return *amount;
  }

  const json& object_;
  std::string at_;
  std::vector<FieldError>& errors_;
};

template <typename T>
Result<T> Finish(T record, std::vector<FieldError> errors, const std::string& at,
                 const char* what) {
  if (errors.empty()) return record;
  std::string message = std::string(what) + (at.empty() ? "" : " at " + at) +
                        " is invalid: " + errors.front().field + " " + errors.front().message;
  return InvalidArgument(std::move(message), std::move(errors));
}

void ReadContacts(ObjectReader& reader, std::vector<Contact>& contacts,
                  std::vector<FieldError>& errors) {
  const json* value = reader.Find("contacts");
  if (value == nullptr) return;
  if (!value->is_array()) return reader.Fail("contacts", "must be an array of objects");
  for (std::size_t i = 0; i < value->size(); ++i) {
    ObjectReader item((*value)[i], reader.At("contacts") + "/" + std::to_string(i), errors);
    Contact contact;
    item.Text("name", contact.name);
    item.Text("role", contact.role);
    item.Text("email", contact.email);
    item.Text("phone", contact.phone);
    contacts.push_back(std::move(contact));
  }
}

}  // namespace

Result<json> ParseJson(std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::exception& problem) {
    std::string what = problem.what();
    // "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
    const std::size_t bracket = what.find("] ");
    if (what.starts_with("[json.exception.") && bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    return InvalidArgument("the body is not valid JSON: " + what,
                           {FieldError{"", "is not valid JSON: " + what}});
  }
}

Result<std::string> DumpJson(const json& value) {
  try {
    return value.dump();
  } catch (const json::exception& problem) {
    return InternalError(std::string("cannot serialise a response: ") + problem.what());
  }
}

Result<Customer> CustomerFromJson(const json& object, const std::string& at) {
  std::vector<FieldError> errors;
  ObjectReader reader(object, at, errors);
  Customer customer;
  reader.Text("id", customer.id, true);
  reader.Text("name", customer.name, true);
  std::string kind;
  reader.Text("kind", kind);
  if (!kind.empty()) {
    if (auto parsed = ParseCustomerKind(kind)) {
      customer.kind = *parsed;
    } else {
      reader.Fail("kind", "must be one of: b2b, b2c");
    }
  }
  reader.Text("language", customer.language);
  reader.Text("email", customer.email);
  reader.Text("phone", customer.phone);
  reader.Flag("whatsapp", customer.whatsapp);
  reader.Texts("preferred_channels", customer.preferred_channels);
  ReadContacts(reader, customer.contacts, errors);
  if (const json* address = reader.Find("address")) {
    ObjectReader fields(*address, reader.At("address"), errors);
    fields.Text("street", customer.address.street);
    fields.Text("postal_code", customer.address.postal_code);
    fields.Text("city", customer.address.city);
    fields.Text("country", customer.address.country);
  }
  reader.Text("account_manager", customer.account_manager);
  reader.Texts("tags", customer.tags);
  reader.Text("vat_number", customer.vat_number);
  reader.Text("iban", customer.iban);
  reader.Text("time_zone", customer.time_zone);
  reader.Amount("credit_limit", customer.credit_limit);
  reader.Text("currency", customer.currency);
  reader.Text("risk_rating", customer.risk_rating);
  return Finish(std::move(customer), std::move(errors), at, "customer");
}

Result<Colleague> ColleagueFromJson(const json& object, const std::string& at) {
  std::vector<FieldError> errors;
  ObjectReader reader(object, at, errors);
  Colleague colleague;
  reader.Text("id", colleague.id, true);
  reader.Text("name", colleague.name, true);
  reader.Text("role", colleague.role);
  reader.Text("department", colleague.department);
  reader.Text("manager", colleague.manager);
  reader.Text("email", colleague.email);
  reader.Text("phone", colleague.phone);
  reader.Text("notify", colleague.notify);
  reader.Text("chat_webhook", colleague.chat_webhook);
  reader.Flag("active", colleague.active);
  return Finish(std::move(colleague), std::move(errors), at, "colleague");
}

Result<Invoice> InvoiceFromJson(const json& object, const std::string& at) {
  std::vector<FieldError> errors;
  ObjectReader reader(object, at, errors);
  Invoice invoice;
  reader.Text("id", invoice.id, true);
  reader.Text("customer", invoice.customer, true);
  std::string kind;
  reader.Text("kind", kind);
  if (!kind.empty()) {
    if (auto parsed = ParseInvoiceKind(kind)) {
      invoice.kind = *parsed;
    } else {
      reader.Fail("kind", "must be one of: invoice, credit_note");
    }
  }
  reader.Date("issued", invoice.issued, true);
  reader.Date("due", invoice.due, true);
  reader.Amount("amount", invoice.amount, true);
  invoice.open_amount = invoice.amount;  // the store recomputes it from allocations on update
  reader.Text("currency", invoice.currency);
  reader.Text("po_number", invoice.po_number);
  reader.Text("reference", invoice.reference);
  reader.Text("credits_invoice", invoice.credits_invoice);
  if (const json* document = reader.Find("document")) {
    ObjectReader fields(*document, reader.At("document"), errors);
    InvoiceDocument decoded;
    fields.Text("filename", decoded.filename, true);
    fields.Text("media_type", decoded.media_type, true);
    std::string base64;
    fields.Text("content_base64", base64, true);
    if (auto content = DecodeBase64(base64)) {
      decoded.content = std::move(*content);
    } else {
      fields.Fail("content_base64", content.error().message);
    }
    invoice.document = std::move(decoded);
  }
  return Finish(std::move(invoice), std::move(errors), at, "invoice");
}

Result<Payment> PaymentFromJson(const json& object, const std::string& at) {
  std::vector<FieldError> errors;
  ObjectReader reader(object, at, errors);
  Payment payment;
  reader.Text("id", payment.id, true);
  reader.Text("customer", payment.customer, true);
  reader.Amount("amount", payment.amount, true);
  reader.Text("currency", payment.currency);
  reader.Date("received", payment.received, true);
  reader.Text("method", payment.method);
  reader.Text("reference", payment.reference);
  reader.Text("counterparty_name", payment.counterparty_name);
  reader.Text("counterparty_iban", payment.counterparty_iban);
  reader.Text("remittance", payment.remittance);
  if (const json* allocations = reader.Find("allocations")) {
    if (!allocations->is_array()) {
      reader.Fail("allocations", "must be an array of objects");
    } else {
      for (std::size_t i = 0; i < allocations->size(); ++i) {
        ObjectReader item((*allocations)[i], reader.At("allocations") + "/" + std::to_string(i),
                          errors);
        Allocation allocation;
        item.Text("invoice", allocation.invoice, true);
        item.Amount("amount", allocation.amount, true);
        payment.allocations.push_back(std::move(allocation));
      }
    }
  }
  return Finish(std::move(payment), std::move(errors), at, "payment");
}

Result<UpsertSummary> UpsertSummaryFromJson(const json& object, const std::string& at) {
  std::vector<FieldError> errors;
  ObjectReader reader(object, at, errors);
  UpsertSummary summary;
  reader.Count("created", summary.created);
  reader.Count("updated", summary.updated);
  reader.Count("unchanged", summary.unchanged);
  return Finish(summary, std::move(errors), at, "upsert summary");
}

json ToJson(const Customer& customer) {
  json contacts = json::array();
  for (const Contact& contact : customer.contacts) {
    contacts.push_back({{"name", contact.name},
                        {"role", contact.role},
                        {"email", contact.email},
                        {"phone", contact.phone}});
  }
  json out = {{"id", customer.id},
              {"name", customer.name},
              {"kind", CustomerKindName(customer.kind)},
              {"language", customer.language},
              {"email", customer.email},
              {"phone", customer.phone},
              {"whatsapp", customer.whatsapp},
              {"preferred_channels", customer.preferred_channels},
              {"contacts", std::move(contacts)},
              {"address",
               {{"street", customer.address.street},
                {"postal_code", customer.address.postal_code},
                {"city", customer.address.city},
                {"country", customer.address.country}}},
              {"account_manager", customer.account_manager},
              {"tags", customer.tags},
              {"vat_number", customer.vat_number},
              {"iban", customer.iban},
              {"time_zone", customer.time_zone},
              {"currency", customer.currency},
              {"risk_rating", customer.risk_rating}};
  if (customer.credit_limit) out["credit_limit"] = customer.credit_limit->ToString();
  return out;
}

json ToJson(const Colleague& colleague) {
  return {{"id", colleague.id},
          {"name", colleague.name},
          {"role", colleague.role},
          {"department", colleague.department},
          {"manager", colleague.manager},
          {"email", colleague.email},
          {"phone", colleague.phone},
          {"notify", colleague.notify},
          {"chat_webhook", colleague.chat_webhook},
          {"active", colleague.active}};
}

json ToJson(const Invoice& invoice) {
  json out = {{"id", invoice.id},
              {"customer", invoice.customer},
              {"kind", InvoiceKindName(invoice.kind)},
              {"issued", FormatCalendarDate(invoice.issued)},
              {"due", FormatCalendarDate(invoice.due)},
              {"amount", invoice.amount.ToString()},
              {"open_amount", invoice.open_amount.ToString()},
              {"currency", invoice.currency},
              {"po_number", invoice.po_number},
              {"reference", invoice.reference},
              {"credits_invoice", invoice.credits_invoice},
              {"status", InvoiceStatusName(invoice.status)}};
  if (invoice.document) {
    out["document"] = {{"filename", invoice.document->filename},
                       {"media_type", invoice.document->media_type}};
  }
  return out;
}

json ToJson(const Payment& payment) {
  json allocations = json::array();
  for (const Allocation& allocation : payment.allocations) {
    allocations.push_back(
        {{"invoice", allocation.invoice}, {"amount", allocation.amount.ToString()}});
  }
  return {{"id", payment.id},
          {"customer", payment.customer},
          {"amount", payment.amount.ToString()},
          {"currency", payment.currency},
          {"received", FormatCalendarDate(payment.received)},
          {"method", payment.method},
          {"reference", payment.reference},
          {"counterparty_name", payment.counterparty_name},
          {"counterparty_iban", payment.counterparty_iban},
          {"remittance", payment.remittance},
          {"allocations", std::move(allocations)}};
}

json ToJson(const Event& event) {
  json payload = json::parse(event.payload, nullptr, /*allow_exceptions=*/false);
  if (payload.is_discarded()) payload = event.payload;
  return {{"seq", event.seq},
          {"at", FormatInstantUtc(event.at)},
          {"type", event.type},
          {"customer", event.customer},
          {"invoice", event.invoice},
          {"actor", event.actor},
          {"payload", std::move(payload)},
          {"prev_hash", event.prev_hash},
          {"hash", event.hash}};
}

json ToJson(const UpsertSummary& summary) {
  return {
      {"created", summary.created}, {"updated", summary.updated}, {"unchanged", summary.unchanged}};
}

json ToJson(const HistoryVerdict& verdict) {
  json out = {
      {"intact", verdict.intact}, {"events", verdict.events}, {"head_hash", verdict.head_hash}};
  if (!verdict.intact) {
    out["first_bad_seq"] = verdict.first_bad_seq;
    out["problem"] = verdict.problem;
  }
  return out;
}

}  // namespace duly
