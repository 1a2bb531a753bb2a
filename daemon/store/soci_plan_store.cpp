#include "daemon/store/soci_plan_store.h"

#include <nlohmann/json.hpp>

#include "daemon/store/customer_table.h"
#include "daemon/store/plan_draft_check.h"
#include "daemon/store/plan_effects.h"
#include "daemon/store/plan_table.h"
#include "daemon/store/promise_table.h"
#include "workflows/plans/plan_evaluation.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ExceptionsJson(const std::vector<FieldError>& exceptions) {
  json list = json::array();
  for (const FieldError& error : exceptions) {
    list.push_back({{"field", error.field}, {"message", error.message}});
  }
  return list;
}

Error PolicyBreak(const DraftCheck& checked) {
  Error error =
      PolicyError("the plan breaks the payment-plan policy" +
                  (checked.segment.empty() ? std::string() : " of segment " + checked.segment) +
                  "; a manager may approve it as an exception");
  error.fields = checked.check.exceptions;
  return error;
}

// What the plan's invoices received since it was made.
Money PaidSince(soci::session& session, DatabaseKind kind, const PaymentPlan& plan) {
  return Max(plan.total - OpenAmount(session, kind, plan.invoices), Money());
}

}  // namespace

Result<PlanCheck> SociPlanStore::CheckPlan(const PlanDraft& draft) {
  return Read<PlanCheck>("check plan", [&](soci::session& session) -> Result<PlanCheck> {
    auto checked = CheckDraft(session, connections_->kind(), draft, settings_);
    if (!checked) return std::move(checked).error();
    return checked->check;
  });
}

Result<PaymentPlan> SociPlanStore::CreatePlan(const PlanDraft& draft, bool ask_exception,
                                              const Actor& actor) {
  return Write<PaymentPlan>(
      "create plan", actor,
      [&](soci::session& session, HistoryChain& chain) -> Result<PaymentPlan> {
        const DatabaseKind kind = connections_->kind();
        auto checked = CheckDraft(session, kind, draft, settings_);
        if (!checked) return std::move(checked).error();
        if (!checked->check.errors.empty()) {
          return InvalidArgument("the plan is not valid", checked->check.errors);
        }
        const bool exception = !checked->check.exceptions.empty();
        if (exception && !ask_exception) return PolicyBreak(*checked);
        PaymentPlan plan;
        plan.customer = draft.customer;
        plan.invoices = draft.invoices;
        plan.currency = checked->currency;
        plan.segment = checked->segment;
        plan.starts_on = draft.starts_on;
        plan.total = checked->open_amount;
        plan.state = exception ? PlanState::kProposed : PlanState::kActive;
        plan.exceptions = checked->check.exceptions;
        plan.created_at = chain.at();
        for (std::size_t i = 0; i < draft.installments.size(); ++i) {
          Installment installment;
          installment.number = static_cast<int>(i + 1);
          installment.due_on = draft.installments[i].due_on;
          installment.amount = draft.installments[i].amount;
          plan.installments.push_back(installment);
        }
        PlanTable table(session, kind);
        plan.id = table.Insert(plan, actor.name);
        chain.Append("plan.created", plan.customer, plan.invoices.front(),
                     Dump(json{{"plan", plan.id},
                               {"state", PlanStateName(plan.state)},
                               {"invoices", plan.invoices},
                               {"total", plan.total.ToString()},
                               {"installments", plan.installments.size()},
                               {"exceptions", ExceptionsJson(plan.exceptions)}}));
        if (plan.state == PlanState::kActive) {
          QueuePlanMessage(session, kind, chain, checked->customer, plan, "payment_plan_schedule",
                           chain.at(), settings_.time_zone);
        }
        return *table.Find(plan.id);
      });
}

Result<PaymentPlan> SociPlanStore::ApprovePlan(std::int64_t id, const std::string& manager,
                                               const Actor& actor) {
  if (manager.empty()) return FieldInvalid("/manager", "must name the approving manager");
  return Write<PaymentPlan>(
      "approve plan", actor,
      [&](soci::session& session, HistoryChain& chain) -> Result<PaymentPlan> {
        const DatabaseKind kind = connections_->kind();
        PlanTable table(session, kind);
        auto plan = table.Find(id, true);
        if (!plan) return NotFound("plan " + std::to_string(id) + " does not exist");
        if (plan->state != PlanState::kProposed) {
          return Conflict("plan " + std::to_string(id) + " is " + PlanStateName(plan->state) +
                          "; only a proposed plan awaits approval");
        }
        PlanDraft draft{plan->customer, plan->invoices, plan->starts_on, {}};
        for (const Installment& installment : plan->installments) {
          draft.installments.push_back({installment.due_on, installment.amount});
        }
        auto checked = CheckDraft(session, kind, draft, settings_);
        if (!checked) return std::move(checked).error();
        if (!checked->check.errors.empty()) {
          Error error = Conflict("plan " + std::to_string(id) +
                                 " no longer fits its invoices; cancel it and propose another");
          error.fields = checked->check.errors;
          return error;
        }
        plan->state = PlanState::kActive;
        plan->approved_by = manager;
        table.SetState(*plan);
        chain.Append("plan.approved", plan->customer, plan->invoices.front(),
                     Dump(json{{"plan", plan->id},
                               {"manager", manager},
                               {"exceptions", ExceptionsJson(plan->exceptions)}}));
        QueuePlanMessage(session, kind, chain, checked->customer, *plan, "payment_plan_schedule",
                         chain.at(), settings_.time_zone);
        return *plan;
      });
}

