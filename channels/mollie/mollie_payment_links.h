// duly::channels::mollie::MolliePaymentLinks: the PaymentLinkSource over Mollie: a message's
// open invoices get a Mollie payment's checkout URL.
//
// Promise: LinkFor sums the invoices' open amounts (they must share one currency and sum to more
// than zero, else kInvalidArgument naming "/invoices") and returns the checkout URL of a link
// of that customer for exactly those invoices and that amount which is still open and
// unexpired (PaymentLinkStore::FindReusableLink); else it asks Mollie for a new payment
// (description "Invoice INV-1" / "Invoices INV-1, INV-2", metadata {invoices, customer}, an
// Idempotency-Key derived from customer, invoices, amount and the current lifetime window, so a
// retry after a timeout gets the same payment) and stores it as a link that expires at the
// earlier of now + config.link_lifetime and Mollie's expiresAt. Errors: Mollie's failure
// (mollie_failure.h ToError: kUnavailable when it may succeed later), the store's errors, and
// kUnavailable when Mollie's answer has no checkout URL. Nothing is stored on error.
// Thread-safety: safe from many threads at once (two concurrent calls for the same invoices may
// both reach Mollie; the Idempotency-Key makes that one payment). The client, store and clock
// must outlive it.
#pragma once

#include <string>
#include <vector>

#include "channels/mollie/mollie_client.h"
#include "workflows/clock.h"
#include "workflows/payment_link_source.h"
#include "workflows/payment_link_store.h"

namespace duly::channels::mollie {

class MolliePaymentLinks final : public PaymentLinkSource {
 public:
  MolliePaymentLinks(const MollieClient& client, PaymentLinkStore& links, const Clock& clock);

  Result<std::string> LinkFor(const Customer& customer,
                              const std::vector<Invoice>& invoices) override;

 private:
  const MollieClient& client_;
  PaymentLinkStore& links_;
  const Clock& clock_;
};

// "Invoice INV-1" or "Invoices INV-1, INV-2, ..." cut to Mollie's 255 characters.
std::string PaymentDescription(const std::vector<std::string>& invoices);

}  // namespace duly::channels::mollie
