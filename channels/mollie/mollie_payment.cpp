#include "channels/mollie/mollie_payment.h"

#include <cctype>
#include <chrono>
#include <utility>

#include <nlohmann/json.hpp>

namespace duly::channels::mollie {
namespace {

using nlohmann::json;

Error Missing(const std::string& pointer, const std::string& what) {
  return FieldInvalid(pointer, "Mollie's payment has no " + what + " at " + pointer);
}

Error WrongType(const std::string& pointer, const std::string& expected) {
  return FieldInvalid(pointer, "Mollie's payment has " + pointer + " that is not " + expected);
}

// A required string member; its absence or another type names the pointer.
Result<std::string> RequiredString(const json& object, const std::string& prefix,
                                   const char* name) {
  const std::string pointer = prefix + "/" + name;
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return Missing(pointer, name);
  if (!it->is_string()) return WrongType(pointer, "a string");
  if (it->get_ref<const std::string&>().empty())
    return Missing(pointer, std::string("empty ") + name);
  return it->get<std::string>();
}

// An optional string member: "" when absent or null.
Result<std::string> OptionalString(const json& object, const std::string& prefix,
                                   const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return WrongType(prefix + "/" + name, "a string");
  return it->get<std::string>();
}

Result<std::optional<Instant>> OptionalInstant(const json& object, const char* name) {
  Result<std::string> text = OptionalString(object, "", name);
  if (!text) return std::move(text).error();
  if (text->empty()) return std::optional<Instant>();
  Result<Instant> at = ParseMollieInstant(*text);
  if (!at) return FieldInvalid(std::string("/") + name, at.error().message);
  return std::optional<Instant>(*at);
}

bool TwoDigits(std::string_view text, std::size_t at, int* out) {
  if (at + 2 > text.size() || std::isdigit(static_cast<unsigned char>(text[at])) == 0 ||
      std::isdigit(static_cast<unsigned char>(text[at + 1])) == 0) {
    return false;
  }
  *out = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return true;
}

Status ReadMetadata(const json& payment, MolliePayment* out) {
  const auto it = payment.find("metadata");
  if (it == payment.end() || it->is_null()) return Status::Ok();
  json metadata = *it;
  if (metadata.is_string()) {
    // Mollie keeps metadata as given; a text that is not a JSON object carries nothing of ours.
    metadata = json::parse(metadata.get<std::string>(), nullptr, false);
    if (metadata.is_discarded()) return Status::Ok();
  }
  if (!metadata.is_object()) return Status::Ok();
  if (const auto invoices = metadata.find("invoices"); invoices != metadata.end()) {
    if (!invoices->is_array()) return WrongType("/metadata/invoices", "an array");
    for (std::size_t i = 0; i < invoices->size(); ++i) {
      const json& invoice = (*invoices)[i];
      if (!invoice.is_string() || invoice.get_ref<const std::string&>().empty()) {
        return WrongType("/metadata/invoices/" + std::to_string(i), "an invoice id");
      }
      out->invoices.push_back(invoice.get<std::string>());
    }
  }
  Result<std::string> customer = OptionalString(metadata, "/metadata", "customer");
  if (!customer) return std::move(customer).error();
  out->customer = std::move(*customer);
  return Status::Ok();
}

}  // namespace

std::string FormatMollieAmount(Money amount) { return amount.ToString(); }

Result<Money> ParseMollieAmount(std::string_view value) { return Money::Parse(value); }

Result<Instant> ParseMollieInstant(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument("\"" + std::string(text.substr(0, 40)) +
                           "\" is not an ISO 8601 instant like 2024-03-20T09:28:37+00:00");
  };
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return bad();
  Result<CalendarDate> day = ParseCalendarDate(text.substr(0, 10));
  if (!day) return bad();
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!TwoDigits(text, 11, &hour) || !TwoDigits(text, 14, &minute) ||
      !TwoDigits(text, 17, &second) || hour > 23 || minute > 59 || second > 60) {
    return bad();
  }
  std::size_t at = 19;
  int millis = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    int digits = 0;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0) {
      if (digits < 3) millis = millis * 10 + (text[at] - '0');
      ++digits;
      ++at;
    }
    if (digits == 0) return bad();
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  int offset_minutes = 0;
  if (at + 1 == text.size() && text[at] == 'Z') {
    at = text.size();
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
    int offset_hours = 0;
    int offset_rest = 0;
    if (!TwoDigits(text, at + 1, &offset_hours) || !TwoDigits(text, at + 4, &offset_rest) ||
        offset_hours > 23 || offset_rest > 59) {
      return bad();
    }
    offset_minutes = (offset_hours * 60 + offset_rest) * (text[at] == '-' ? -1 : 1);
    at = text.size();
  } else {
    return bad();
  }
  const auto local = std::chrono::sys_days(*day) + std::chrono::hours(hour) +
                     std::chrono::minutes(minute) + std::chrono::seconds(second) +
                     std::chrono::milliseconds(millis);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      local - std::chrono::minutes(offset_minutes));
}

