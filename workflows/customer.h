// duly::Customer: a debtor as duly knows it, keyed by the ERP's own id.
//
// Promise: plain data plus Validate(), which checks every field a store or API must not accept
// (kind, language, channel names, e-mail and phone shapes, IBAN, time zone, risk rating) and
// returns one FieldError per problem, named by JSON pointer relative to the customer object
// ("/email"). No I/O; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

enum class CustomerKind { kB2b, kB2c };
const char* CustomerKindName(CustomerKind kind);  // "b2b" / "b2c"
std::optional<CustomerKind> ParseCustomerKind(std::string_view text);

// Channels a customer can be reached on; names as in the API ("email", "sms", "whatsapp",
// "letter", "voice").
bool IsCustomerChannel(std::string_view channel);

// Credit risk ratings a customer can carry: "low", "medium", "high".
bool IsRiskRating(std::string_view rating);

// A person at the customer (B2B), beside the customer's own main e-mail and phone.
struct Contact {
  std::string name;
  std::string role;   // free text: "accounts payable", "owner"
  std::string email;  // empty when unknown
  std::string phone;  // E.164, empty when unknown
  friend bool operator==(const Contact&, const Contact&) = default;
};

struct PostalAddress {
  std::string street;  // street and number, one line
  std::string postal_code;
  std::string city;
  std::string country;  // ISO 3166-1 alpha-2, "NL"
  friend bool operator==(const PostalAddress&, const PostalAddress&) = default;
};

struct Customer {
  std::string id;    // the ERP's id, unique; 1..64 printable characters
  std::string name;  // legal or personal name as printed on letters
  CustomerKind kind = CustomerKind::kB2b;
  std::string language = "nl";                  // ISO 639-1: nl, fr, en, de
  std::string email;                            // main address for reminders; empty when unknown
  std::string phone;                            // E.164 ("+31612345678"); empty when unknown
  bool whatsapp = false;                        // the phone number takes WhatsApp messages
  std::vector<std::string> preferred_channels;  // in order of preference
  std::vector<Contact> contacts;
  PostalAddress address;
  std::string account_manager;  // colleague id, empty when none
  std::vector<std::string> tags;
  std::string vat_number;  // empty for consumers
  std::string iban;        // known paying account, normalised without spaces
  std::string time_zone;   // IANA zone; empty means the configured default
  std::optional<Money> credit_limit;
  std::string currency = "EUR";  // currency of the credit limit and of new invoices
  std::string risk_rating;       // "low", "medium", "high"; empty when unknown

  friend bool operator==(const Customer&, const Customer&) = default;
};

// Returns every rule the customer breaks; empty when it is valid.
std::vector<FieldError> Validate(const Customer& customer);

// True when `phone` is E.164: '+' followed by 8 to 15 digits, the first not 0.
bool IsE164(std::string_view phone);
// True for a plausible single address (local@domain.tld, no spaces, no control characters).
bool IsEmailAddress(std::string_view email);
// True when `iban` (no spaces, upper case) has a known length for its country and passes mod 97.
bool IsIban(std::string_view iban);

}  // namespace duly
