// duly::daemon::PaymentOfCredit: the Payment a statement entry is posted as.
//
// Promise: the payment carries the credit's amount, currency, value date, structured reference,
// payer name and IBAN and remittance text, cleaned so that Validate(Payment) accepts what any
// bank sends: control characters become spaces, text is cut (at a character boundary) to the
// payment's limits, text that is not UTF-8 and an account that is not an IBAN are left out (the
// statement entry keeps everything as received). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "workflows/matching/incoming_credit.h"
#include "workflows/payment.h"

namespace duly::daemon {

Payment PaymentOfCredit(const IncomingCredit& credit, const std::string& id,
                        const std::string& customer, std::vector<Allocation> allocations);

}  // namespace duly::daemon
