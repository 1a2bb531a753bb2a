// Fuzzes the API's record decoding as the API runs it: ParseJson, the record's JSON Schema, then
// <Record>FromJson. The first byte picks the record. Never crashes; a decoded record's ToJson
// serialises (DumpJson) and decodes back to an equal record.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tests/fuzz/fuzz_check.h"
#include "workflows/record_json.h"
#include "workflows/schema_validator.h"

namespace {

const duly::SchemaValidator& Schema(const char* file) {
  // One validator per record, loaded once (a load failure is a build defect).
  static const duly::SchemaValidator customer =
      *duly::SchemaValidator::Load("customer.schema.json");
  static const duly::SchemaValidator colleague =
      *duly::SchemaValidator::Load("colleague.schema.json");
  static const duly::SchemaValidator invoice = *duly::SchemaValidator::Load("invoice.schema.json");
  static const duly::SchemaValidator payment = *duly::SchemaValidator::Load("payment.schema.json");
  const std::string_view name(file);
  if (name == "customer") return customer;
  if (name == "colleague") return colleague;
  if (name == "invoice") return invoice;
  return payment;
}

template <typename Record>
void Check(const nlohmann::json& document, const char* name,
           duly::Result<Record> (*decode)(const nlohmann::json&, const std::string&)) {
  if (!Schema(name).Validate(document)) return;
  auto record = decode(document, "");
  if (!record) {
    DULY_FUZZ_CHECK(record.error().code == duly::ErrorCode::kInvalidArgument);
    return;
  }
  Record expected = *record;
  if constexpr (std::is_same_v<Record, duly::Invoice>) expected.document.reset();
  auto text = duly::DumpJson(duly::ToJson(*record));
  DULY_FUZZ_CHECK(text.has_value());
  auto reparsed = duly::ParseJson(*text);
  DULY_FUZZ_CHECK(reparsed.has_value());
  auto again = decode(*reparsed, "");
  DULY_FUZZ_CHECK(again.has_value());
  if constexpr (std::is_same_v<Record, duly::Invoice>) again->document.reset();
  DULY_FUZZ_CHECK(*again == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto document = duly::ParseJson(text);
  if (!document) return 0;
  switch (data[0] % 4) {
    case 0:
      Check<duly::Customer>(*document, "customer", duly::CustomerFromJson);
      break;
    case 1:
      Check<duly::Colleague>(*document, "colleague", duly::ColleagueFromJson);
      break;
    case 2:
      Check<duly::Invoice>(*document, "invoice", duly::InvoiceFromJson);
      break;
    default:
      Check<duly::Payment>(*document, "payment", duly::PaymentFromJson);
      break;
  }
  return 0;
}
