#include "daemon/mollie/mollie_payment_sync.h"

#include <utility>
#include <variant>

#include <spdlog/spdlog.h>

#include "daemon/mollie/mollie_payment_posting.h"

namespace duly::daemon {
namespace {

using channels::mollie::MollieAnswer;
using channels::mollie::MollieFailure;
using channels::mollie::MolliePayment;

const Actor kMollie{"mollie"};

}  // namespace

MolliePaymentSync::MolliePaymentSync(const channels::mollie::MollieClient& client,
                                     PaymentLinkStore& links, Store& store, std::string zone)
    : client_(client), links_(links), store_(store), zone_(std::move(zone)) {}

Status MolliePaymentSync::PaymentChanged(const std::string& id) {
  if (!channels::mollie::IsMolliePaymentId(id)) {
    return FieldInvalid("/id", "\"" + id.substr(0, 40) + "\" is not a Mollie payment id");
  }
  const MollieAnswer answer = client_.GetPayment(id);
  if (const auto* failure = std::get_if<MollieFailure>(&answer)) {
    if (failure->http_status == 404) {
      spdlog::info("mollie webhook for {}: Mollie does not know it, ignored", id);
      return Status::Ok();
    }
    // Mollie retries a webhook that is not answered 2xx: a fault here (rate limit, outage,
    // a revoked key) gets another chance once it is fixed.
    return Unavailable("cannot read Mollie payment " + id + ": " + failure->reason);
  }
  const MolliePayment& payment = std::get<MolliePayment>(answer);
  Result<std::optional<PaymentLink>> link = links_.FindLink(id);
  if (!link) return std::move(link).error();
  if (payment.status == "paid") {
    if (Status posted = Post(id, payment, *link); !posted) return posted;
  }
  if (*link && (*link)->status != payment.status && IsPaymentLinkStatus(payment.status)) {
    if (Status set = links_.SetLinkStatus(id, payment.status, kMollie); !set) return set;
  }
  return Status::Ok();
}

Status MolliePaymentSync::Post(const std::string& id, const MolliePayment& payment,
                               const std::optional<PaymentLink>& link) {
  const std::string payment_id = MolliePaymentId(id);
  Result<Payment> existing = store_.GetPayment(payment_id);
  if (existing) return Status::Ok();  // posted by an earlier webhook
  if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  const std::string customer = link ? link->customer : payment.customer;
  const std::vector<std::string>& ids = link ? link->invoices : payment.invoices;
  if (customer.empty()) {
    spdlog::warn(
        "mollie webhook for {}: paid {} {} but no link or metadata names a customer; "
        "not posted",
        id, payment.amount.ToString(), payment.currency);
    return Status::Ok();
  }
  std::vector<Invoice> invoices;
  for (const std::string& invoice_id : ids) {
    Result<Invoice> invoice = store_.GetInvoice(invoice_id);
    if (invoice) {
      invoices.push_back(std::move(*invoice));
    } else if (invoice.error().code != ErrorCode::kNotFound) {
      return invoice.error();
    }
  }
  const Payment posted = PaymentFromMollie(id, payment, customer, invoices, zone_);
  Result<UpsertSummary> summary = store_.PostPayments({posted}, kMollie);
  if (!summary) {
    // Two webhooks at once: the other one posted it first.
    if (summary.error().code == ErrorCode::kConflict && store_.GetPayment(payment_id)) {
      return Status::Ok();
    }
    return summary.error().WithContext("posting Mollie payment " + id);
  }
  spdlog::info("mollie payment {} paid: posted {} {} for customer {} ({} allocations)", id,
               posted.amount.ToString(), posted.currency, customer, posted.allocations.size());
  return Status::Ok();
}

}  // namespace duly::daemon
