#include "channels/compose/recipient_address.h"

#include <array>
#include <utility>

namespace duly::channels {
namespace {

// Country names as the post reads them on an envelope from abroad.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kCountryNames = {{
    {"BE", "BELGIUM"},
    {"NL", "NETHERLANDS"},
    {"FR", "FRANCE"},
    {"DE", "GERMANY"},
    {"LU", "LUXEMBOURG"},
    {"GB", "UNITED KINGDOM"},
    {"IE", "IRELAND"},
    {"ES", "SPAIN"},
    {"IT", "ITALY"},
}};

std::string CountryLine(std::string_view code) {
  for (const auto& [known, name] : kCountryNames) {
    if (known == code) return std::string(name);
  }
  return std::string(code);
}

Error Unreachable(const std::string& who, std::string_view channel, const std::string& missing) {
  return Error{ErrorCode::kPolicy,
               who + " cannot be reached by " + std::string(channel) + ": " + missing,
               {}};
}

}  // namespace

Result<PostalLines> CustomerPostalLines(const Customer& customer, std::string_view sender_country) {
  const PostalAddress& address = customer.address;
  if (address.street.empty() || address.city.empty()) {
    return Unreachable("customer " + customer.id, "letter",
                       std::string("no postal address (") +
                           (address.street.empty() ? "street" : "city") + " missing)");
  }
  PostalLines postal{customer.name, {address.street}};
  postal.lines.push_back(address.postal_code.empty() ? address.city
                                                     : address.postal_code + " " + address.city);
  if (!address.country.empty() && address.country != sender_country) {
    postal.lines.push_back(CountryLine(address.country));
  }
  return postal;
}

Result<std::string> CustomerAddress(const Customer& customer, std::string_view channel,
                                    const std::set<std::string>& opted_out,
                                    std::string_view sender_country) {
  if (!IsCustomerChannel(channel)) {
    return InvalidArgument("customer " + customer.id + ": " + std::string(channel) +
                           " is not a channel customers are reached on");
  }
  const std::string who = "customer " + customer.id;
  if (opted_out.contains(std::string(channel))) {
    return Unreachable(who, channel, "the customer opted out of it");
  }
  if (channel == "email") {
    if (customer.email.empty()) return Unreachable(who, channel, "no e-mail address");
    return customer.email;
  }
  if (channel == "letter") {
    Result<PostalLines> postal = CustomerPostalLines(customer, sender_country);
    if (!postal) return postal.error();
    std::string joined = postal->name;
    for (const std::string& line : postal->lines) joined += ", " + line;
    return joined;
  }
  if (customer.phone.empty()) return Unreachable(who, channel, "no phone number");
  if (channel == "whatsapp" && !customer.whatsapp) {
    return Unreachable(who, channel, "the phone number is not marked as taking WhatsApp");
  }
  return customer.phone;
}

Result<std::string> ColleagueAddress(const Colleague& colleague, std::string_view channel) {
  if (!IsNotificationChannel(channel)) {
    return InvalidArgument("colleague " + colleague.id + ": " + std::string(channel) +
                           " is not a channel colleagues are notified on");
  }
  const std::string who = "colleague " + colleague.id;
  if (channel == "email") {
    if (colleague.email.empty()) return Unreachable(who, channel, "no e-mail address");
    return colleague.email;
  }
  if (channel == "chat") {
    if (colleague.chat_webhook.empty()) return Unreachable(who, channel, "no chat webhook");
    return colleague.chat_webhook;
  }
  if (colleague.phone.empty()) return Unreachable(who, channel, "no phone number");
  return colleague.phone;
}

}  // namespace duly::channels