Result<MolliePayment> ParseMolliePayment(std::string_view json_text) {
  const json payment = json::parse(json_text, nullptr, false);
  if (payment.is_discarded()) {
    return FieldInvalid(
        "", "Mollie's answer is not JSON: \"" + std::string(json_text.substr(0, 80)) + "\"");
  }
  if (!payment.is_object()) return FieldInvalid("", "Mollie's answer is not a JSON object");
  MolliePayment out;
  Result<std::string> id = RequiredString(payment, "", "id");
  if (!id) return std::move(id).error();
  out.id = std::move(*id);
  Result<std::string> status = RequiredString(payment, "", "status");
  if (!status) return std::move(status).error();
  out.status = std::move(*status);
  const auto amount = payment.find("amount");
  if (amount == payment.end() || amount->is_null()) return Missing("/amount", "amount");
  if (!amount->is_object()) return WrongType("/amount", "an object");
  Result<std::string> currency = RequiredString(*amount, "/amount", "currency");
  if (!currency) return std::move(currency).error();
  if (!IsCurrencyCode(*currency)) {
    return FieldInvalid("/amount/currency", "\"" + *currency + "\" is not an ISO 4217 code");
  }
  out.currency = std::move(*currency);
  Result<std::string> value = RequiredString(*amount, "/amount", "value");
  if (!value) return std::move(value).error();
  Result<Money> money = ParseMollieAmount(*value);
  if (!money) return FieldInvalid("/amount/value", money.error().message);
  out.amount = *money;
  Result<std::string> description = OptionalString(payment, "", "description");
  if (!description) return std::move(description).error();
  out.description = std::move(*description);
  Result<std::string> method = OptionalString(payment, "", "method");
  if (!method) return std::move(method).error();
  out.method = std::move(*method);
  if (const auto links = payment.find("_links"); links != payment.end() && links->is_object()) {
    if (const auto checkout = links->find("checkout");
        checkout != links->end() && checkout->is_object()) {
      Result<std::string> href = OptionalString(*checkout, "/_links/checkout", "href");
      if (!href) return std::move(href).error();
      out.checkout_url = std::move(*href);
    }
  }
  Result<std::optional<Instant>> expires = OptionalInstant(payment, "expiresAt");
  if (!expires) return std::move(expires).error();
  out.expires_at = *expires;
  Result<std::optional<Instant>> paid = OptionalInstant(payment, "paidAt");
  if (!paid) return std::move(paid).error();
  out.paid_at = *paid;
  if (out.status == "paid" && !out.paid_at) return Missing("/paidAt", "paidAt for a paid payment");
  if (Status metadata = ReadMetadata(payment, &out); !metadata) return std::move(metadata).error();
  return out;
}

}  // namespace duly::channels::mollie
