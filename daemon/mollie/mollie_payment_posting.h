// duly::daemon::MolliePaymentPosting: the duly Payment a paid Mollie payment becomes.
//
// Promise: PaymentFromMollie builds Payment "mollie:<tr id>" for `customer` with Mollie's amount
// and currency, the value date the local day of paidAt in `zone`, method from Mollie's
// (ideal -> ideal, creditcard -> card, banktransfer -> bank_transfer, directdebit ->
// direct_debit, anything else -> other), reference the tr id and remittance Mollie's
// description; its allocations go to `invoices` in the order given, each the smaller of what is
// left of the payment and the invoice's open amount, skipping invoices that are not open, are
// credit notes, or are in another currency. What is left stays a credit on the customer.
// REQUIRES: payment.paid_at is set (ParseMolliePayment ensures it for status "paid").
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "channels/mollie/mollie_payment.h"
#include "workflows/invoice.h"
#include "workflows/payment.h"

namespace duly::daemon {

// "mollie:" + Mollie's payment id: the duly payment id, so a second webhook posts nothing new.
std::string MolliePaymentId(const std::string& mollie_id);

// duly's payment method for Mollie's method name.
std::string PaymentMethodOf(std::string_view mollie_method);

Payment PaymentFromMollie(const std::string& mollie_id,
                          const channels::mollie::MolliePayment& payment,
                          const std::string& customer, const std::vector<Invoice>& invoices,
                          std::string_view zone);

}  // namespace duly::daemon
