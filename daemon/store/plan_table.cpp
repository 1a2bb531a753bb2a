#include "daemon/store/plan_table.h"

#include <map>

#include <nlohmann/json.hpp>

#include "daemon/store/bulk_ids.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr const char* kInsert =
    "INSERT INTO payment_plans (customer, total, currency, state, invoices, created_at, segment,"
    " starts_on, exceptions, approved_by, created_by) VALUES (:customer, :total, :currency,"
    " :state, :invoices, :created_at, :segment, :starts_on, :exceptions, :approved_by,"
    " :created_by) RETURNING id";
constexpr const char* kInsertInstallment =
    "INSERT INTO installments (plan, number, due_on, amount, paid, state, missed_on) VALUES"
    " (:plan, :number, :due_on, :amount, 0, 'pending', '')";
constexpr const char* kInsertInvoice =
    "INSERT INTO plan_invoices (plan, invoice) VALUES (:plan, :invoice)";
constexpr const char* kSelectPlans =
    "SELECT id, customer, total, currency, state, invoices, created_at, segment, starts_on,"
    " exceptions, approved_by, COALESCE(closed_at, -1) FROM payment_plans WHERE id IN (";
constexpr const char* kSelectInstallments =
    "SELECT plan, number, due_on, amount, paid, state, COALESCE(reminded_at, -1), missed_on"
    " FROM installments WHERE plan IN (";
// Subqueries of Select(), with :customer, :customer2 and :number bound.
constexpr const char* kOneId =
    "SELECT id FROM payment_plans WHERE id = :number AND :customer = :customer2";
constexpr const char* kListIds =
    "SELECT id FROM payment_plans WHERE (:customer = '' OR customer = :customer2) ORDER BY id"
    " DESC LIMIT :number";
constexpr const char* kActiveIds =
    "SELECT id FROM payment_plans WHERE state = 'active' ORDER BY id";
constexpr const char* kLockOne = "SELECT id FROM payment_plans WHERE id = :id FOR UPDATE";
constexpr const char* kSetState =
    "UPDATE payment_plans SET state = :state, approved_by = :approved_by, closed_at = :closed_at"
    " WHERE id = :id";
constexpr const char* kStoreInstallment =
    "UPDATE installments SET paid = :paid, state = :state, reminded_at = CASE WHEN :reminded = 1"
    " THEN COALESCE(reminded_at, :at) ELSE NULL END, missed_on = :missed_on WHERE plan = :plan"
    " AND number = :number";
constexpr const char* kInActivePlans =
    "SELECT DISTINCT pi.invoice FROM plan_invoices pi JOIN payment_plans p ON p.id = pi.plan"
    " WHERE p.state = 'active' AND pi.invoice";
constexpr const char* kSegment =
    "SELECT segment FROM workflow_instances WHERE customer = :customer ORDER BY invoice LIMIT 1";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::int64_t PlanTable::Insert(const PaymentPlan& plan, const std::string& created_by) {
  long long id = 0;
  long long total = plan.total.cents();
  long long created_at = ToEpochMillis(plan.created_at);
  const std::string state = PlanStateName(plan.state);
  const std::string invoices = Dump(json(plan.invoices));
  const std::string starts_on = FormatCalendarDate(plan.starts_on);
  json exceptions = json::array();
  for (const FieldError& error : plan.exceptions) {
    exceptions.push_back({{"field", error.field}, {"message", error.message}});
  }
  const std::string exceptions_text = Dump(exceptions);
  session_ << kInsert, soci::use(plan.customer, "customer"), soci::use(total, "total"),
      soci::use(plan.currency, "currency"), soci::use(state, "state"),
      soci::use(invoices, "invoices"), soci::use(created_at, "created_at"),
      soci::use(plan.segment, "segment"), soci::use(starts_on, "starts_on"),
      soci::use(exceptions_text, "exceptions"), soci::use(plan.approved_by, "approved_by"),
      soci::use(created_by, "created_by"), soci::into(id);
  long long number = 0;
  long long amount = 0;
  std::string due_on;
  soci::statement installment =
      (session_.prepare << kInsertInstallment, soci::use(id, "plan"), soci::use(number, "number"),
       soci::use(due_on, "due_on"), soci::use(amount, "amount"));
  for (const Installment& each : plan.installments) {
    number = each.number;
    amount = each.amount.cents();
    due_on = FormatCalendarDate(each.due_on);
    installment.execute(true);
  }
  std::string invoice;
  soci::statement covered =
      (session_.prepare << kInsertInvoice, soci::use(id, "plan"), soci::use(invoice, "invoice"));
  for (const std::string& each : plan.invoices) {
    invoice = each;
    covered.execute(true);
  }
  return id;
}

