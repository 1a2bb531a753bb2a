// Fuzzes ParseCalendarDate: never crashes, and an accepted date formats back to the same text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "workflows/calendar_date.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto day = duly::ParseCalendarDate(text);
  if (!day) {
    DULY_FUZZ_CHECK(day.error().code == duly::ErrorCode::kInvalidArgument);
    return 0;
  }
  DULY_FUZZ_CHECK(duly::FormatCalendarDate(*day) == text);
  return 0;
}
