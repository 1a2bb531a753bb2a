#include "daemon/store/collection_holds.h"

#include <optional>
#include <set>

#include "daemon/store/bulk_ids.h"

namespace duly::daemon {
namespace {

// Invoices of the batch with an open or escalated case (completed by WithIdsIn): the case's
// first invoice (cases.invoice) ...
constexpr const char* kSelectDisputed =
    "SELECT DISTINCT invoice FROM cases WHERE state IN ('open', 'escalated') AND invoice";
// ... and every invoice the case covers (case_invoices, migration 0005; index
// case_invoices_invoice).
constexpr const char* kSelectDisputedCovered =
    "SELECT DISTINCT ci.invoice FROM case_invoices ci JOIN cases c ON c.id = ci.case_id"
    " WHERE c.state IN ('open', 'escalated') AND ci.invoice";
// The latest promised date of each invoice with open promises (completed by WithIdsIn).
constexpr const char* kSelectPromised =
    "SELECT invoice, MAX(promised_on) FROM promises WHERE state = 'open' AND invoice";
// ... and of every invoice an open promise names (promise_invoices, migration 0006; index
// promise_invoices_invoice).
constexpr const char* kSelectPromisedCovered =
    "SELECT pi.invoice, MAX(p.promised_on) FROM promise_invoices pi JOIN promises p"
    " ON p.id = pi.promise WHERE p.state = 'open' AND pi.invoice";
// Invoices of the batch covered by an active payment plan (completed by WithIdsIn).
constexpr const char* kSelectInPlan =
    "SELECT DISTINCT pi.invoice FROM plan_invoices pi JOIN payment_plans p ON p.id = pi.plan"
    " WHERE p.state = 'active' AND pi.invoice";
// Where the batch's invoices stand (completed by WithIdsIn; primary key).
constexpr const char* kSelectStatus = "SELECT id, status, open_amount FROM invoices WHERE id";

}  // namespace

std::map<std::string, CollectionHold> ReadCollectionHolds(
    soci::session& session, DatabaseKind kind, const std::vector<std::string>& invoices) {
  std::map<std::string, CollectionHold> holds;
  std::string invoice;
  std::string text;
  ForEachRowIn(
      session, kind, kSelectDisputed, invoices, "", [&] { holds[invoice].disputed = true; },
      soci::into(invoice));
  ForEachRowIn(
      session, kind, kSelectDisputedCovered, invoices, "", [&] { holds[invoice].disputed = true; },
      soci::into(invoice));
  ForEachRowIn(
      session, kind, kSelectPromised, invoices, " GROUP BY invoice",
      [&] {
        if (auto day = ParseCalendarDate(text)) holds[invoice].promised_until = *day;
      },
      soci::into(invoice), soci::into(text));
  ForEachRowIn(
      session, kind, kSelectPromisedCovered, invoices, " GROUP BY pi.invoice",
      [&] {
        auto day = ParseCalendarDate(text);
        std::optional<CalendarDate>& until = holds[invoice].promised_until;
        if (day && (!until || *until < *day)) until = *day;
      },
      soci::into(invoice), soci::into(text));
  ForEachRowIn(
      session, kind, kSelectInPlan, invoices, "", [&] { holds[invoice].in_plan = true; },
      soci::into(invoice));
  return holds;
}

std::map<std::string, std::string> UncollectibleInvoices(soci::session& session, DatabaseKind kind,
                                                         const std::vector<std::string>& invoices) {
  std::map<std::string, std::string> reasons;
  std::set<std::string> found;
  std::string invoice;
  std::string status;
  long long open_amount = 0;
  ForEachRowIn(
      session, kind, kSelectStatus, invoices, "",
      [&] {
        found.insert(invoice);
        if (status != "open") {
          reasons[invoice] = status;
        } else if (open_amount <= 0) {
          reasons[invoice] = "paid";
        }
      },
      soci::into(invoice), soci::into(status), soci::into(open_amount));
  for (const std::string& id : invoices) {
    if (found.count(id) == 0) reasons[id] = "deleted";
  }
  for (const auto& [id, hold] : ReadCollectionHolds(session, kind, invoices)) {
    if (reasons.count(id) != 0 || !hold.Any()) continue;
    reasons[id] = hold.disputed ? "disputed" : hold.in_plan ? "in_plan" : "promised";
  }
  return reasons;
}

}  // namespace duly::daemon
