// Fuzzes Money::Parse: never crashes, and an accepted amount prints and parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "workflows/money.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto money = duly::Money::Parse(text);
  if (!money) {
    DULY_FUZZ_CHECK(money.error().code == duly::ErrorCode::kInvalidArgument);
    return 0;
  }
  auto again = duly::Money::Parse(money->ToString());
  DULY_FUZZ_CHECK(again.has_value());
  DULY_FUZZ_CHECK(*again == *money);
  DULY_FUZZ_CHECK(money->Scale(1, 1) == *money);
  return 0;
}
