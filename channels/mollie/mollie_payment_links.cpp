#include "channels/mollie/mollie_payment_links.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace duly::channels::mollie {
namespace {

constexpr std::size_t kDescriptionLimit = 255;

// FNV-1a 64: a stable digest (the same on every run and build) for the Idempotency-Key.
std::string Digest(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace

std::string PaymentDescription(const std::vector<std::string>& invoices) {
  std::string text = invoices.size() == 1 ? "Invoice " : "Invoices ";
  for (std::size_t i = 0; i < invoices.size(); ++i) text += (i == 0 ? "" : ", ") + invoices[i];
  if (text.size() > kDescriptionLimit) text = text.substr(0, kDescriptionLimit - 3) + "...";
  return text;
}

MolliePaymentLinks::MolliePaymentLinks(const MollieClient& client, PaymentLinkStore& links,
                                       const Clock& clock)
    : client_(client), links_(links), clock_(clock) {}

Result<std::string> MolliePaymentLinks::LinkFor(const Customer& customer,
                                                const std::vector<Invoice>& invoices) {
  if (invoices.empty()) return FieldInvalid("/invoices", "no invoice to pay by link");
  NewMolliePayment request;
  request.currency = invoices.front().currency;
  request.customer = customer.id;
  for (const Invoice& invoice : invoices) {
    if (invoice.currency != request.currency) {
      return FieldInvalid("/invoices", "invoices in " + request.currency + " and " +
                                           invoice.currency + " cannot share one payment link");
    }
    request.amount += invoice.open_amount;
    request.invoices.push_back(invoice.id);
  }
  if (request.amount.cents() <= 0) {
    return FieldInvalid("/invoices",
                        "nothing is open on invoices " + PaymentDescription(request.invoices));
  }
  const Instant now = clock_.Now();
  Result<std::optional<PaymentLink>> reusable =
      links_.FindReusableLink(customer.id, request.invoices, request.amount, request.currency, now);
  if (!reusable) return std::move(reusable).error();
  if (*reusable) return (*reusable)->checkout_url;

  const auto lifetime =
      std::chrono::duration_cast<std::chrono::milliseconds>(client_.config().link_lifetime);
  const std::int64_t window = lifetime.count() > 0 ? ToEpochMillis(now) / lifetime.count() : 0;
  std::string key = customer.id + "|" + request.currency + "|" + request.amount.ToString() + "|" +
                    std::to_string(window);
  for (const std::string& id : request.invoices) key += "|" + id;
  request.idempotency_key = "duly-" + Digest(key);
  request.description = PaymentDescription(request.invoices);

  MollieAnswer answer = client_.CreatePayment(request);
  if (const auto* failure = std::get_if<MollieFailure>(&answer)) return ToError(*failure);
  const MolliePayment& payment = std::get<MolliePayment>(answer);
  if (payment.checkout_url.empty()) {
    return Unavailable("Mollie made payment " + payment.id + " (" + payment.status +
                       ") without a checkout URL");
  }
  PaymentLink link;
  link.provider_id = payment.id;
  link.customer = customer.id;
  link.invoices = request.invoices;
  link.amount = request.amount;
  link.currency = request.currency;
  link.checkout_url = payment.checkout_url;
  link.status = payment.status;
  link.created_at = now;
  link.expires_at = now + lifetime;
  if (payment.expires_at) link.expires_at = std::min(link.expires_at, *payment.expires_at);
  if (Status saved = links_.SaveLink(link, Actor{"mollie"}); !saved) {
    return std::move(saved).error();
  }
  return link.checkout_url;
}

}  // namespace duly::channels::mollie
