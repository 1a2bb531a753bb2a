// duly::daemon::MolliePaymentSync: what dulyd does when Mollie's webhook says payment `id`
// changed (ApiContext::mollie_payment_changed): ask Mollie for the payment, and post it when
// paid.
//
// Promise: PaymentChanged(id) GETs /v2/payments/{id} and then
//   - status "paid": posts PaymentFromMollie (mollie_payment_posting.h) through
//     Store::PostPayments, for the customer and invoices of the stored link with that id (else
//     those in Mollie's metadata), unless payment "mollie:<id>" is already posted (a second
//     webhook, or two at once: the store's kConflict on the same id counts as posted); the
//     store cancels the invoices' pending steps and queued messages in the same transaction;
//   - every status: sets the stored link's status (so a paid, expired or failed link is not
//     put in messages any more);
//   - an id Mollie does not know (404), or a payment neither a link nor its metadata ties to a
//     customer, is logged and Ok: the webhook answers 200 whatever the id, as Mollie advises.
// Errors: kInvalidArgument naming "/id" for an id that is not "tr_" + letters and digits;
// kUnavailable when Mollie cannot be asked now (429, 5xx, timeout, a wrong API key, an answer
// that is not a payment) or the store fails: the webhook answers 503 and Mollie retries it.
// Blocking (HTTP and database); thread-safe; client, links and store must outlive it.
#pragma once

#include <optional>
#include <string>

#include "channels/mollie/mollie_client.h"
#include "workflows/payment_link_store.h"
#include "workflows/store.h"

namespace duly::daemon {

class MolliePaymentSync {
 public:
  // `zone`: the time zone whose calendar day of paidAt is the payment's value date.
  MolliePaymentSync(const channels::mollie::MollieClient& client, PaymentLinkStore& links,
                    Store& store, std::string zone);

  Status PaymentChanged(const std::string& id);

 private:
  Status Post(const std::string& id, const channels::mollie::MolliePayment& payment,
              const std::optional<PaymentLink>& link);

  const channels::mollie::MollieClient& client_;
  PaymentLinkStore& links_;
  Store& store_;
  const std::string zone_;
};

}  // namespace duly::daemon
