#include "daemon/store/soci_store.h"

#include <charconv>

#include "daemon/store/colleague_table.h"
#include "daemon/store/connections.h"
#include "daemon/store/customer_table.h"
#include "daemon/store/history_chain.h"
#include "daemon/store/invoice_table.h"
#include "daemon/store/migrator.h"
#include "daemon/store/payment_table.h"
#include "daemon/store/store_error.h"
#include "daemon/store/token_table.h"
#include "daemon/store/write_transaction.h"

namespace duly::daemon {
namespace {

// Liveness probe.
constexpr const char* kPing = "SELECT 1";

Status CheckLimit(const PageRequest& page) {
  if (page.limit < 1 || page.limit > 1000) {
    return FieldInvalid("/limit", "must be from 1 to 1000, not " + std::to_string(page.limit));
  }
  return Status::Ok();
}

// The SociStore over one set of Connections. Every method takes a lease for its duration; writes
// run in one WriteTransaction with one HistoryChain.
class SociStoreImpl final : public SociStore {
 public:
  SociStoreImpl(std::unique_ptr<Connections> connections, const Clock& clock)
      : connections_(std::move(connections)), clock_(clock) {}

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
    if (!page.after.empty()) {
      auto [end, error] =
          std::from_chars(page.after.data(), page.after.data() + page.after.size(), after);
      if (error != std::errc() || end != page.after.data() + page.after.size() || after < 0) {
        return FieldInvalid("/after", "must be the seq of an event, a whole number");
      }
    }
    return Read<Page<Event>>("listing events of customer " + customer, [&](soci::session& s) {
      return Result<Page<Event>>(daemon::ListCustomerEvents(s, customer, after, page.limit));
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

 private:
  // One write transaction: body's error rolls everything back, including its events.
  template <typename T, typename Body>
  Result<T> Write(const std::string& context, const Actor& actor, Body&& body) {
    return Guarded<Result<T>>(context, [&]() -> Result<T> {
      auto lease = connections_->Writer();
      try {
        WriteTransaction transaction(*lease, kind());
        HistoryChain chain(*lease, kind(), clock_.Now(), actor.name);
        Result<T> result = body(*lease, chain);
        if (!result) return result;
        chain.Close();
        transaction.Commit();
        return result;
      } catch (const soci::soci_error&) {
        connections_->Recover(*lease);
        throw;
      }
    });
  }

  template <typename T, typename Body>
  Result<T> Read(const std::string& context, Body&& body) {
    return Guarded<Result<T>>(context, [&]() -> Result<T> {
      auto lease = connections_->Reader();
      try {
        return body(*lease);
      } catch (const soci::soci_error&) {
        connections_->Recover(*lease);
        throw;
      }
    });
  }

  std::unique_ptr<Connections> connections_;
  const Clock& clock_;
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
