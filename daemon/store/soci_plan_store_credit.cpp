// SociPlanStore::CreditStatusOf (soci_plan_store.h): what the ERP's credit check reads.
#include <nlohmann/json.hpp>

#include "daemon/store/customer_table.h"
#include "daemon/store/plan_table.h"
#include "daemon/store/promise_table.h"
#include "daemon/store/soci_plan_store.h"

namespace duly::daemon {
namespace {

// The customer's open and overdue amounts over open invoices (index invoices_customer).
constexpr const char* kBalances =
    "SELECT COALESCE(SUM(open_amount), 0), COALESCE(SUM(CASE WHEN due < :today THEN open_amount"
    " ELSE 0 END), 0) FROM invoices WHERE customer = :customer AND kind = 'invoice' AND"
    " status = 'open'";
// The customer's broken plans, newest first (index payment_plans_customer).
constexpr const char* kBrokenPlans =
    "SELECT id, invoices FROM payment_plans WHERE customer = :customer AND state = 'broken'"
    " ORDER BY id DESC";
// Open invoices handed over to an agency and not returned.
constexpr const char* kHandedOver =
    "SELECT h.invoice FROM handovers h JOIN invoices i ON i.id = h.invoice WHERE h.customer ="
    " :customer AND h.state <> 'returned' AND i.status = 'open' ORDER BY h.invoice";

// Workflow steps that put the customer on credit hold ("step.ran" of a credit_hold action,
// step_action.cpp) for invoices still open, newest first (index events_customer).
constexpr const char* kCreditHolds =
    "SELECT e.payload FROM events e JOIN invoices i ON i.id = e.invoice WHERE e.customer ="
    " :customer AND e.type = 'step.ran' AND e.payload LIKE :pattern AND"
    " i.status = 'open' ORDER BY e.seq DESC";

}  // namespace

Result<CreditStatus> SociPlanStore::CreditStatusOf(const std::string& customer, Instant now) {
  const std::string today = FormatCalendarDate(LocalDay(now, settings_.time_zone));
  return Read<CreditStatus>("credit status", [&](soci::session& session) -> Result<CreditStatus> {
    const DatabaseKind kind = connections_->kind();
    auto found = CustomerTable(session, kind).Find(customer);
    if (!found) return NotFound("customer " + customer + " does not exist");
    CreditFacts facts;
    facts.customer = customer;
    facts.currency = found->currency;
    facts.credit_limit = found->credit_limit;
    facts.segment = PlanTable(session, kind).CustomerSegment(customer);
    long long open = 0;
    long long overdue = 0;
    session << kBalances, soci::use(today, "today"), soci::use(customer, "customer"),
        soci::into(open), soci::into(overdue);
    facts.open_amount = Money::FromCents(open);
    facts.overdue_amount = Money::FromCents(overdue);
    std::vector<std::pair<long long, std::string>> broken;
    {
      long long id = 0;
      std::string invoices;
      soci::statement select = (session.prepare << kBrokenPlans, soci::use(customer, "customer"),
                                soci::into(id), soci::into(invoices));
      select.execute();
      while (select.fetch()) broken.emplace_back(id, invoices);
    }
    for (const auto& [id, invoices] : broken) {
      const auto ids = nlohmann::json::parse(invoices).get<std::vector<std::string>>();
      if (OpenAmount(session, kind, ids) > Money()) facts.broken_plans.push_back(id);
    }
    std::string invoice;
    soci::statement select =
        (session.prepare << kHandedOver, soci::use(customer, "customer"), soci::into(invoice));
    select.execute();
    while (select.fetch()) facts.handed_over.push_back(invoice);
    std::string payload;
    const std::string pattern = "%\"credit_hold\":true%";
    soci::statement holds = (session.prepare << kCreditHolds, soci::use(customer, "customer"),
                             soci::use(pattern, "pattern"), soci::into(payload));
    holds.execute();
    if (holds.fetch()) {
      const auto step = nlohmann::json::parse(payload, nullptr, false);
      facts.credit_hold = true;
      facts.credit_hold_reason = step.is_object()
                                     ? "workflow " + step.value("workflow", "") + " / step " +
                                           step.value("step", "") + " (invoice " +
                                           step.value("invoice", "") + ")"
                                     : "a workflow step";
    }
    return DecideCreditStatus(facts, settings_.OverdueThreshold(facts.segment));
  });
}

}  // namespace duly::daemon
