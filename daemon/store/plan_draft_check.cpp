#include "daemon/store/plan_draft_check.h"

#include <map>
#include <set>

#include "daemon/store/customer_table.h"
#include "daemon/store/invoice_table.h"
#include "daemon/store/plan_table.h"

namespace duly::daemon {

Result<DraftCheck> CheckDraft(soci::session& session, DatabaseKind kind, const PlanDraft& draft,
                              const PlanSettings& settings) {
  auto customer = CustomerTable(session, kind).Find(draft.customer);
  if (!customer) return NotFound("customer " + draft.customer + " does not exist");
  DraftCheck result;
  result.customer = *customer;
  PlanTable plans(session, kind);
  result.segment = plans.CustomerSegment(draft.customer);
  std::map<std::string, Invoice> found;
  for (Invoice& invoice : InvoiceTable(session, kind).FindMany(draft.invoices)) {
    found.emplace(invoice.id, std::move(invoice));
  }
  const std::set<std::string> planned = plans.InvoicesInActivePlans(draft.invoices);
  std::vector<FieldError> invoice_errors;
  std::set<std::string> seen;
  bool currency_set = false;
  for (std::size_t i = 0; i < draft.invoices.size(); ++i) {
    const std::string& id = draft.invoices[i];
    const std::string field = "/invoices/" + std::to_string(i);
    auto invoice = found.find(id);
    if (!seen.insert(id).second) {
      invoice_errors.push_back({field, "invoice " + id + " is named twice"});
    } else if (invoice == found.end() || invoice->second.customer != draft.customer ||
               invoice->second.kind != InvoiceKind::kInvoice) {
      invoice_errors.push_back(
          {field, "invoice " + id + " is not an invoice of customer " + draft.customer});
    } else if (invoice->second.status != InvoiceStatus::kOpen ||
               invoice->second.open_amount <= Money()) {
      invoice_errors.push_back({field, "invoice " + id + " is not open"});
    } else if (planned.count(id) != 0) {
      invoice_errors.push_back({field, "invoice " + id + " is already in an active plan"});
    } else {
      if (currency_set && invoice->second.currency != result.currency) {
        invoice_errors.push_back({field, "invoice " + id + " is in " + invoice->second.currency +
                                             ", the others in " + result.currency});
      }
      result.currency = invoice->second.currency;
      currency_set = true;
      result.open_amount += invoice->second.open_amount;
    }
  }
  result.check =
      CheckPlan(draft, settings.policies.For(result.segment), result.open_amount, result.currency);
  if (!invoice_errors.empty()) {
    // The sum check means little while invoices are wrong: report the invoices instead.
    std::erase_if(result.check.errors, [](const FieldError& error) {
      return error.message.rfind("the installments add up", 0) == 0;
    });
    result.check.errors.insert(result.check.errors.begin(), invoice_errors.begin(),
                               invoice_errors.end());
  }
  return result;
}

}  // namespace duly::daemon
