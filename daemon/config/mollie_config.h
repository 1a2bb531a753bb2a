// duly::daemon::MollieConfig: payment links with Mollie ("mollie" in the config file).
//
// Promise: ReadMollieConfig accepts exactly the fields of the "mollie" object in
// schemas/config.schema.json (unknown fields are errors naming the JSON pointer
// "/mollie/<field>") and fills defaults for the rest: enabled true, base_url
// https://api.mollie.com, link_lifetime_hours 168, timeout_ms 15000. The API key may stay out of
// the file: $DULY_MOLLIE_API_KEY, when set, replaces api_key (ApplyMollieSecret). Mollie is on
// (active()) when enabled and an API key is set; CheckMollieConfig then requires redirect_url
// ("/mollie/redirect_url") and channels.public_url ("/channels/public_url": Mollie's webhook
// must reach dulyd at public_url + /v1/webhooks/mollie, or paid links would never be posted).
// Plain data and pure functions apart from the environment.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "workflows/status.h"

namespace duly::daemon {

struct MollieConfig {
  bool enabled = true;
  std::string api_key;  // "live_..." or "test_..."; empty: no payment links
  std::string base_url = "https://api.mollie.com";
  std::string redirect_url;          // where Mollie sends the customer after paying
  int link_lifetime_hours = 24 * 7;  // a link is put in messages for at most this long
  int timeout_ms = 15'000;
  bool active() const { return enabled && !api_key.empty(); }
};

// Reads the "mollie" object (pointer prefix "/mollie").
Result<MollieConfig> ReadMollieConfig(const nlohmann::json& mollie);

// Lays $DULY_MOLLIE_API_KEY over the file's api_key.
void ApplyMollieSecret(MollieConfig& config);

// What an active Mollie needs besides its own section (see the header comment).
Status CheckMollieConfig(const MollieConfig& config, const std::string& public_url);

}  // namespace duly::daemon
