// SociCaseStore::ResolveCase: closing a case and applying its resolution to the invoices
// (soci_case_store.h, case_store.h).
#include <nlohmann/json.hpp>

#include "daemon/store/case_messages.h"
#include "daemon/store/case_table.h"
#include "daemon/store/customer_table.h"
#include "daemon/store/soci_case_store.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

// Credit every open invoice of the case: nothing is left to collect.
constexpr const char* kCredit =
    "UPDATE invoices SET status = 'credited', open_amount = 0, updated_at = :at"
    " WHERE id = :id AND status = 'open'";
constexpr const char* kSelectAmounts =
    "SELECT amount, open_amount, due, status FROM invoices WHERE id = :id";
constexpr const char* kCorrect =
    "UPDATE invoices SET amount = :amount, open_amount = :open_amount, due = :due,"
    " status = CASE WHEN :open_check = 0 AND status = 'open' THEN 'paid' ELSE status END,"
    " updated_at = :at WHERE id = :id";
// A paused instance looks again at once (its recheck timer is due now).
constexpr const char* kWake =
    "UPDATE timers SET due_at = :now WHERE invoice = :id AND kind = 'recheck' AND due_at > :later";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Result<ComplaintCase> SociCaseStore::ResolveCase(std::int64_t id, const CaseResolution& resolution,
                                                 const Actor& actor) {
  return Write<ComplaintCase>(
      "resolving case " + std::to_string(id), actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<ComplaintCase> {
        const DatabaseKind kind = connections_->kind();
        CaseTable cases(s, kind);
        auto found = cases.Find(id, true);
        if (!found) return NotFound("case " + std::to_string(id) + " does not exist");
        if (IsCaseClosed(found->state)) {
          return Conflict("case " + std::to_string(id) + " is " + CaseStateName(found->state));
        }
        std::vector<FieldError> errors = Validate(resolution, found->invoices);
        if (!errors.empty()) return InvalidArgument("the resolution is not valid", errors);
        long long at = ToEpochMillis(chain.at());
        json effects = json::object();
        switch (resolution.kind) {
          case ResolutionKind::kCreditNote: {
            json credited = json::array();
            for (const std::string& invoice : found->invoices) {
              soci::statement update =
                  (s.prepare << kCredit, soci::use(at, "at"), soci::use(invoice, "id"));
              update.execute(true);
              if (update.get_affected_rows() > 0) credited.push_back(invoice);
            }
            effects["credited"] = credited;
            break;
          }
          case ResolutionKind::kCorrectedInvoice: {
            const std::string invoice = CorrectedInvoice(resolution, found->invoices);
            long long amount = 0, open_amount = 0;
            std::string due, status;
            s << kSelectAmounts, soci::use(invoice, "id"), soci::into(amount),
                soci::into(open_amount), soci::into(due), soci::into(status);
            if (!s.got_data()) return NotFound("invoice " + invoice + " does not exist");
            if (status != "open") {
              return Error{ErrorCode::kPolicy,
                           "invoice " + invoice + " is " + status,
                           {{"/invoice", "only an open invoice can be corrected"}}};
            }
            const long long paid = amount - open_amount;
            long long new_amount = resolution.new_amount ? resolution.new_amount->cents() : amount;
            if (new_amount < paid) {
              return Error{ErrorCode::kPolicy,
                           "invoice " + invoice + " already has " +
                               Money::FromCents(paid).ToString() + " paid",
                           {{"/new_amount", "must be at least what is already paid (" +
                                                Money::FromCents(paid).ToString() + ")"}}};
            }
            long long new_open = new_amount - paid;
            const std::string new_due =
                resolution.new_due ? FormatCalendarDate(*resolution.new_due) : due;
            s << kCorrect, soci::use(new_amount, "amount"), soci::use(new_open, "open_amount"),
                soci::use(new_due, "due"), soci::use(new_open, "open_check"), soci::use(at, "at"),
                soci::use(invoice, "id");
            effects["corrected"] = {{"invoice", invoice},
                                    {"amount", {{"from", amount}, {"to", new_amount}}},
                                    {"due", {{"from", due}, {"to", new_due}}}};
            break;
          }
          case ResolutionKind::kExplained: {
            std::optional<Customer> customer = CustomerTable(s, kind).Find(found->customer);
            if (!customer) return NotFound("customer " + found->customer + " does not exist");
            effects["message"] = CaseMessages(s, chain.at(), policy_.time_zone)
                                     .ToCustomer(*found, *customer, "complaint_explained");
            break;
          }
          case ResolutionKind::kOther:
            break;
        }
        for (const std::string& invoice : found->invoices) {
          s << kWake, soci::use(at, "now"), soci::use(invoice, "id"), soci::use(at, "later");
        }
        const CaseState closed = resolution.kind == ResolutionKind::kExplained
                                     ? CaseState::kRejected
                                     : CaseState::kResolved;
        cases.SetClosed(id, closed, chain.at(), ResolutionJson(resolution));
        chain.Append("case.resolved", found->customer,
                     found->invoices.empty() ? "" : found->invoices.front(),
                     Dump(json{{"case", id},
                               {"state", CaseStateName(closed)},
                               {"resolution", json::parse(ResolutionJson(resolution))},
                               {"effects", effects},
                               {"on_time", chain.at() <= found->deadline_at}}));
        return *cases.Find(id);
      });
}

}  // namespace duly::daemon
