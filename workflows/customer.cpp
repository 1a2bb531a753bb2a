#include "workflows/customer.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <utility>

#include "workflows/calendar_date.h"
#include "workflows/field_rules.h"

namespace duly {
namespace {

constexpr std::array<std::string_view, 5> kCustomerChannels = {"email", "sms", "whatsapp", "letter",
                                                               "voice"};
constexpr std::array<std::string_view, 4> kLanguages = {"nl", "fr", "en", "de"};
constexpr std::array<std::string_view, 3> kRiskRatings = {"low", "medium", "high"};

// IBAN length per country: the SEPA countries and territories (EPC list) plus a few neighbours
// of the scheme. Source: the SWIFT IBAN registry.
constexpr std::array<std::pair<std::string_view, std::size_t>, 41> kIbanLengths = {{
    {"AD", 24}, {"AL", 28}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28},
    {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27},
    {"GB", 22}, {"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26},
    {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24},
    {"ME", 22}, {"MK", 19}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25},
    {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22},
}};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiUpper(c) || IsAsciiLower(c); }

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Characters allowed in the local part of an address (RFC 5322 atext plus '.').
bool IsLocalPartCharacter(char c) {
  return IsAsciiAlnum(c) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
}

bool IsDomainLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return IsAsciiAlnum(c) || c == '-'; });
}

bool IsVatNumber(std::string_view vat) {
  if (vat.size() < 4 || vat.size() > 15) return false;
  if (!IsAsciiUpper(vat[0]) || !IsAsciiUpper(vat[1])) return false;
  return std::all_of(vat.begin() + 2, vat.end(),
                     [](char c) { return IsAsciiDigit(c) || IsAsciiUpper(c); });
}

void Add(std::vector<FieldError>& errors, std::string field, std::optional<std::string> problem) {
  if (problem) errors.push_back(FieldError{std::move(field), std::move(*problem)});
}

void ValidateContact(const Contact& contact, const std::string& at,
                     std::vector<FieldError>& errors) {
  Add(errors, at + "/name", TextProblem(contact.name, kMaxNameLength));
  Add(errors, at + "/role", TextProblem(contact.role, kMaxNameLength));
  if (!contact.email.empty() && !IsEmailAddress(contact.email)) {
    errors.push_back({at + "/email", "must be one e-mail address like name@example.com"});
  }
  if (!contact.phone.empty() && !IsE164(contact.phone)) {
    errors.push_back({at + "/phone", "must be in international form like +31612345678"});
  }
}

void ValidateAddress(const PostalAddress& address, std::vector<FieldError>& errors) {
  Add(errors, "/address/street", TextProblem(address.street, kMaxNameLength));
  Add(errors, "/address/postal_code", TextProblem(address.postal_code, 16));
  Add(errors, "/address/city", TextProblem(address.city, kMaxNameLength));
  if (!address.country.empty() &&
      (address.country.size() != 2 || !IsAsciiUpper(address.country[0]) ||
       !IsAsciiUpper(address.country[1]))) {
    errors.push_back({"/address/country", "must be a two-letter country code like NL or BE"});
  }
}

}  // namespace

const char* CustomerKindName(CustomerKind kind) {
  return kind == CustomerKind::kB2c ? "b2c" : "b2b";
}

std::optional<CustomerKind> ParseCustomerKind(std::string_view text) {
  if (text == "b2b") return CustomerKind::kB2b;
  if (text == "b2c") return CustomerKind::kB2c;
  return std::nullopt;
}

bool IsCustomerChannel(std::string_view channel) { return Contains(kCustomerChannels, channel); }

bool IsRiskRating(std::string_view rating) { return Contains(kRiskRatings, rating); }

bool IsE164(std::string_view phone) {
  if (phone.size() < 9 || phone.size() > 16 || phone[0] != '+' || phone[1] == '0') return false;
  return std::all_of(phone.begin() + 1, phone.end(), IsAsciiDigit);
}

bool IsEmailAddress(std::string_view email) {
  if (email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos ||
      !std::all_of(local.begin(), local.end(), IsLocalPartCharacter)) {
    return false;
  }
  const auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos) return false;  // local@domain.tld needs a dot
  const std::string_view tld = domain.substr(last_dot + 1);
  if (tld.size() < 2 || std::all_of(tld.begin(), tld.end(), IsAsciiDigit)) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto dot = domain.find('.', start);
    const auto end = dot == std::string_view::npos ? domain.size() : dot;
    if (!IsDomainLabel(domain.substr(start, end - start))) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

