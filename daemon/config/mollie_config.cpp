#include "daemon/config/mollie_config.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "daemon/config/config_fields.h"

namespace duly::daemon {
namespace {

constexpr const char* kPrefix = "/mollie";

bool IsHttpUrl(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

Result<MollieConfig> ReadMollieConfig(const nlohmann::json& mollie) {
  if (Status object = RequireObject(mollie, kPrefix); !object) return std::move(object).error();
  Status known = OnlyKnownFields(
      mollie, kPrefix,
      {"enabled", "api_key", "base_url", "redirect_url", "link_lifetime_hours", "timeout_ms"});
  if (!known) return std::move(known).error();
  MollieConfig config;
  for (Status status :
       {ReadBoolField(mollie, kPrefix, "enabled", &config.enabled),
        ReadStringField(mollie, kPrefix, "api_key", &config.api_key),
        ReadStringField(mollie, kPrefix, "base_url", &config.base_url),
        ReadStringField(mollie, kPrefix, "redirect_url", &config.redirect_url),
        ReadIntegerField(mollie, kPrefix, "link_lifetime_hours", 1, 24 * 100,
                         &config.link_lifetime_hours),
        ReadIntegerField(mollie, kPrefix, "timeout_ms", 100, 120'000, &config.timeout_ms)}) {
    if (!status) return std::move(status).error();
  }
  if (!IsHttpUrl(config.base_url)) {
    return ConfigField("/mollie/base_url",
                       "must be an http(s) URL; it is \"" + config.base_url + "\"");
  }
  if (!config.redirect_url.empty() && !IsHttpUrl(config.redirect_url)) {
    return ConfigField("/mollie/redirect_url",
                       "must be an http(s) URL; it is \"" + config.redirect_url + "\"");
  }
  if (!config.api_key.empty() && !config.api_key.starts_with("live_") &&
      !config.api_key.starts_with("test_")) {
    return ConfigField("/mollie/api_key",
                       "must be a Mollie API key (live_... or test_...), not an access token");
  }
  return config;
}

void ApplyMollieSecret(MollieConfig& config) {
  if (const char* key = std::getenv("DULY_MOLLIE_API_KEY"); key != nullptr && *key != '\0') {
    config.api_key = key;
  }
}

Status CheckMollieConfig(const MollieConfig& config, const std::string& public_url) {
  if (!config.active()) return Status::Ok();
  if (config.redirect_url.empty()) {
    return ConfigField("/mollie/redirect_url",
                       "Mollie needs the page customers return to after paying");
  }
  if (public_url.empty()) {
    return ConfigField("/channels/public_url",
                       "Mollie's webhook needs the URL it reaches dulyd at (public_url + "
                       "/v1/webhooks/mollie); without it paid links would never be posted");
  }
  return Status::Ok();
}

}  // namespace duly::daemon
