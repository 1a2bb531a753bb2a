#include "workflows/colleague.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "workflows/customer.h"
#include "workflows/field_rules.h"

namespace duly {
namespace {

constexpr std::array<std::string_view, 4> kRoles = {"colleague", "manager", "collector", "admin"};
constexpr std::array<std::string_view, 4> kChannels = {"email", "sms", "whatsapp", "chat"};

// An absolute https URL with a host: "https://" then a host of letters, digits, '-', '.', an
// optional port, then an optional path of printable ASCII without spaces.
bool IsHttpsUrl(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() > 2048 || !url.starts_with(kScheme)) return false;
  const std::string_view rest = url.substr(kScheme.size());
  const auto host_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, host_end);
  const auto colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (host.empty() || host.front() == '.' || host.back() == '.' || host.front() == '-')
    return false;
  const bool host_ok = std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
  if (!host_ok) return false;
  if (colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
  }
  return std::all_of(rest.begin(), rest.end(), [](char c) { return c > ' ' && c < 0x7F; });
}

void Add(std::vector<FieldError>& errors, std::string field, std::optional<std::string> problem) {
  if (problem) errors.push_back(FieldError{std::move(field), std::move(*problem)});
}

}  // namespace

bool IsColleagueRole(std::string_view role) {
  return std::find(kRoles.begin(), kRoles.end(), role) != kRoles.end();
}

bool IsNotificationChannel(std::string_view channel) {
  return std::find(kChannels.begin(), kChannels.end(), channel) != kChannels.end();
}

std::vector<FieldError> Validate(const Colleague& colleague) {
  std::vector<FieldError> errors;
  Add(errors, "/id", IdProblem(colleague.id));
  Add(errors, "/name", NameProblem(colleague.name));
  if (!IsColleagueRole(colleague.role)) {
    errors.push_back({"/role", "must be one of colleague, manager, collector, admin"});
  }
  Add(errors, "/department", TextProblem(colleague.department, kMaxNameLength));
  if (!colleague.manager.empty()) {
    if (auto problem = IdProblem(colleague.manager)) {
      errors.push_back({"/manager", std::move(*problem)});
    } else if (colleague.manager == colleague.id) {
      errors.push_back({"/manager", "must be someone else; a colleague cannot manage themselves"});
    }
  }
  if (!colleague.email.empty() && !IsEmailAddress(colleague.email)) {
    errors.push_back({"/email", "must be one e-mail address like name@example.com"});
  }
  if (!colleague.phone.empty() && !IsE164(colleague.phone)) {
    errors.push_back({"/phone", "must be in international form like +31612345678"});
  }
  if (!colleague.chat_webhook.empty() && !IsHttpsUrl(colleague.chat_webhook)) {
    errors.push_back({"/chat_webhook", "must be an https:// URL without spaces"});
  }
  const std::string& notify = colleague.notify;
  if (!IsNotificationChannel(notify)) {
    errors.push_back({"/notify", "must be one of email, sms, whatsapp, chat"});
  } else if ((notify == "sms" || notify == "whatsapp") && colleague.phone.empty()) {
    errors.push_back({"/phone", "is required to notify by " + notify});
  } else if (notify == "email" && colleague.email.empty()) {
    errors.push_back({"/email", "is required to notify by email"});
  } else if (notify == "chat" && colleague.chat_webhook.empty()) {
    errors.push_back({"/chat_webhook",
                      "is required to notify by chat; give the https:// URL "
                      "of the chat webhook"});
  }
  return errors;
}

}  // namespace duly
