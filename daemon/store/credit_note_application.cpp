#include "daemon/store/credit_note_application.h"

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/store/invoice_balance.h"

namespace duly::daemon {
namespace {

// Record a credit note applied to an invoice.
constexpr const char* kInsertCreditAllocation =
    "INSERT INTO allocations (credit_note, invoice, amount, created_at)"
    " VALUES (:credit_note, :invoice, :amount, :at)";

}  // namespace

Status ApplyCreditNotes(soci::session& session, DatabaseKind kind,
                        std::span<const CreditNoteUse> uses, HistoryChain& chain) {
  if (uses.empty()) return Status::Ok();
  std::vector<std::string> ids;
  for (const CreditNoteUse& use : uses) {
    ids.push_back(use.credit_note);
    ids.push_back(use.invoice);
  }
  std::map<std::string, InvoiceBalance> balances = LoadInvoiceBalances(session, kind, ids);
  const long long now = ToEpochMillis(chain.at());
  std::string credit_note;
  std::string target;
  long long amount = 0;
  soci::statement allocate =
      (session.prepare << kInsertCreditAllocation, soci::use(credit_note, "credit_note"),
       soci::use(target, "invoice"), soci::use(amount, "amount"), soci::use(now, "at"));
  BalanceWriter writer(session);
  for (const CreditNoteUse& use : uses) {
    auto note = balances.find(use.credit_note);
    auto invoice = balances.find(use.invoice);
    if (note == balances.end() || invoice == balances.end() || note->second.kind != "credit_note" ||
        invoice->second.kind != "invoice" || note->second.customer != invoice->second.customer ||
        note->second.currency != invoice->second.currency || note->second.status != "open" ||
        invoice->second.status != "open") {
      return Conflict("credit note " + use.credit_note + " cannot be applied to " + use.invoice +
                      ": not an open credit note and invoice of one customer and currency");
    }
    amount = use.amount.cents();
    if (amount <= 0 || amount > note->second.open || amount > invoice->second.open) {
      return Conflict("credit note " + use.credit_note + ": " + use.amount.ToString() +
                      " is more than is open");
    }
    credit_note = use.credit_note;
    target = use.invoice;
    allocate.execute(true);
    const bool untouched_before = invoice->second.open == invoice->second.amount;
    invoice->second.open -= amount;
    invoice->second.status = SettledStatus(invoice->second, untouched_before);
    note->second.open -= amount;
    note->second.status = SettledStatus(note->second, true);
    writer.Save(target, invoice->second, now);
    writer.Save(credit_note, note->second, now);
    chain.Append("invoice.credited", invoice->second.customer, target,
                 nlohmann::json({{"credit_note", credit_note},
                                 {"amount", amount},
                                 {"open_amount", invoice->second.open},
                                 {"status", invoice->second.status}})
                     .dump());
  }
  return Status::Ok();
}

}  // namespace duly::daemon