std::vector<PaymentPlan> PlanTable::Select(const std::string& ids_query,
                                           const std::string& customer, long long number) {
  std::vector<PaymentPlan> plans;
  std::map<long long, std::size_t> index;
  {
    long long id = 0, total = 0, created_at = 0, closed_at = 0;
    std::string row_customer, currency, state, invoices, segment, starts_on, exceptions,
        approved_by;
    soci::statement select =
        (session_.prepare << std::string(kSelectPlans) + ids_query + ") ORDER BY id DESC",
         soci::into(id), soci::into(row_customer), soci::into(total), soci::into(currency),
         soci::into(state), soci::into(invoices), soci::into(created_at), soci::into(segment),
         soci::into(starts_on), soci::into(exceptions), soci::into(approved_by),
         soci::into(closed_at), soci::use(customer, "customer"), soci::use(customer, "customer2"),
         soci::use(number, "number"));
    select.execute();
    while (select.fetch()) {
      PaymentPlan plan;
      plan.id = id;
      plan.customer = row_customer;
      plan.total = Money::FromCents(total);
      plan.currency = currency;
      plan.state = ParsePlanState(state).value();
      plan.invoices = json::parse(invoices).get<std::vector<std::string>>();
      plan.created_at = FromEpochMillis(created_at);
      plan.segment = segment;
      auto start = ParseCalendarDate(starts_on);  // '' for rows written without one
      plan.starts_on = start ? *start : LocalDay(plan.created_at, "UTC");
      for (const json& error : json::parse(exceptions)) {
        plan.exceptions.push_back(
            {error.at("field").get<std::string>(), error.at("message").get<std::string>()});
      }
      plan.approved_by = approved_by;
      if (closed_at >= 0) plan.closed_at = FromEpochMillis(closed_at);
      index[id] = plans.size();
      plans.push_back(std::move(plan));
    }
  }
  if (plans.empty()) return plans;
  long long plan_id = 0, row_number = 0, amount = 0, paid = 0, reminded_at = 0;
  std::string due_on, state, missed_on;
  soci::statement select =
      (session_.prepare << std::string(kSelectInstallments) + ids_query + ") ORDER BY plan, number",
       soci::into(plan_id), soci::into(row_number), soci::into(due_on), soci::into(amount),
       soci::into(paid), soci::into(state), soci::into(reminded_at), soci::into(missed_on),
       soci::use(customer, "customer"), soci::use(customer, "customer2"),
       soci::use(number, "number"));
  select.execute();
  while (select.fetch()) {
    auto found = index.find(plan_id);
    if (found == index.end()) continue;
    Installment installment;
    installment.number = static_cast<int>(row_number);
    installment.due_on = ParseCalendarDate(due_on).value();
    installment.amount = Money::FromCents(amount);
    installment.paid = Money::FromCents(paid);
    installment.state = ParseInstallmentState(state).value();
    installment.reminded = reminded_at >= 0;
    if (!missed_on.empty()) installment.missed_on = ParseCalendarDate(missed_on).value();
    plans[found->second].installments.push_back(installment);
  }
  return plans;
}

std::optional<PaymentPlan> PlanTable::Find(std::int64_t id, bool lock) {
  if (lock && kind_ == DatabaseKind::kPostgresql) {
    long long locked = id;
    session_ << kLockOne, soci::use(locked, "id"), soci::into(locked);
  }
  std::vector<PaymentPlan> found = Select(kOneId, "", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<PaymentPlan> PlanTable::List(const std::string& customer, int limit) {
  return Select(kListIds, customer, limit);
}

std::vector<std::int64_t> PlanTable::ActiveIds() {
  std::vector<std::int64_t> ids;
  long long id = 0;
  soci::statement select = (session_.prepare << kActiveIds, soci::into(id));
  select.execute();
  while (select.fetch()) ids.push_back(id);
  return ids;
}

void PlanTable::SetState(const PaymentPlan& plan) {
  long long id = plan.id;
  const std::string state = PlanStateName(plan.state);
  long long closed_at = plan.closed_at ? ToEpochMillis(*plan.closed_at) : 0;
  soci::indicator closed_null = plan.closed_at ? soci::i_ok : soci::i_null;
  session_ << kSetState, soci::use(state, "state"), soci::use(plan.approved_by, "approved_by"),
      soci::use(closed_at, closed_null, "closed_at"), soci::use(id, "id");
}

void PlanTable::Store(std::int64_t plan, const std::vector<Installment>& installments, Instant at) {
  long long plan_id = plan, number = 0, paid = 0, reminded = 0;
  long long at_ms = ToEpochMillis(at);
  std::string state, missed_on;
  soci::statement update =
      (session_.prepare << kStoreInstallment, soci::use(paid, "paid"), soci::use(state, "state"),
       soci::use(reminded, "reminded"), soci::use(at_ms, "at"), soci::use(missed_on, "missed_on"),
       soci::use(plan_id, "plan"), soci::use(number, "number"));
  for (const Installment& installment : installments) {
    number = installment.number;
    paid = installment.paid.cents();
    state = InstallmentStateName(installment.state);
    reminded = installment.reminded ? 1 : 0;
    missed_on = installment.missed_on ? FormatCalendarDate(*installment.missed_on) : "";
    update.execute(true);
  }
}

std::set<std::string> PlanTable::InvoicesInActivePlans(const std::vector<std::string>& invoices) {
  std::set<std::string> covered;
  std::string invoice;
  ForEachRowIn(
      session_, kind_, kInActivePlans, invoices, "", [&] { covered.insert(invoice); },
      soci::into(invoice));
  return covered;
}

std::string PlanTable::CustomerSegment(const std::string& customer) {
  std::string segment;
  soci::indicator found = soci::i_null;
  session_ << kSegment, soci::use(customer, "customer"), soci::into(segment, found);
  return found == soci::i_ok ? segment : "";
}

}  // namespace duly::daemon
