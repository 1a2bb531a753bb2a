// duly::channels::mollie::MolliePayment: a Mollie payment as duly reads it from Mollie's answers
// (POST /v2/payments, GET /v2/payments/{id}), and the pieces of Mollie's JSON it is made of.
//
// Promise: ParseMolliePayment accepts a payment object and reads only what duly needs; every
// required member that is missing or of the wrong type is kInvalidArgument naming it as a JSON
// pointer ("/amount/value"), so an answer that breaks Mollie's contract is never half-read:
// id, status and amount {currency, value} are required; paidAt is required when status is
// "paid"; _links.checkout.href, expiresAt, description, method and metadata are optional. metadata
// may be null, an object or a JSON text of an object (Mollie stores what it was given);
// metadata.invoices (strings) and metadata.customer (a string) are read when present.
// Amounts are "123.45" strings (FormatMollieAmount / ParseMollieAmount); instants are ISO 8601
// with an offset ("2024-03-20T09:28:37+00:00", ParseMollieInstant). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly::channels::mollie {

struct MolliePayment {
  std::string id;      // "tr_..."
  std::string status;  // open, canceled, pending, authorized, expired, failed, paid
  Money amount;
  std::string currency;
  std::string description;
  std::string method;        // Mollie's method ("ideal", "creditcard", ...); empty when none yet
  std::string checkout_url;  // empty when Mollie gives none (e.g. once paid)
  std::optional<Instant> expires_at;
  std::optional<Instant> paid_at;
  std::vector<std::string> invoices;  // metadata.invoices, in order
  std::string customer;               // metadata.customer
};

// Parses a payment object's JSON text.
Result<MolliePayment> ParseMolliePayment(std::string_view json_text);

// "123.45": Mollie's amount value (always two decimals).
std::string FormatMollieAmount(Money amount);

// Parses "123.45" (or "123" / "123.4"); errors name nothing (callers add the field).
Result<Money> ParseMollieAmount(std::string_view value);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)" to a UTC instant.
Result<Instant> ParseMollieInstant(std::string_view text);

}  // namespace duly::channels::mollie
