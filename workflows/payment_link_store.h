// duly::PaymentLinkStore: the online payment links duly made for customers (Mollie payments), so
// a message reuses a link still valid instead of making a new one, and Mollie's webhook finds
// the invoices a payment was for.
//
// Promise: a link is keyed by its provider id (Mollie's "tr_..."), unique. SaveLink stores a new
// link and records "payment_link.created" on the customer's history in the same transaction;
// saving the same link again changes nothing, the same id with other content is kConflict.
// FindReusableLink returns the newest link of that customer for exactly those invoices (same
// order), amount and currency whose status is "open" and which expires after `now`; std::nullopt
// when none. FindLink returns the link with that id, std::nullopt when none. SetLinkStatus
// changes a link's status and records "payment_link.status" (nothing when it is already that
// status); kNotFound for an unknown id. Errors: kInvalidArgument naming the field ("/invoices"),
// kUnavailable (the database cannot be reached; retry), kInternal. Thread-safety: safe from many
// threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

struct PaymentLink {
  std::string provider_id;            // Mollie's payment id, "tr_..."
  std::string customer;               // customer id
  std::vector<std::string> invoices;  // the invoices it pays, in allocation order
  Money amount;                       // > 0
  std::string currency = "EUR";
  std::string checkout_url;  // where the customer pays
  std::string status;        // the provider's status: open, pending, paid, expired, failed, ...
  Instant expires_at{};      // after this the link is not put in messages any more
  Instant created_at{};
  friend bool operator==(const PaymentLink&, const PaymentLink&) = default;
};

// True for Mollie's payment statuses: open, pending, authorized, paid, canceled, expired, failed.
bool IsPaymentLinkStatus(const std::string& status);

// The fields of a link that are wrong, by JSON pointer ("/checkout_url"); empty when valid.
std::vector<FieldError> Validate(const PaymentLink& link);

class PaymentLinkStore {
 public:
  virtual ~PaymentLinkStore() = default;

  virtual Status SaveLink(const PaymentLink& link, const Actor& actor) = 0;
  virtual Result<std::optional<PaymentLink>> FindReusableLink(
      const std::string& customer, const std::vector<std::string>& invoices, Money amount,
      const std::string& currency, Instant now) = 0;
  virtual Result<std::optional<PaymentLink>> FindLink(const std::string& provider_id) = 0;
  virtual Status SetLinkStatus(const std::string& provider_id, const std::string& status,
                               const Actor& actor) = 0;
};

}  // namespace duly
