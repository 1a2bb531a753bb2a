// duly::PaymentLinkSource: where a message about a customer's open invoices gets the link the
// customer can pay them online with (templates' {{payment_link}}).
//
// Promise: LinkFor returns a URL to pay exactly `invoices` (their open amounts, in their
// currency) for `customer`, reusing a still valid link when there is one; an error (kUnavailable
// when the provider or database cannot be reached, kInvalidArgument when the invoices cannot be
// paid by link, e.g. mixed currencies) means "no link": the caller sends its message without one.
// Implementations may make network calls (blocking). Thread-safety: implementations are safe to
// call from many threads at once.
#pragma once

#include <string>
#include <vector>

#include "workflows/customer.h"
#include "workflows/invoice.h"
#include "workflows/status.h"

namespace duly {

class PaymentLinkSource {
 public:
  virtual ~PaymentLinkSource() = default;
  virtual Result<std::string> LinkFor(const Customer& customer,
                                      const std::vector<Invoice>& invoices) = 0;
};

}  // namespace duly
