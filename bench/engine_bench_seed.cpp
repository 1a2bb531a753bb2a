#include "bench/engine_bench_seed.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "workflows/workflow_parser.h"

namespace duly::bench {
namespace {

constexpr std::int64_t kInvoicesPerCustomer = 5;
constexpr std::int64_t kBatch = 10'000;

const char* const kSegments = R"({"segments": [{"id": "everyone", "priority": 1, "when": {}}]})";
const char* const kWorkflow = R"({
  "id": "bench", "name": "Bench", "segment": "everyone",
  "steps": [ { "id": "reminder", "at": "due+0d",
               "action": { "type": "message", "channel": "email",
                           "template": "reminder-friendly" } } ]
})";

// Bulk rows in the tables of daemon/store/migrations/0002_engine.*.sql: `series` numbers 0..n-1,
// then customers (five invoices each), open invoices, active instances of workflow "bench" and
// their step timers, all for ids "Q<n>". The same SQL runs on both databases.
constexpr const char* kSqliteSeries =
    "WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series WHERE i + 1 < :n) ";
constexpr const char* kPostgresSeries = "WITH series(i) AS (SELECT generate_series(0, :n - 1)) ";
constexpr const char* kInsertCustomers =
    "INSERT INTO customers (id, name, kind, language, email, phone, whatsapp, "
    "preferred_channels, contacts, street, postal_code, city, country, account_manager, tags, "
    "vat_number, iban, time_zone, credit_limit, currency, content_hash, created_at, updated_at) "
    "SELECT 'QC' || i, 'Pending ' || i, 'b2b', 'nl', 'q' || i || '@bench.example', '', 0, '[]', "
    "'[]', '', '', '', 'NL', '', '[]', '', '', '', NULL, 'EUR', '', :now, :now FROM series";
constexpr const char* kInsertInvoices =
    "INSERT INTO invoices (id, customer, kind, issued, due, amount, open_amount, currency, "
    "po_number, reference, credits_invoice, status, content_hash, created_at, updated_at) "
    "SELECT 'Q' || i, 'QC' || (i / 5), 'invoice', :issued, :due, 10000, 10000, 'EUR', '', '', "
    "'', 'open', '', :now, :now FROM series";
constexpr const char* kInsertInstances =
    "INSERT INTO workflow_instances (invoice, customer, segment, workflow, version, state, "
    "next_step, reason, updated_at) "
    "SELECT 'Q' || i, 'QC' || (i / 5), 'everyone', 'bench', 1, 'active', 'reminder', '', :now "
    "FROM series";
constexpr const char* kInsertTimers =
    "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at) "
    "SELECT 'step', 'Q' || i, 'reminder', :at, 0, :now FROM series";
// Step timers of the invoices "<prefix><n>" due at :from + n * :spread / :count.
constexpr const char* kSpreadTimers =
    "UPDATE timers SET due_at = :from + CAST(substr(invoice, :skip) AS BIGINT) * :spread / :count "
    "WHERE kind = 'step' AND invoice LIKE :pattern";

Status FromSoci(const std::string& what, const std::exception& error) {
  return Error{ErrorCode::kInternal, what + ": " + error.what(), {}};
}

std::unique_ptr<soci::session> Open(const daemon::DatabaseUrl& url) {
  return std::make_unique<soci::session>(
      url.kind == daemon::DatabaseKind::kSqlite
          ? static_cast<const soci::backend_factory&>(soci::sqlite3)
          : static_cast<const soci::backend_factory&>(soci::postgresql),
      url.soci_connect);
}

}  // namespace

Status SaveBenchCatalog(CatalogStore& catalog) {
  const Actor actor{"bench"};
  Result<SegmentRules> segments = ParseSegmentsText(kSegments);
  if (!segments) return segments.error();
  if (Result<SegmentsVersion> saved = catalog.SaveSegments(kSegments, actor); !saved) {
    return saved.error();
  }
  Result<Workflow> workflow = ParseWorkflowText(kWorkflow);
  if (!workflow) return workflow.error();
  if (Result<WorkflowVersion> saved = catalog.SaveWorkflow(*workflow, kWorkflow, actor); !saved) {
    return saved.error();
  }
  return {};
}

