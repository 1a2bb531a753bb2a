#include "daemon/store/invoice_balance.h"

#include "daemon/store/bulk_ids.h"

namespace duly::daemon {
namespace {

// Settlement columns of the invoices among a batch's ids.
constexpr const char* kSelectBalances =
    "SELECT id, customer, currency, due, kind, credits_invoice, status, content_hash, amount,"
    " open_amount FROM invoices WHERE id";
// A customer's open invoices in one currency, oldest due date first (automatic allocation).
constexpr const char* kSelectOpenInvoices =
    "SELECT id, customer, currency, due, kind, credits_invoice, status, content_hash, amount,"
    " open_amount FROM invoices WHERE customer = :customer AND currency = :currency"
    " AND kind = 'invoice' AND open_amount > 0 ORDER BY due, id";
// Store a changed open amount and status.
constexpr const char* kUpdateBalance =
    "UPDATE invoices SET open_amount = :open, status = :status, updated_at = :now WHERE id = :id";

struct BalanceRow {
  std::string id;
  InvoiceBalance balance;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(balance.customer));
    st.exchange(soci::into(balance.currency));
    st.exchange(soci::into(balance.due));
    st.exchange(soci::into(balance.kind));
    st.exchange(soci::into(balance.credits_invoice));
    st.exchange(soci::into(balance.status));
    st.exchange(soci::into(balance.content_hash));
    st.exchange(soci::into(balance.amount));
    st.exchange(soci::into(balance.open));
  }
};

}  // namespace

std::map<std::string, InvoiceBalance> LoadInvoiceBalances(soci::session& session, DatabaseKind kind,
                                                          const std::vector<std::string>& ids) {
  std::map<std::string, InvoiceBalance> balances;
  if (ids.empty()) return balances;
  const std::string sql = WithIdsIn(kind, kSelectBalances);
  std::string json_ids = IdsJson(ids);
  BalanceRow row;
  soci::statement select(session);
  row.Bind(select);
  select.exchange(soci::use(json_ids, "ids"));
  select.alloc();
  select.prepare(sql);
  select.define_and_bind();
  select.execute();
  while (select.fetch()) balances.emplace(row.id, row.balance);
  return balances;
}

std::vector<std::pair<std::string, InvoiceBalance>> LoadOpenInvoices(soci::session& session,
                                                                     const std::string& customer,
                                                                     const std::string& currency) {
  std::vector<std::pair<std::string, InvoiceBalance>> open;
  BalanceRow row;
  soci::statement select(session);
  row.Bind(select);
  select.exchange(soci::use(customer, "customer"));
  select.exchange(soci::use(currency, "currency"));
  select.alloc();
  select.prepare(kSelectOpenInvoices);
  select.define_and_bind();
  select.execute();
  while (select.fetch()) open.emplace_back(row.id, row.balance);
  return open;
}

std::string SettledStatus(const InvoiceBalance& balance, bool settled_by_credit_only) {
  if (balance.status == "written_off") return balance.status;
  if (balance.open > 0) return "open";
  return settled_by_credit_only ? "credited" : "paid";
}

BalanceWriter::BalanceWriter(soci::session& session)
    : update_((session.prepare << kUpdateBalance, soci::use(open_, "open"),
               soci::use(status_, "status"), soci::use(now_, "now"), soci::use(id_, "id"))) {}

void BalanceWriter::Save(const std::string& id, const InvoiceBalance& balance, long long now) {
  id_ = id;
  status_ = balance.status;
  open_ = balance.open;
  now_ = now;
  update_.execute(true);
}

}  // namespace duly::daemon
