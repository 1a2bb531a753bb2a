#include "daemon/store/soci_store.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "daemon/store/catalog_table.h"
#include "daemon/store/colleague_table.h"
#include "daemon/store/connections.h"
#include "daemon/store/customer_table.h"
#include "daemon/store/history_chain.h"
#include "daemon/store/invoice_table.h"
#include "daemon/store/migrator.h"
#include "daemon/store/opt_out_table.h"
#include "daemon/store/payment_table.h"
#include "daemon/store/soci_channel_store.h"
#include "daemon/store/store_error.h"
#include "daemon/store/timer_firing.h"
#include "daemon/store/timer_table.h"
#include "daemon/store/token_table.h"

namespace duly::daemon {
namespace {

// Liveness probe.
constexpr const char* kPing = "SELECT 1";

// The actor of the engine's own writes.
const Actor kEngine{"engine"};

// `after` of an event page: a seq, or empty for the first page.
Status ParseSeq(const std::string& text, std::int64_t& after) {
  if (text.empty()) return Status::Ok();
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), after);
  if (error != std::errc() || end != text.data() + text.size() || after < 0) {
    return FieldInvalid("/after", "must be the seq of an event, a whole number");
  }
  return Status::Ok();
}

// The event of a failed timer attempt.
std::string TimerFailedPayload(const Timer& timer, Instant until, const std::string& error) {
  return nlohmann::json{{"timer", timer.id},  {"kind", TimerKindName(timer.kind)},
                        {"step", timer.step}, {"attempt", timer.attempt + 1},
                        {"error", error},     {"retry_at", FormatInstantUtc(until)}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status CheckLimit(const PageRequest& page) {
  if (page.limit < 1 || page.limit > 1000) {
    return FieldInvalid("/limit", "must be from 1 to 1000, not " + std::to_string(page.limit));
  }
  return Status::Ok();
}

// The SociStore over one set of Connections (the channels' methods: SociChannelStore). Every
// method takes a lease for its duration; writes run in one WriteTransaction with one HistoryChain.
class SociStoreImpl final : public SociChannelStore {
 public:
  SociStoreImpl(std::unique_ptr<Connections> connections, const Clock& clock)
      : SociChannelStore(std::move(connections), clock) {}

  Result<int> Migrate() override {
    auto lease = connections_->Writer();
    return Migrator(*lease, kind(), EmbeddedMigrations(kind())).Apply(ToEpochMillis(clock_.Now()));
  }
  Result<std::vector<MigrationInfo>> Migrations() override {
    auto lease = connections_->Writer();
    return Migrator(*lease, kind(), EmbeddedMigrations(kind())).List();
  }
  DatabaseKind kind() const override { return connections_->kind(); }

  Result<UpsertSummary> UpsertCustomers(const std::vector<Customer>& customers,
                                        const Actor& actor) override {
    return Write<UpsertSummary>("upserting customers", actor,
                                [&](soci::session& s, HistoryChain& chain) {
                                  return CustomerTable(s, kind()).Upsert(customers, chain);
                                });
  }
  Result<Customer> GetCustomer(const std::string& id) override {
    return Read<Customer>("reading customer " + id, [&](soci::session& s) -> Result<Customer> {
      if (auto customer = CustomerTable(s, kind()).Find(id)) return *customer;
      return NotFound("customer " + id + " does not exist");
    });
  }
  Result<Page<Customer>> ListCustomers(const PageRequest& page) override {
    if (auto status = CheckLimit(page); !status) return status.error();
    return Read<Page<Customer>>("listing customers", [&](soci::session& s) {
      return Result<Page<Customer>>(CustomerTable(s, kind()).List(page.after, page.limit));
    });
  }

  Result<UpsertSummary> UpsertColleagues(const std::vector<Colleague>& colleagues,
                                         const Actor& actor) override {
    return Write<UpsertSummary>("upserting colleagues", actor,
                                [&](soci::session& s, HistoryChain& chain) {
                                  return ColleagueTable(s, kind()).Upsert(colleagues, chain);
                                });
  }
  Result<Colleague> GetColleague(const std::string& id) override {
    return Read<Colleague>("reading colleague " + id, [&](soci::session& s) -> Result<Colleague> {
      if (auto colleague = ColleagueTable(s, kind()).Find(id)) return *colleague;
      return NotFound("colleague " + id + " does not exist");
    });
  }
  Result<Page<Colleague>> ListColleagues(const PageRequest& page) override {
    if (auto status = CheckLimit(page); !status) return status.error();
    return Read<Page<Colleague>>("listing colleagues", [&](soci::session& s) {
      return Result<Page<Colleague>>(ColleagueTable(s, kind()).List(page.after, page.limit));
    });
  }

  Result<UpsertSummary> UpsertInvoices(const std::vector<Invoice>& invoices,
                                       const Actor& actor) override {
    return Write<UpsertSummary>("upserting invoices", actor,
                                [&](soci::session& s, HistoryChain& chain) {
                                  return InvoiceTable(s, kind()).Upsert(invoices, chain);
                                });
  }
  Result<Invoice> GetInvoice(const std::string& id) override {
    return Read<Invoice>("reading invoice " + id, [&](soci::session& s) -> Result<Invoice> {
      if (auto invoice = InvoiceTable(s, kind()).Find(id)) return *invoice;
      return NotFound("invoice " + id + " does not exist");
    });
  }
  Result<Page<Invoice>> ListInvoices(const InvoiceFilter& filter,
                                     const PageRequest& page) override {
    if (auto status = CheckLimit(page); !status) return status.error();
    return Read<Page<Invoice>>("listing invoices", [&](soci::session& s) {
      return Result<Page<Invoice>>(InvoiceTable(s, kind()).List(filter, page.after, page.limit));
    });
  }

  Result<UpsertSummary> PostPayments(const std::vector<Payment>& payments,
                                     const Actor& actor) override {
    return Write<UpsertSummary>("posting payments", actor,
                                [&](soci::session& s, HistoryChain& chain) {
                                  return PaymentTable(s, kind()).Post(payments, chain);
                                });
  }
  Result<Payment> GetPayment(const std::string& id) override {
    return Read<Payment>("reading payment " + id, [&](soci::session& s) -> Result<Payment> {
      if (auto payment = PaymentTable(s, kind()).Find(id)) return *payment;
      return NotFound("payment " + id + " does not exist");
    });
  }
  Result<Page<Payment>> ListPayments(const std::string& customer,
                                     const PageRequest& page) override {
    if (auto status = CheckLimit(page); !status) return status.error();
    return Read<Page<Payment>>("listing payments", [&](soci::session& s) {
      return Result<Page<Payment>>(PaymentTable(s, kind()).List(customer, page.after, page.limit));
    });
  }

  Result<Page<Event>> ListCustomerEvents(const std::string& customer,
                                         const PageRequest& page) override {
    if (auto status = CheckLimit(page); !status) return status.error();
    std::int64_t after = 0;
    if (auto status = ParseSeq(page.after, after); !status) return std::move(status).error();
    return Read<Page<Event>>("listing events of customer " + customer, [&](soci::session& s) {
      return Result<Page<Event>>(daemon::ListCustomerEvents(s, customer, after, page.limit));
    });
  }
  Result<Page<Event>> ListEvents(const PageRequest& page) override {
    if (auto status = CheckLimit(page); !status) return status.error();
    std::int64_t after = 0;
    if (auto status = ParseSeq(page.after, after); !status) return std::move(status).error();
    return Read<Page<Event>>("listing events", [&](soci::session& s) {
      return Result<Page<Event>>(daemon::ListEvents(s, after, page.limit));
    });
  }
  Result<HistoryVerdict> VerifyHistory() override {
    return Read<HistoryVerdict>("verifying the history", [&](soci::session& s) {
      return Result<HistoryVerdict>(daemon::VerifyHistory(s));
    });
  }

  Result<ApiToken> CreateToken(const ApiToken& token, const Actor& actor) override {
    return Write<ApiToken>("creating a token", actor, [&](soci::session& s, HistoryChain& chain) {
      return TokenTable(s).Create(token, chain);
    });
  }
  Result<ApiToken> FindTokenByHash(const std::string& hash) override {
    return Read<ApiToken>("finding a token", [&](soci::session& s) -> Result<ApiToken> {
      if (auto token = TokenTable(s).FindByHash(hash)) return *token;
      return NotFound("no token has this hash");
    });
  }
  Status RevokeToken(std::int64_t id, const Actor& actor) override {
    auto result = Write<bool>("revoking token " + std::to_string(id), actor,
                              [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
                                Status status = TokenTable(s).Revoke(id, chain);
                                if (!status) return std::move(status).error();
                                return true;
                              });
    if (!result) return std::move(result).error();
    return Status::Ok();
  }

  Status RecordOptOut(const std::string& customer, const std::string& channel,
                      const Actor& actor) override {
    if (!IsOptOutChannel(channel)) {
      return FieldInvalid("/channel",
                          "must be email, sms, whatsapp, letter or voice, not \"" + channel + "\"");
    }
    return Done(Write<bool>("recording an opt-out of customer " + customer, actor,
                            [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
                              return OptOutTable(s).Record(customer, channel, chain);
                            }));
  }

  // CatalogStore
  Result<WorkflowVersion> SaveWorkflow(const Workflow& workflow, const std::string& definition,
                                       const Actor& actor) override {
    return Write<WorkflowVersion>(
        "saving workflow " + workflow.id, actor, [&](soci::session& s, HistoryChain& chain) {
          return CatalogTable(s).SaveWorkflow(workflow, definition, chain);
        });
  }
  Result<std::vector<WorkflowVersion>> LatestWorkflows() override {
    return Read<std::vector<WorkflowVersion>>(
        "reading the latest workflows", [&](soci::session& s) {
          return Result<std::vector<WorkflowVersion>>(CatalogTable(s).Latest());
        });
  }
  Result<std::vector<WorkflowVersion>> WorkflowVersions(const std::string& id) override {
    return Read<std::vector<WorkflowVersion>>(
        "reading versions of workflow " + id,
        [&](soci::session& s) -> Result<std::vector<WorkflowVersion>> {
          auto versions = CatalogTable(s).Versions(id);
          if (versions.empty()) return NotFound("workflow " + id + " does not exist");
          return versions;
        });
  }
  Result<WorkflowVersion> GetWorkflowVersion(const std::string& id, std::int64_t version) override {
    return Read<WorkflowVersion>(
        "reading workflow " + id, [&](soci::session& s) -> Result<WorkflowVersion> {
          if (auto found = CatalogTable(s).Find(id, version)) return *found;
          if (version == 0) return NotFound("workflow " + id + " does not exist");
          return NotFound("workflow " + id + " has no version " + std::to_string(version));
        });
  }
  Result<SegmentsVersion> SaveSegments(const std::string& definition, const Actor& actor) override {
    return Write<SegmentsVersion>("saving segments", actor,
                                  [&](soci::session& s, HistoryChain& chain) {
                                    return CatalogTable(s).SaveSegments(definition, chain);
                                  });
  }
  Result<SegmentsVersion> LatestSegments() override {
    return Read<SegmentsVersion>("reading the latest segments", [&](soci::session& s) {
      return Result<SegmentsVersion>(CatalogTable(s).LatestSegments());
    });
  }
  Result<std::int64_t> CatalogRevision() override {
    return Read<std::int64_t>("reading the catalog revision", [&](soci::session& s) {
      return Result<std::int64_t>(CatalogTable(s).Revision());
    });
  }

  // TimerStore
  Result<FireReport> FireDueTimers(Instant now, int limit, const FactRequest& facts,
                                   bool with_colleagues, const TimerDecision& decide) override {
    return Transact<FireReport>("firing due timers", [&](soci::session& s) {
      return FireTimers(s, kind(), now, limit, facts, with_colleagues, decide);
    });
  }
  Result<std::optional<Instant>> NextTimerDue() override {
    return Read<std::optional<Instant>>("reading the next due timer", [&](soci::session& s) {
      return Result<std::optional<Instant>>(TimerTable(s, kind()).NextDue());
    });
  }
  Result<std::vector<Timer>> PeekDueTimers(Instant now, int limit) override {
    if (limit < 1) return FieldInvalid("/limit", "must be at least 1");
    return Read<std::vector<Timer>>("reading due timers", [&](soci::session& s) {
      return Result<std::vector<Timer>>(TimerTable(s, kind()).Due(now, limit, false));
    });
  }
  Status PostponeTimer(std::int64_t timer_id, Instant until, const std::string& error) override {
    return Done(Transact<bool>(
        "postponing timer " + std::to_string(timer_id), [&](soci::session& s) -> Result<bool> {
          TimerTable timers(s, kind());
          // The timer before the history head, in the order FireDueTimers takes them.
          auto timer = timers.ById(timer_id, true);
          if (!timer) return NotFound("timer " + std::to_string(timer_id) + " does not exist");
          HistoryChain chain(s, kind(), clock_.Now(), kEngine.name);
          timers.Postpone(timer_id, until);
          auto invoice = InvoiceTable(s, kind()).Find(timer->invoice);
          chain.Append("engine.timer_failed", invoice ? invoice->customer : "", timer->invoice,
                       TimerFailedPayload(*timer, until, error));
          chain.Close();
          return true;
        }));
  }
  Result<std::int64_t> PendingTimers() override {
    return Read<std::int64_t>("counting timers", [&](soci::session& s) {
      return Result<std::int64_t>(TimerTable(s, kind()).Count());
    });
  }
  Result<std::optional<Instance>> GetInstance(const std::string& invoice) override {
    return Read<std::optional<Instance>>("reading the instance of " + invoice,
                                         [&](soci::session& s) {
                                           auto found = TimerTable(s, kind()).Instances({invoice});
                                           std::optional<Instance> instance;
                                           if (!found.empty()) instance = found.begin()->second;
                                           return Result<std::optional<Instance>>(instance);
                                         });
  }
  Result<std::optional<Timer>> GetTimer(const std::string& invoice) override {
    return Read<std::optional<Timer>>("reading the timer of " + invoice, [&](soci::session& s) {
      return Result<std::optional<Timer>>(TimerTable(s, kind()).ForInvoice(invoice));
    });
  }
  Result<std::vector<StoredStepRun>> StepRuns(const std::string& invoice) override {
    return Read<std::vector<StoredStepRun>>("reading step runs", [&](soci::session& s) {
      return Result<std::vector<StoredStepRun>>(TimerTable(s, kind()).Runs(invoice));
    });
  }

  Status Ping() override {
    auto result = Read<bool>("ping", [&](soci::session& s) {
      int one = 0;
      s << kPing, soci::into(one);
      return Result<bool>(one == 1);
    });
    if (!result) {
      Error error = std::move(result).error();
      error.code = ErrorCode::kUnavailable;
      return error;
    }
    return Status::Ok();
  }
};

}  // namespace

Result<std::unique_ptr<SociStore>> OpenStore(const DatabaseUrl& url, const Clock& clock,
                                             const StoreOptions& options) {
  std::unique_ptr<Connections> connections;
  try {
    connections = std::make_unique<Connections>(url, options);
  } catch (const std::exception& failure) {
    Error error = StoreError(failure, "opening " + url.Redacted());
    error.code = ErrorCode::kUnavailable;
    return error;
  }
  auto store = std::make_unique<SociStoreImpl>(std::move(connections), clock);
  if (options.migrate) {
    auto applied = store->Migrate();
    if (!applied) return std::move(applied).error();
  }
  return std::unique_ptr<SociStore>(std::move(store));
}

}  // namespace duly::daemon
