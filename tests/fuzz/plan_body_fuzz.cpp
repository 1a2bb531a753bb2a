// Fuzzes a payment-plan body as POST /v1/plans and /v1/plans/check read it: JSON, then
// plan.schema.json, then DraftFromBody, then the policy check. Never crashes; every refusal is
// kInvalidArgument naming a field; an accepted draft's check names only fields of the draft and
// is acceptable exactly when it lists nothing.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/api/plans_json.h"
#include "tests/fuzz/fuzz_check.h"
#include "workflows/plans/plan_policy.h"
#include "workflows/schema_validator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const duly::SchemaValidator schema =
      duly::SchemaValidator::Load("plan.schema.json").value();
  const auto body =
      nlohmann::json::parse(reinterpret_cast<const char*>(data),
                            reinterpret_cast<const char*>(data) + size, nullptr, false);
  if (body.is_discarded()) return 0;
  if (!schema.Validate(body)) return 0;
  const auto today = duly::ParseCalendarDate("2026-03-10").value();
  auto draft = duly::daemon::DraftFromBody(body, today);
  if (!draft) {
    DULY_FUZZ_CHECK(draft.error().code == duly::ErrorCode::kInvalidArgument);
    DULY_FUZZ_CHECK(!draft.error().fields.empty());
    return 0;
  }
  duly::Money open;
  for (const auto& installment : draft->installments) open += installment.amount;
  const duly::PlanCheck check = duly::CheckPlan(*draft, duly::PlanPolicy{}, open, "EUR");
  for (const auto* list : {&check.errors, &check.exceptions}) {
    for (const duly::FieldError& error : *list) {
      DULY_FUZZ_CHECK(error.field == "/invoices" || error.field.rfind("/installments", 0) == 0);
      DULY_FUZZ_CHECK(!error.message.empty());
    }
  }
  DULY_FUZZ_CHECK(check.Acceptable() == (check.errors.empty() && check.exceptions.empty()));
  return 0;
}
