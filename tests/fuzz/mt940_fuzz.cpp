// Fuzzes the mt940 bank statement parser (daemon/statements). Never crashes; a refusal is
// kInvalidArgument naming where the first error is, and no accepted entry has a negative
// amount.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/statements/mt940_parser.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto statements = duly::statements::ParseMt940(text);
  if (!statements) {
    DULY_FUZZ_CHECK(statements.error().code == duly::ErrorCode::kInvalidArgument);
    DULY_FUZZ_CHECK(!statements.error().fields.empty());
    return 0;
  }
  for (const auto& statement : *statements) {
    for (const auto& entry : statement.entries) DULY_FUZZ_CHECK(entry.amount.cents() >= 0);
  }
  return 0;
}
