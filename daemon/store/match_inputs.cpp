#include "daemon/store/match_inputs.h"

#include <map>
#include <vector>

#include "workflows/calendar_date.h"

namespace duly::daemon {
namespace {

// How many open items there are, to size the index before filling it.
constexpr const char* kCountOpenItems =
    "SELECT COUNT(*) FROM invoices WHERE status = 'open' AND open_amount > 0";
// Every open invoice and credit note.
constexpr const char* kSelectOpenItems =
    "SELECT id, customer, kind, open_amount, currency, due, reference, credits_invoice"
    " FROM invoices WHERE status = 'open' AND open_amount > 0";
// Every customer's name and own account.
constexpr const char* kSelectCustomers = "SELECT id, name, iban FROM customers";
// The accounts customers paid from before.
constexpr const char* kSelectPayerAccounts = "SELECT customer, iban FROM payer_accounts";
// Is this account known for this customer?
constexpr const char* kCountPayerAccount =
    "SELECT COUNT(*) FROM payer_accounts WHERE customer = :customer AND iban = :iban";
// Remember an account a customer paid from.
constexpr const char* kInsertPayerAccount =
    "INSERT INTO payer_accounts (customer, iban, created_at) VALUES (:customer, :iban, :at)";

}  // namespace

Status LoadMatchIndex(soci::session& session, MatchIndex& index) {
  long long count = 0;
  session << kCountOpenItems, soci::into(count);
  index.Reserve(static_cast<std::size_t>(count));
  {
    OpenItem item;
    std::string kind;
    std::string due;
    long long open = 0;
    soci::statement select =
        (session.prepare << kSelectOpenItems, soci::into(item.id), soci::into(item.customer),
         soci::into(kind), soci::into(open), soci::into(item.currency), soci::into(due),
         soci::into(item.reference), soci::into(item.credits_invoice));
    select.execute();
    while (select.fetch()) {
      item.kind = kind == "credit_note" ? InvoiceKind::kCreditNote : InvoiceKind::kInvoice;
      item.open_amount = Money::FromCents(open);
      auto day = ParseCalendarDate(due);
      if (!day) return Error{ErrorCode::kInternal, "invoice " + item.id + " has due " + due, {}};
      item.due = *day;
      if (auto added = index.AddItem(item); !added) {
        return Error{ErrorCode::kInternal,
                     "invoice " + item.id + " cannot be matched: " + added.error().message,
                     {}};
      }
    }
  }
  std::map<std::string, KnownCustomer> customers;
  {
    std::string id;
    std::string name;
    std::string iban;
    soci::statement select =
        (session.prepare << kSelectCustomers, soci::into(id), soci::into(name), soci::into(iban));
    select.execute();
    while (select.fetch()) {
      KnownCustomer& customer = customers[id];
      customer.id = id;
      customer.name = name;
      if (!iban.empty()) customer.ibans.push_back(iban);
    }
  }
  {
    std::string id;
    std::string iban;
    soci::statement select =
        (session.prepare << kSelectPayerAccounts, soci::into(id), soci::into(iban));
    select.execute();
    while (select.fetch()) {
      auto it = customers.find(id);
      if (it != customers.end()) it->second.ibans.push_back(iban);
    }
  }
  for (const auto& [id, customer] : customers) {
    if (auto added = index.AddCustomer(customer); !added) {
      return Error{ErrorCode::kInternal,
                   "customer " + id + " cannot be matched: " + added.error().message,
                   {}};
    }
  }
  return Status::Ok();
}

bool RememberPayerAccount(soci::session& session, const std::string& customer,
                          const std::string& iban, long long now) {
  long long count = 0;
  session << kCountPayerAccount, soci::use(customer, "customer"), soci::use(iban, "iban"),
      soci::into(count);
  if (count > 0) return false;
  session << kInsertPayerAccount, soci::use(customer, "customer"), soci::use(iban, "iban"),
      soci::use(now, "at");
  return true;
}

}  // namespace duly::daemon
