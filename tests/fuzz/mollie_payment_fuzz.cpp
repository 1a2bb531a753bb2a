// Fuzzes the reader of Mollie's payment answers (channels/mollie/mollie_payment.cpp). Never
// crashes; a refusal is kInvalidArgument naming a field ("" for a body that is not a JSON
// object); an accepted payment has an id, a status, an ISO 4217 currency and, when paid, paidAt.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "channels/mollie/mollie_payment.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto payment = duly::channels::mollie::ParseMolliePayment(text);
  if (!payment) {
    DULY_FUZZ_CHECK(payment.error().code == duly::ErrorCode::kInvalidArgument);
    DULY_FUZZ_CHECK(!payment.error().fields.empty());
  } else {
    DULY_FUZZ_CHECK(!payment->id.empty());
    DULY_FUZZ_CHECK(!payment->status.empty());
    DULY_FUZZ_CHECK(duly::IsCurrencyCode(payment->currency));
    DULY_FUZZ_CHECK(payment->status != "paid" || payment->paid_at.has_value());
  }
  (void)duly::channels::mollie::ParseMollieInstant(text);
  return 0;
}
