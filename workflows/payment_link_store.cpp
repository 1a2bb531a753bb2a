#include "workflows/payment_link_store.h"

#include <set>

namespace duly {

bool IsPaymentLinkStatus(const std::string& status) {
  static const std::set<std::string> kStatuses = {"open",     "pending", "authorized", "paid",
                                                  "canceled", "expired", "failed"};
  return kStatuses.contains(status);
}

std::vector<FieldError> Validate(const PaymentLink& link) {
  std::vector<FieldError> errors;
  if (link.provider_id.empty()) errors.push_back({"/provider_id", "is empty"});
  if (link.customer.empty()) errors.push_back({"/customer", "is empty"});
  if (link.invoices.empty()) errors.push_back({"/invoices", "names no invoice"});
  for (std::size_t i = 0; i < link.invoices.size(); ++i) {
    if (link.invoices[i].empty()) {
      errors.push_back({"/invoices/" + std::to_string(i), "is empty"});
    }
  }
  if (link.amount.cents() <= 0) errors.push_back({"/amount", "must be more than zero"});
  if (!IsCurrencyCode(link.currency)) {
    errors.push_back({"/currency", "must be an ISO 4217 code such as EUR"});
  }
  if (!link.checkout_url.starts_with("https://") && !link.checkout_url.starts_with("http://")) {
    errors.push_back({"/checkout_url", "must be an http(s) URL"});
  }
  if (!IsPaymentLinkStatus(link.status)) {
    errors.push_back({"/status", "\"" + link.status + "\" is not a Mollie payment status"});
  }
  return errors;
}

}  // namespace duly
