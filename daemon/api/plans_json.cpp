#include "daemon/api/plans_json.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

json FieldsJson(const std::vector<FieldError>& fields) {
  json list = json::array();
  for (const FieldError& field : fields) {
    list.push_back({{"field", field.field}, {"message", field.message}});
  }
  return list;
}

Result<Money> AmountAt(const json& body, const std::string& pointer) {
  auto amount = Money::Parse(body.at(json::json_pointer(pointer)).get<std::string>());
  if (!amount) return FieldInvalid(pointer, amount.error().message);
  return *amount;
}

Result<CalendarDate> DateAt(const json& body, const std::string& pointer) {
  auto day = ParseCalendarDate(body.at(json::json_pointer(pointer)).get<std::string>());
  if (!day) return FieldInvalid(pointer, day.error().message);
  return *day;
}

}  // namespace

json PromiseJson(const Promise& promise) {
  return {{"id", promise.id},
          {"customer", promise.customer},
          {"invoices", promise.invoices},
          {"amount", promise.amount.ToString()},
          {"promised_on", FormatCalendarDate(promise.promised_on)},
          {"source", PromiseSourceName(promise.source)},
          {"note", promise.note},
          {"state", PromiseStateName(promise.state)},
          {"open_amount_at_promise", promise.open_at.ToString()},
          {"recorded_by", promise.recorded_by},
          {"created_at", FormatInstantUtc(promise.created_at)},
          {"closed_at", promise.closed_at ? json(FormatInstantUtc(*promise.closed_at)) : json()}};
}

json PlanJson(const PaymentPlan& plan) {
  json installments = json::array();
  for (const Installment& installment : plan.installments) {
    installments.push_back(
        {{"number", installment.number},
         {"due_on", FormatCalendarDate(installment.due_on)},
         {"amount", installment.amount.ToString()},
         {"paid", installment.paid.ToString()},
         {"state", InstallmentStateName(installment.state)},
         {"reminded", installment.reminded},
         {"missed_on",
          installment.missed_on ? json(FormatCalendarDate(*installment.missed_on)) : json()}});
  }
  return {{"id", plan.id},
          {"customer", plan.customer},
          {"invoices", plan.invoices},
          {"currency", plan.currency},
          {"segment", plan.segment},
          {"starts_on", FormatCalendarDate(plan.starts_on)},
          {"total", plan.total.ToString()},
          {"state", PlanStateName(plan.state)},
          {"exceptions", FieldsJson(plan.exceptions)},
          {"approved_by", plan.approved_by},
          {"installments", std::move(installments)},
          {"created_at", FormatInstantUtc(plan.created_at)},
          {"closed_at", plan.closed_at ? json(FormatInstantUtc(*plan.closed_at)) : json()}};
}

json PlanCheckJson(const PlanCheck& check) {
  return {{"acceptable", check.Acceptable()},
          {"needs_approval", check.errors.empty() && !check.exceptions.empty()},
          {"errors", FieldsJson(check.errors)},
          {"exceptions", FieldsJson(check.exceptions)}};
}

json CreditStatusJson(const std::string& customer, const CreditStatus& status) {
  json reasons = json::array();
  for (const CreditReason& reason : status.reasons) {
    reasons.push_back({{"code", reason.code}, {"message", reason.message}});
  }
  return {{"customer", customer},
          {"status", status.hold ? "hold" : "ok"},
          {"reasons", std::move(reasons)},
          {"overdue_threshold", status.overdue_threshold.ToString()}};
}

Result<NewPromise> PromiseFromBody(const json& body) {
  NewPromise promise;
  promise.customer = body.at("customer").get<std::string>();
  promise.invoices = body.at("invoices").get<std::vector<std::string>>();
  auto amount = AmountAt(body, "/amount");
  if (!amount) return std::move(amount).error();
  promise.amount = *amount;
  auto day = DateAt(body, "/promised_on");
  if (!day) return std::move(day).error();
  promise.promised_on = *day;
  if (body.contains("source")) {
    auto source = ParsePromiseSource(body.at("source").get<std::string>());
    if (!source) return std::move(source).error();
    promise.source = *source;
  }
  promise.note = body.value("note", "");
  return promise;
}

Result<PlanDraft> DraftFromBody(const json& body, CalendarDate today) {
  PlanDraft draft;
  draft.customer = body.at("customer").get<std::string>();
  draft.invoices = body.at("invoices").get<std::vector<std::string>>();
  draft.starts_on = today;
  if (body.contains("starts_on")) {
    auto day = DateAt(body, "/starts_on");
    if (!day) return std::move(day).error();
    draft.starts_on = *day;
  }
  std::vector<FieldError> errors;
  const json& installments = body.at("installments");
  for (std::size_t i = 0; i < installments.size(); ++i) {
    const std::string at = "/installments/" + std::to_string(i);
    auto due = DateAt(body, at + "/due_on");
    auto amount = AmountAt(body, at + "/amount");
    if (!due) errors.push_back(due.error().fields.front());
    if (!amount) errors.push_back(amount.error().fields.front());
    if (due && amount) draft.installments.push_back({*due, *amount});
  }
  if (!errors.empty()) return InvalidArgument("the plan's installments are not valid", errors);
  return draft;
}

}  // namespace duly::daemon
