#include "daemon/store/soci_promise_store.h"

#include <map>

#include <nlohmann/json.hpp>

#include "daemon/store/customer_table.h"
#include "daemon/store/invoice_table.h"
#include "daemon/store/plan_effects.h"
#include "daemon/store/promise_table.h"
#include "workflows/plans/plan_policy.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json PromiseEvent(const Promise& promise) {
  return {{"promise", promise.id},
          {"invoices", promise.invoices},
          {"amount", promise.amount.ToString()},
          {"promised_on", FormatCalendarDate(promise.promised_on)},
          {"source", PromiseSourceName(promise.source)}};
}

// Checks the promise's invoices: the customer's, open; returns their open amount.
Result<Money> CheckInvoices(soci::session& session, DatabaseKind kind, const NewPromise& promise) {
  std::map<std::string, Invoice> found;
  for (Invoice& invoice : InvoiceTable(session, kind).FindMany(promise.invoices)) {
    found.emplace(invoice.id, std::move(invoice));
  }
  std::vector<FieldError> errors;
  Money open;
  for (std::size_t i = 0; i < promise.invoices.size(); ++i) {
    const std::string field = "/invoices/" + std::to_string(i);
    auto invoice = found.find(promise.invoices[i]);
    if (invoice == found.end() || invoice->second.customer != promise.customer ||
        invoice->second.kind != InvoiceKind::kInvoice) {
      errors.push_back({field, "invoice " + promise.invoices[i] +
                                   " is not an invoice of customer " + promise.customer});
    } else if (invoice->second.status != InvoiceStatus::kOpen ||
               invoice->second.open_amount <= Money()) {
      errors.push_back({field, "invoice " + promise.invoices[i] + " is not open"});
    } else {
      open += invoice->second.open_amount;
    }
  }
  if (!errors.empty()) return InvalidArgument("the promise names invoices it cannot", errors);
  if (promise.amount > open) {
    const std::string currency = found.begin()->second.currency;
    return FieldInvalid("/amount", AmountText(promise.amount, currency) +
                                       " is more than the invoices' open amount " +
                                       AmountText(open, currency));
  }
  return open;
}

}  // namespace

Result<Promise> SociPromiseStore::RecordPromise(const NewPromise& promise, const Actor& actor) {
  if (auto errors = CheckNewPromise(promise); !errors.empty()) {
    return InvalidArgument("the promise is not valid", std::move(errors));
  }
  return Write<Promise>(
      "record promise", actor, [&](soci::session& session, HistoryChain& chain) -> Result<Promise> {
        const DatabaseKind kind = connections_->kind();
        if (!CustomerTable(session, kind).Find(promise.customer)) {
          return NotFound("customer " + promise.customer + " does not exist");
        }
        auto open = CheckInvoices(session, kind, promise);
        if (!open) return std::move(open).error();
        Promise stored;
        stored.customer = promise.customer;
        stored.invoices = promise.invoices;
        stored.amount = promise.amount;
        stored.promised_on = promise.promised_on;
        stored.source = promise.source;
        stored.note = promise.note;
        stored.open_at = *open;
        stored.recorded_by = actor.name;
        stored.created_at = chain.at();
        PromiseTable table(session, kind);
        stored.id = table.Insert(stored);
        json payload = PromiseEvent(stored);
        payload["open_amount"] = stored.open_at.ToString();
        chain.Append("promise.recorded", stored.customer, stored.invoices.front(), Dump(payload));
        return stored;
      });
}

Result<Promise> SociPromiseStore::GetPromise(std::int64_t id) {
  return Read<Promise>("get promise", [&](soci::session& session) -> Result<Promise> {
    auto found = PromiseTable(session, connections_->kind()).Find(id);
    if (!found) return NotFound("promise " + std::to_string(id) + " does not exist");
    return *found;
  });
}

Result<std::vector<Promise>> SociPromiseStore::ListPromises(const PromiseFilter& filter) {
  if (filter.limit < 1 || filter.limit > 1000) {
    return FieldInvalid("/limit", "must be 1 to 1000");
  }
  return Read<std::vector<Promise>>("list promises", [&](soci::session& session) {
    return Result<std::vector<Promise>>(PromiseTable(session, connections_->kind()).List(filter));
  });
}

Result<Promise> SociPromiseStore::CancelPromise(std::int64_t id, const Actor& actor) {
  return Write<Promise>("cancel promise", actor,
                        [&](soci::session& session, HistoryChain& chain) -> Result<Promise> {
                          PromiseTable table(session, connections_->kind());
                          auto found = table.Find(id, true);
                          if (!found)
                            return NotFound("promise " + std::to_string(id) + " does not exist");
                          if (found->state != PromiseState::kOpen) {
                            return Conflict("promise " + std::to_string(id) + " is already " +
                                            PromiseStateName(found->state));
                          }
                          table.Close(id, PromiseState::kCancelled, chain.at());
                          found->state = PromiseState::kCancelled;
                          found->closed_at = chain.at();
                          chain.Append("promise.cancelled", found->customer,
                                       found->invoices.front(), Dump(PromiseEvent(*found)));
                          return *found;
                        });
}

Result<PromiseRound> SociPromiseStore::EvaluatePromises(Instant now) {
  const CalendarDate today = LocalDay(now, settings_.time_zone);
  const int grace = settings_.promise_grace_days;
  auto due = Read<bool>("evaluate promises", [&](soci::session& session) -> Result<bool> {
    const DatabaseKind kind = connections_->kind();
    for (const Promise& promise : PromiseTable(session, kind).Open()) {
      const Money open_now = OpenAmount(session, kind, promise.invoices);
      if (EvaluatePromise(promise, open_now, today, grace) != PromiseState::kOpen) return true;
    }
    return false;
  });
  if (!due) return std::move(due).error();
  if (!*due) return PromiseRound{};
  return Write<PromiseRound>(
      "evaluate promises", Actor{"plans"}, [&](soci::session& session, HistoryChain& chain) {
        const DatabaseKind kind = connections_->kind();
        PromiseTable table(session, kind);
        PromiseRound round;
        for (const Promise& promise : table.Open()) {
          const Money open_now = OpenAmount(session, kind, promise.invoices);
          const PromiseState verdict = EvaluatePromise(promise, open_now, today, grace);
          if (verdict == PromiseState::kOpen) continue;
          table.Close(promise.id, verdict, chain.at());
          json payload = PromiseEvent(promise);
          payload["paid"] = Max(promise.open_at - open_now, Money()).ToString();
          if (verdict == PromiseState::kKept) {
            round.kept += 1;
            chain.Append("promise.kept", promise.customer, promise.invoices.front(), Dump(payload));
          } else {
            round.broken += 1;
            chain.Append("promise.broken", promise.customer, promise.invoices.front(),
                         Dump(payload));
            OpenPromiseCall(session, kind, chain, promise, now, settings_.time_zone);
          }
        }
        return Result<PromiseRound>(round);
      });
}

}  // namespace duly::daemon
