// JSON of promises to pay, payment plans, policy checks and credit status as the API answers
// them, and the request bodies of promises and plans decoded into domain records.
//
// Promise: amounts are decimal strings ("100.00"), dates "YYYY-MM-DD", instants ISO 8601 UTC.
// PromiseFromBody() and DraftFromBody() read bodies already valid against promise.schema.json and
// plan.schema.json; impossible dates and amounts are kInvalidArgument naming the JSON pointer
// ("/installments/2/due_on"). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "workflows/plans/credit_status.h"
#include "workflows/plans/payment_plan.h"
#include "workflows/plans/plan_policy.h"
#include "workflows/plans/promise.h"

namespace duly::daemon {

nlohmann::json PromiseJson(const Promise& promise);
nlohmann::json PlanJson(const PaymentPlan& plan);
nlohmann::json PlanCheckJson(const PlanCheck& check);
nlohmann::json CreditStatusJson(const std::string& customer, const CreditStatus& status);

Result<NewPromise> PromiseFromBody(const nlohmann::json& body);
// `today` when the body has no starts_on.
Result<PlanDraft> DraftFromBody(const nlohmann::json& body, CalendarDate today);

}  // namespace duly::daemon
