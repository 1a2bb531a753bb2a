#include "daemon/mollie/mollie_payment_posting.h"

namespace duly::daemon {

std::string MolliePaymentId(const std::string& mollie_id) { return "mollie:" + mollie_id; }

std::string PaymentMethodOf(std::string_view mollie_method) {
  if (mollie_method == "ideal") return "ideal";
  if (mollie_method == "creditcard") return "card";
  if (mollie_method == "banktransfer") return "bank_transfer";
  if (mollie_method == "directdebit") return "direct_debit";
  return "other";
}

Payment PaymentFromMollie(const std::string& mollie_id,
                          const channels::mollie::MolliePayment& payment,
                          const std::string& customer, const std::vector<Invoice>& invoices,
                          std::string_view zone) {
  DULY_CHECK(payment.paid_at.has_value());
  Payment posted;
  posted.id = MolliePaymentId(mollie_id);
  posted.customer = customer;
  posted.amount = payment.amount;
  posted.currency = payment.currency;
  posted.received = LocalDay(*payment.paid_at, zone);
  posted.method = PaymentMethodOf(payment.method);
  posted.reference = mollie_id;
  posted.remittance = payment.description;
  Money left = payment.amount;
  for (const Invoice& invoice : invoices) {
    if (left.cents() <= 0) break;
    if (invoice.kind != InvoiceKind::kInvoice || invoice.status != InvoiceStatus::kOpen ||
        invoice.currency != payment.currency || invoice.open_amount.cents() <= 0) {
      continue;
    }
    const Money applied = Min(left, invoice.open_amount);
    posted.allocations.push_back(Allocation{invoice.id, applied});
    left -= applied;
  }
  return posted;
}

}  // namespace duly::daemon
