// Fuzzes ParseColleagueCsv: never crashes, every error names a row, and what it accepts encodes
// and decodes back to equal records.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/csv/colleague_csv.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto records = duly::daemon::ParseColleagueCsv(text);
  if (!records) {
    DULY_FUZZ_CHECK(records.error().code == duly::ErrorCode::kInvalidArgument);
    for (const duly::FieldError& field : records.error().fields) {
      DULY_FUZZ_CHECK(field.field.starts_with("row "));
    }
    return 0;
  }
  auto again = duly::daemon::ParseColleagueCsv(duly::daemon::EncodeColleagueCsv(*records));
  DULY_FUZZ_CHECK(again.has_value());
  DULY_FUZZ_CHECK(*again == *records);
  return 0;
}
