// duly::channels::mollie::MollieConfig: how MollieClient reaches Mollie and what a new payment
// link says.
//
// Promise: plain data. `webhook_url` is where Mollie posts a payment's id when its status
// changes: channels.public_url + "/v1/webhooks/mollie" (WebhookUrlFor); empty sends no webhook
// (Mollie then never tells us). A link is put in messages for at most `link_lifetime` after it
// was made, and never after the expiry Mollie gives the payment. Thread-safety: plain data.
#pragma once

#include <chrono>
#include <string>

namespace duly::channels::mollie {

struct MollieConfig {
  std::string api_key;                              // "live_..." or "test_..."; bearer token
  std::string base_url = "https://api.mollie.com";  // no trailing slash needed
  std::string redirect_url;                         // where Mollie sends the customer after paying
  std::string webhook_url;                          // see WebhookUrlFor
  std::chrono::hours link_lifetime{24 * 7};
  std::chrono::milliseconds request_timeout{15000};
};

// `public_url` + "/v1/webhooks/mollie" (one trailing '/' of public_url dropped); "" when
// public_url is empty.
inline std::string WebhookUrlFor(std::string public_url) {
  if (public_url.empty()) return {};
  while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  return public_url + "/v1/webhooks/mollie";
}

}  // namespace duly::channels::mollie
