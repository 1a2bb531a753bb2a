#include "channels/compose/letter_document_json.h"

#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/base64.h"

namespace duly::channels {
namespace {

using nlohmann::json;

constexpr int kFormat = 1;

// Reads the fields of one JSON object, remembering the first problem by pointer.
class FieldReader {
 public:
  FieldReader(const json& object, std::string at, Error* problem)
      : object_(object), at_(std::move(at)), problem_(problem) {}

  void Text(const char* key, std::string& out) {
    const json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_string()) return Fail(key, "must be a string");
    out = value->get<std::string>();
  }

  void Lines(const char* key, std::vector<std::string>& out) {
    const json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_array()) return Fail(key, "must be an array of strings");
    out.clear();
    for (const json& line : *value) {
      if (!line.is_string()) return Fail(key, "must be an array of strings");
      out.push_back(line.get<std::string>());
    }
  }

  // The nested object at `key`, or nullptr when absent (or after a failure).
  const json* Object(const char* key) {
    const json* value = Find(key);
    if (value == nullptr) return nullptr;
    if (!value->is_object()) {
      Fail(key, "must be an object");
      return nullptr;
    }
    return value;
  }

  const json* Array(const char* key) {
    const json* value = Find(key);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) {
      Fail(key, "must be an array");
      return nullptr;
    }
    return value;
  }

  void Fail(const std::string& key, const std::string& message) {
    if (problem_->message.empty()) *problem_ = FieldInvalid(at_ + "/" + key, message);
  }

  const std::string& at() const { return at_; }

 private:
  const json* Find(const char* key) const {
    if (!problem_->message.empty()) return nullptr;
    auto found = object_.find(key);
    return found == object_.end() || found->is_null() ? nullptr : &*found;
  }

  const json& object_;
  std::string at_;
  Error* problem_;
};

}  // namespace

std::string LetterDocumentToJson(const LetterDocument& letter) {
  json invoices = json::array();
  for (const LetterInvoiceRow& row : letter.invoices) {
    invoices.push_back({{"number", row.number},
                        {"issued", row.issued},
                        {"due", row.due},
                        {"amount", row.amount},
                        {"open", row.open}});
  }
  json document = {
      {"format", kFormat},
      {"customer", letter.customer},
      {"sender",
       {{"company_name", letter.sender.company_name},
        {"address_lines", letter.sender.address_lines},
        {"iban", letter.sender.iban},
        {"bic", letter.sender.bic},
        {"contact_lines", letter.sender.contact_lines}}},
      {"recipient",
       {{"name", letter.recipient.name}, {"address_lines", letter.recipient.address_lines}}},
      {"place_and_date", letter.place_and_date},
      {"subject", letter.subject},
      {"paragraphs", letter.paragraphs},
      {"invoices", std::move(invoices)},
      {"total", letter.total},
      {"payment_reference", letter.payment_reference},
      {"closing", letter.closing},
      {"logo_png_base64", EncodeBase64(letter.logo_png)},
      {"language", letter.language},
  };
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<LetterDocument> LetterDocumentFromJson(std::string_view text) {
  json document = json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return FieldInvalid("", "a letter must be a JSON object");
  }
  auto format = document.find("format");
  if (format == document.end() || !format->is_number_integer() || format->get<int>() != kFormat) {
    return FieldInvalid("/format", "must be " + std::to_string(kFormat));
  }
  Error problem;
  LetterDocument letter;
  FieldReader top(document, "", &problem);
  top.Text("customer", letter.customer);
  if (const json* sender = top.Object("sender")) {
    FieldReader fields(*sender, "/sender", &problem);
    fields.Text("company_name", letter.sender.company_name);
    fields.Lines("address_lines", letter.sender.address_lines);
    fields.Text("iban", letter.sender.iban);
    fields.Text("bic", letter.sender.bic);
    fields.Lines("contact_lines", letter.sender.contact_lines);
  }
  if (const json* recipient = top.Object("recipient")) {
    FieldReader fields(*recipient, "/recipient", &problem);
    fields.Text("name", letter.recipient.name);
    fields.Lines("address_lines", letter.recipient.address_lines);
  }
  top.Text("place_and_date", letter.place_and_date);
  top.Text("subject", letter.subject);
  top.Lines("paragraphs", letter.paragraphs);
  if (const json* invoices = top.Array("invoices")) {
    for (std::size_t i = 0; i < invoices->size(); ++i) {
      const std::string at = "/invoices/" + std::to_string(i);
      if (!(*invoices)[i].is_object()) {
        top.Fail("invoices/" + std::to_string(i), "must be an object");
        break;
      }
      FieldReader fields((*invoices)[i], at, &problem);
      LetterInvoiceRow row;
      fields.Text("number", row.number);
      fields.Text("issued", row.issued);
      fields.Text("due", row.due);
      fields.Text("amount", row.amount);
      fields.Text("open", row.open);
      letter.invoices.push_back(std::move(row));
    }
  }
  top.Text("total", letter.total);
  top.Text("payment_reference", letter.payment_reference);
  top.Lines("closing", letter.closing);
  std::string logo_base64;
  top.Text("logo_png_base64", logo_base64);
  top.Text("language", letter.language);
  if (!problem.message.empty()) return problem;
  Result<std::string> logo = DecodeBase64(logo_base64);
  if (!logo) return FieldInvalid("/logo_png_base64", logo.error().message);
  letter.logo_png = std::move(*logo);
  return letter;
}

}  // namespace duly::channels
