#include "tests/integration/engine_crash_effects.h"

#include <algorithm>
#include <exception>

#include <nlohmann/json.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace duly::testing {
namespace {

// Read straight from the tables of daemon/store/migrations/0002_engine.*.sql, whatever state the
// rows are in (pending, leased, sent: a row that exists is an effect that was written).
constexpr const char* kOutboxRows = "SELECT recipient_kind, items FROM outbox_messages";
constexpr const char* kCallTaskRows = "SELECT items FROM call_tasks";

// Adds one count per {invoice, step} element of the JSON array `items`. Returns the element
// count, or -1 when `items` is not such an array or an item names no step.
std::int64_t CountItems(const std::string& items, std::map<std::string, int>& tally) {
  nlohmann::json parsed = nlohmann::json::parse(items, nullptr, false);
  if (!parsed.is_array()) return -1;
  for (const nlohmann::json& item : parsed) {
    if (!item.is_object() || !item.contains("invoice") || !item.contains("step")) return -1;
    std::string step = item["step"].get<std::string>();
    if (step.empty()) return -1;
    ++tally[item["invoice"].get<std::string>() + "|" + step];
  }
  return static_cast<std::int64_t>(parsed.size());
}

}  // namespace

Result<CrashEffects> ReadCrashEffects(const daemon::DatabaseUrl& url) {
  CrashEffects effects;
  try {
    soci::session session(url.kind == daemon::DatabaseKind::kSqlite
                              ? static_cast<const soci::backend_factory&>(soci::sqlite3)
                              : static_cast<const soci::backend_factory&>(soci::postgresql),
                          url.soci_connect);
    soci::rowset<soci::row> outbox = session.prepare << kOutboxRows;
    for (const soci::row& row : outbox) {
      bool to_customer = row.get<std::string>(0) == "customer";
      std::int64_t listed = CountItems(row.get<std::string>(1),
                                       to_customer ? effects.message_items : effects.notifications);
      if (listed < 0) {
        return Error{ErrorCode::kInternal, "outbox items are no {invoice, step} array", {}};
      }
      if (to_customer) {
        ++effects.messages;
        effects.largest_bundle = std::max(effects.largest_bundle, listed);
      }
    }
    soci::rowset<soci::row> calls = session.prepare << kCallTaskRows;
    for (const soci::row& row : calls) {
      if (CountItems(row.get<std::string>(0), effects.call_task_items) < 0) {
        return Error{ErrorCode::kInternal, "call task items are no {invoice, step} array", {}};
      }
      ++effects.call_tasks;
    }
  } catch (const std::exception& error) {
    return Error{ErrorCode::kInternal, std::string("reading the effects: ") + error.what(), {}};
  }
  return effects;
}

}  // namespace duly::testing