Result<PaymentPlan> SociPlanStore::CancelPlan(std::int64_t id, const Actor& actor) {
  return Write<PaymentPlan>(
      "cancel plan", actor,
      [&](soci::session& session, HistoryChain& chain) -> Result<PaymentPlan> {
        PlanTable table(session, connections_->kind());
        auto plan = table.Find(id, true);
        if (!plan) return NotFound("plan " + std::to_string(id) + " does not exist");
        if (plan->state != PlanState::kProposed && plan->state != PlanState::kActive) {
          return Conflict("plan " + std::to_string(id) + " is already " +
                          PlanStateName(plan->state));
        }
        plan->state = PlanState::kCancelled;
        plan->closed_at = chain.at();
        table.SetState(*plan);
        chain.Append("plan.cancelled", plan->customer, plan->invoices.front(),
                     Dump(json{{"plan", plan->id}}));
        return *plan;
      });
}

Result<PaymentPlan> SociPlanStore::GetPlan(std::int64_t id) {
  return Read<PaymentPlan>("get plan", [&](soci::session& session) -> Result<PaymentPlan> {
    auto plan = PlanTable(session, connections_->kind()).Find(id);
    if (!plan) return NotFound("plan " + std::to_string(id) + " does not exist");
    return *plan;
  });
}

Result<std::vector<PaymentPlan>> SociPlanStore::ListPlans(const std::string& customer, int limit) {
  if (limit < 1 || limit > 1000) return FieldInvalid("/limit", "must be 1 to 1000");
  return Read<std::vector<PaymentPlan>>("list plans", [&](soci::session& session) {
    return Result<std::vector<PaymentPlan>>(
        PlanTable(session, connections_->kind()).List(customer, limit));
  });
}

Result<PlanRound> SociPlanStore::EvaluatePlans(Instant now) {
  const CalendarDate today = LocalDay(now, settings_.time_zone);
  auto due = Read<bool>("evaluate plans", [&](soci::session& session) -> Result<bool> {
    const DatabaseKind kind = connections_->kind();
    PlanTable table(session, kind);
    for (std::int64_t id : table.ActiveIds()) {
      auto plan = table.Find(id);
      if (plan &&
          EvaluatePlan(*plan, PaidSince(session, kind, *plan), today, settings_.timing).Changed()) {
        return true;
      }
    }
    return false;
  });
  if (!due) return std::move(due).error();
  if (!*due) return PlanRound{};
  return Write<PlanRound>(
      "evaluate plans", Actor{"plans"}, [&](soci::session& session, HistoryChain& chain) {
        const DatabaseKind kind = connections_->kind();
        PlanTable table(session, kind);
        CustomerTable customers(session, kind);
        PlanRound round;
        for (std::int64_t id : table.ActiveIds()) {
          auto plan = table.Find(id, true);
          if (!plan || plan->state != PlanState::kActive) continue;
          const PlanDecision decision =
              EvaluatePlan(*plan, PaidSince(session, kind, *plan), today, settings_.timing);
          if (!decision.Changed()) continue;
          table.Store(plan->id, decision.installments, chain.at());
          auto append = [&](const char* type, json payload) {
            payload["plan"] = plan->id;
            chain.Append(type, plan->customer, plan->invoices.front(), Dump(payload));
          };
          auto amount_of = [&](int number) {
            return decision.installments[static_cast<std::size_t>(number - 1)].amount.ToString();
          };
          const auto customer = customers.Find(plan->customer);
          auto message = [&](const char* template_id) {
            if (customer) {
              QueuePlanMessage(session, kind, chain, *customer, *plan, template_id, now,
                               settings_.time_zone);
            }
          };
          for (int number : decision.paid) {
            append("plan.installment_paid",
                   {{"installment", number}, {"amount", amount_of(number)}});
          }
          round.paid += static_cast<std::int64_t>(decision.paid.size());
          if (decision.completed) {
            plan->state = PlanState::kCompleted;
            plan->closed_at = chain.at();
            table.SetState(*plan);
            append("plan.completed", json::object());
            round.completed += 1;
            continue;
          }
          for (int number : decision.reminded) {
            append("plan.installment_reminded",
                   {{"installment", number}, {"amount", amount_of(number)}});
            message("installment_reminder");
          }
          round.reminded += static_cast<std::int64_t>(decision.reminded.size());
          for (int number : decision.missed) {
            append("plan.installment_missed",
                   {{"installment", number}, {"amount", amount_of(number)}});
            message("installment_missed");
          }
          round.missed += static_cast<std::int64_t>(decision.missed.size());
          if (decision.broken) {
            plan->state = PlanState::kBroken;
            plan->closed_at = chain.at();
            table.SetState(*plan);
            append("plan.broken", {{"installment", decision.broken_by}});
            round.broken += 1;
          }
        }
        return Result<PlanRound>(round);
      });
}

}  // namespace duly::daemon