Status CreateBenchInvoices(Store& store, const std::string& prefix, std::int64_t count,
                           CalendarDate due) {
  const Actor actor{"bench"};
  const std::int64_t customers = (count + kInvoicesPerCustomer - 1) / kInvoicesPerCustomer;
  for (std::int64_t first = 0; first < customers; first += kBatch) {
    std::vector<Customer> batch;
    for (std::int64_t c = first; c < std::min(customers, first + kBatch); ++c) {
      Customer customer;
      customer.id = prefix + "C" + std::to_string(c);
      customer.name = "Customer " + customer.id;
      customer.email = "c" + std::to_string(c) + "@bench.example";
      batch.push_back(std::move(customer));
    }
    if (auto upserted = store.UpsertCustomers(batch, actor); !upserted) return upserted.error();
  }
  for (std::int64_t first = 0; first < count; first += kBatch) {
    std::vector<Invoice> batch;
    for (std::int64_t i = first; i < std::min(count, first + kBatch); ++i) {
      Invoice invoice;
      invoice.id = prefix + std::to_string(i);
      invoice.customer = prefix + "C" + std::to_string(i / kInvoicesPerCustomer);
      invoice.issued = due - date::days(30);
      invoice.due = due;
      invoice.amount = Money::FromCents(10'000 + i % 5'000);
      batch.push_back(std::move(invoice));
    }
    if (auto upserted = store.UpsertInvoices(batch, actor); !upserted) return upserted.error();
  }
  return {};
}

Status InsertPendingTimers(const daemon::DatabaseUrl& url, std::int64_t count, Instant at) {
  try {
    std::unique_ptr<soci::session> session = Open(url);
    if (url.kind == daemon::DatabaseKind::kSqlite) *session << "PRAGMA busy_timeout = 30000";
    const std::string series =
        url.kind == daemon::DatabaseKind::kSqlite ? kSqliteSeries : kPostgresSeries;
    const std::int64_t customers = (count + kInvoicesPerCustomer - 1) / kInvoicesPerCustomer;
    const std::int64_t now = ToEpochMillis(at) - 86'400'000;
    const std::int64_t due_at = ToEpochMillis(at);
    const std::string due = FormatCalendarDate(LocalDay(at, "UTC"));
    const std::string issued = FormatCalendarDate(LocalDay(at, "UTC") - date::days(30));
    soci::transaction transaction(*session);
    *session << series + kInsertCustomers, soci::use(customers, "n"), soci::use(now, "now");
    *session << series + kInsertInvoices, soci::use(count, "n"), soci::use(issued, "issued"),
        soci::use(due, "due"), soci::use(now, "now");
    *session << series + kInsertInstances, soci::use(count, "n"), soci::use(now, "now");
    *session << series + kInsertTimers, soci::use(count, "n"), soci::use(due_at, "at"),
        soci::use(now, "now");
    transaction.commit();
    if (url.kind == daemon::DatabaseKind::kPostgresql) *session << "ANALYZE";
  } catch (const std::exception& error) {
    return FromSoci("inserting pending timers", error);
  }
  return {};
}

Status SpreadStepTimers(const daemon::DatabaseUrl& url, const std::string& prefix,
                        std::int64_t count, Instant from, std::chrono::milliseconds spread) {
  try {
    std::unique_ptr<soci::session> session = Open(url);
    if (url.kind == daemon::DatabaseKind::kSqlite) *session << "PRAGMA busy_timeout = 30000";
    const std::int64_t from_ms = ToEpochMillis(from);
    const std::int64_t spread_ms = spread.count();
    const int skip = static_cast<int>(prefix.size()) + 1;
    const std::string pattern = prefix + "%";
    *session << kSpreadTimers, soci::use(from_ms, "from"), soci::use(skip, "skip"),
        soci::use(spread_ms, "spread"), soci::use(count, "count"), soci::use(pattern, "pattern");
  } catch (const std::exception& error) {
    return FromSoci("spreading timers", error);
  }
  return {};
}

}  // namespace duly::bench