bool IsIban(std::string_view iban) {
  if (iban.size() < 5 || !IsAsciiUpper(iban[0]) || !IsAsciiUpper(iban[1]) ||
      !IsAsciiDigit(iban[2]) || !IsAsciiDigit(iban[3])) {
    return false;
  }
  const auto country =
      std::find_if(kIbanLengths.begin(), kIbanLengths.end(),
                   [&](const auto& entry) { return entry.first == iban.substr(0, 2); });
  if (country == kIbanLengths.end() || country->second != iban.size()) return false;
  // ISO 7064 mod 97-10 over the BBAN followed by the country code and check digits.
  int remainder = 0;
  auto feed = [&](char c) {
    if (IsAsciiDigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (std::size_t i = 4; i < iban.size(); ++i) {
    if (!IsAsciiDigit(iban[i]) && !IsAsciiUpper(iban[i])) return false;
    feed(iban[i]);
  }
  for (std::size_t i = 0; i < 4; ++i) feed(iban[i]);
  return remainder == 1;
}

std::vector<FieldError> Validate(const Customer& customer) {
  std::vector<FieldError> errors;
  Add(errors, "/id", IdProblem(customer.id));
  Add(errors, "/name", NameProblem(customer.name));
  if (!Contains(kLanguages, customer.language)) {
    errors.push_back({"/language", "must be one of nl, fr, en, de"});
  }
  if (!customer.email.empty() && !IsEmailAddress(customer.email)) {
    errors.push_back({"/email", "must be one e-mail address like name@example.com"});
  }
  if (!customer.phone.empty() && !IsE164(customer.phone)) {
    errors.push_back({"/phone", "must be in international form like +31612345678"});
  }
  if (customer.whatsapp && customer.phone.empty()) {
    errors.push_back({"/whatsapp", "needs a phone number; set phone or turn whatsapp off"});
  }
  std::set<std::string_view> seen_channels;
  for (std::size_t i = 0; i < customer.preferred_channels.size(); ++i) {
    const std::string& channel = customer.preferred_channels[i];
    const std::string at = "/preferred_channels/" + std::to_string(i);
    if (!IsCustomerChannel(channel)) {
      errors.push_back({at, "must be one of email, sms, whatsapp, letter, voice"});
    } else if (!seen_channels.insert(channel).second) {
      errors.push_back({at, "lists " + channel + " a second time"});
    }
  }
  for (std::size_t i = 0; i < customer.contacts.size(); ++i) {
    ValidateContact(customer.contacts[i], "/contacts/" + std::to_string(i), errors);
  }
  ValidateAddress(customer.address, errors);
  if (!customer.account_manager.empty()) {
    Add(errors, "/account_manager", IdProblem(customer.account_manager));
  }
  std::set<std::string_view> seen_tags;
  for (std::size_t i = 0; i < customer.tags.size(); ++i) {
    const std::string& tag = customer.tags[i];
    const std::string at = "/tags/" + std::to_string(i);
    if (tag.empty()) {
      errors.push_back({at, "must not be empty"});
    } else if (auto problem = TextProblem(tag, kMaxIdLength)) {
      errors.push_back({at, std::move(*problem)});
    } else if (!seen_tags.insert(tag).second) {
      errors.push_back({at, "lists the tag " + tag + " a second time"});
    }
  }
  if (!customer.vat_number.empty() && !IsVatNumber(customer.vat_number)) {
    errors.push_back(
        {"/vat_number", "must be a country code and number without spaces, like NL123456789B01"});
  }
  if (!customer.iban.empty() && !IsIban(customer.iban)) {
    errors.push_back({"/iban",
                      "is not a valid IBAN: write it without spaces in capitals, like "
                      "NL91ABNA0417164300, and check it for typing errors"});
  }
  if (!customer.time_zone.empty() && !IsKnownTimeZone(customer.time_zone)) {
    errors.push_back({"/time_zone", "must be a known IANA time zone like Europe/Amsterdam"});
  }
  if (customer.credit_limit && customer.credit_limit->IsNegative()) {
    errors.push_back({"/credit_limit", "must not be negative"});
  }
  if (!IsCurrencyCode(customer.currency)) {
    errors.push_back({"/currency", "must be a three-letter currency code like EUR"});
  }
  if (!customer.risk_rating.empty() && !IsRiskRating(customer.risk_rating)) {
    errors.push_back({"/risk_rating", "must be one of low, medium, high, or empty when unknown"});
  }
  return errors;
}

}  // namespace duly
