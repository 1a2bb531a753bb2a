// duly::Store: everything the domain and the API read and write, over one database.
//
// Promise: each method is one transaction: it applies all of its change and the events that
// record it, or nothing. Batch methods validate every item first and, on any error, write nothing
// and return kInvalidArgument with one FieldError per failing item, named relative to the batch
// ("/3/customer"). Upserts are idempotent: an item equal to the stored one changes nothing and
// records no event. Errors: kInvalidArgument (bad input), kNotFound, kConflict (a clash with
// stored state, e.g. a payment id re-posted with different content), kUnavailable (the database
// cannot be reached; retry), kInternal.
// Thread-safety: implementations are safe to call from many threads at once (they hold a
// connection pool); a Store outlives every caller.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/colleague.h"
#include "workflows/customer.h"
#include "workflows/event.h"
#include "workflows/invoice.h"
#include "workflows/payment.h"
#include "workflows/status.h"

namespace duly {

// Who makes a change; recorded on every event ("token:erp-sync", "cli", "system").
struct Actor {
  std::string name;
};

// Keyset pagination: items with an id (or seq) after `after`, at most `limit` of them.
struct PageRequest {
  std::string after;  // empty for the first page
  int limit = 100;    // 1..1000
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_after;  // empty when this is the last page
};

struct UpsertSummary {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  friend bool operator==(const UpsertSummary&, const UpsertSummary&) = default;
};

struct InvoiceFilter {
  std::string customer;                 // empty: all customers
  std::optional<InvoiceStatus> status;  // empty: any status
};

// The outcome of `duly verify-history`.
struct HistoryVerdict {
  bool intact = true;
  std::int64_t events = 0;  // how many events were checked
  std::string head_hash;    // hash of the last event: anchor it elsewhere to detect truncation
  std::int64_t first_bad_seq = 0;  // when !intact: the first event that does not verify
  std::string problem;             // when !intact: what is wrong ("hash mismatch", "gap after 41")
};

// Roles an API token can hold.
enum class Role { kAdmin, kManager, kCollector, kColleague, kIntegration };
const char* RoleName(Role role);  // "admin", "manager", ...
std::optional<Role> ParseRole(std::string_view text);

struct ApiToken {
  std::int64_t id = 0;
  std::string name;  // what the token is for ("erp-sync", "anna")
  Role role = Role::kIntegration;
  std::string hash;  // hex SHA-256 of the secret; the secret itself is never stored
  Instant created_at{};
  std::optional<Instant> revoked_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Customers, keyed by id. An account manager must be an existing colleague.
  virtual Result<UpsertSummary> UpsertCustomers(const std::vector<Customer>& customers,
                                                const Actor& actor) = 0;
  virtual Result<Customer> GetCustomer(const std::string& id) = 0;
  virtual Result<Page<Customer>> ListCustomers(const PageRequest& page) = 0;

  // Colleagues, keyed by id. A manager must exist (in the batch or stored) and the manager chain
  // must not loop.
  virtual Result<UpsertSummary> UpsertColleagues(const std::vector<Colleague>& colleagues,
                                                 const Actor& actor) = 0;
  virtual Result<Colleague> GetColleague(const std::string& id) = 0;
  virtual Result<Page<Colleague>> ListColleagues(const PageRequest& page) = 0;

  // Invoices and credit notes, keyed by id. The customer must exist. On update the open amount
  // is recomputed from the new amount minus what is already allocated; an amount below what is
  // allocated is kInvalidArgument. A credit note naming `credits_invoice` is applied to it.
  virtual Result<UpsertSummary> UpsertInvoices(const std::vector<Invoice>& invoices,
                                               const Actor& actor) = 0;
  virtual Result<Invoice> GetInvoice(const std::string& id) = 0;
  virtual Result<Page<Invoice>> ListInvoices(const InvoiceFilter& filter,
                                             const PageRequest& page) = 0;

  // Posts payments, keyed by id, allocating each (see Payment). Re-posting an identical payment
  // changes nothing (counted unchanged); the same id with other content is kConflict.
  virtual Result<UpsertSummary> PostPayments(const std::vector<Payment>& payments,
                                             const Actor& actor) = 0;
  virtual Result<Payment> GetPayment(const std::string& id) = 0;
  virtual Result<Page<Payment>> ListPayments(const std::string& customer,
                                             const PageRequest& page) = 0;

  // A customer's history, oldest first; page.after is a seq.
  virtual Result<Page<Event>> ListCustomerEvents(const std::string& customer,
                                                 const PageRequest& page) = 0;
  // The whole history, oldest first; page.after is a seq.
  virtual Result<Page<Event>> ListEvents(const PageRequest& page) = 0;
  // Recomputes every hash of the history and checks the sequence has no gaps.
  virtual Result<HistoryVerdict> VerifyHistory() = 0;

  // The customer asked not to be contacted on `channel` (email, sms, whatsapp, letter, voice) any
  // more; records "customer.opted_out". Opting out twice changes nothing. kNotFound for an
  // unknown customer, kInvalidArgument (field "/channel") for an unknown channel.
  virtual Status RecordOptOut(const std::string& customer, const std::string& channel,
                              const Actor& actor) = 0;

  // The customer asked to be contacted on `channel` again (START, YES, UNSTOP, or a person's
  // change); records "customer.opted_in". kOk and nothing written when not opted out. Errors as
  // for RecordOptOut.
  virtual Status RecordOptIn(const std::string& customer, const std::string& channel,
                             const Actor& actor) = 0;
  // The channels the customer has opted out of (and not back in), sorted. kNotFound for an
  // unknown customer.
  virtual Result<std::set<std::string>> OptedOutChannels(const std::string& customer) = 0;
  // The customers whose phone (the customer's own or a contact's) is `phone` (E.164), sorted by
  // id; empty when none. Used to attribute an inbound SMS or WhatsApp message.
  virtual Result<std::vector<std::string>> FindCustomersByPhone(const std::string& phone) = 0;

  // API tokens. CreateToken fills id and created_at and records an event (without the hash).
  virtual Result<ApiToken> CreateToken(const ApiToken& token, const Actor& actor) = 0;
  virtual Result<ApiToken> FindTokenByHash(const std::string& hash) = 0;  // kNotFound if none
  virtual Status RevokeToken(std::int64_t id, const Actor& actor) = 0;

  // Cheap liveness probe of the database (SELECT 1). kUnavailable when unreachable.
  virtual Status Ping() = 0;
};

}  // namespace duly
