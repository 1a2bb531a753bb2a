// Fuzzes ParsePaymentReference: never crashes, and an accepted reference's normalised and
// display forms both parse back to the same reference.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "workflows/payment_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto reference = duly::ParsePaymentReference(text);
  if (!reference) {
    DULY_FUZZ_CHECK(reference.error().code == duly::ErrorCode::kInvalidArgument);
    return 0;
  }
  auto from_display = duly::ParsePaymentReference(reference->display);
  DULY_FUZZ_CHECK(from_display.has_value());
  DULY_FUZZ_CHECK(*from_display == *reference);
  auto from_normalised = duly::ParsePaymentReference(reference->normalised);
  DULY_FUZZ_CHECK(from_normalised.has_value());
  DULY_FUZZ_CHECK(from_normalised->normalised == reference->normalised);
  return 0;
}
