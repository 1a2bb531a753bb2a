// duly::StatementStore: bank statements imported, matched and posted; the reconciliation queue.
//
// Promise:
// - ImportStatement takes one statement file already read into credits (daemon/statements maps
//   CAMT.053 and MT940 into a StatementFile) and, in ONE transaction: skips every entry whose key
//   was imported before (a duplicate: the same file twice posts nothing new), matches the others
//   against the open invoices, credit notes and known payers (workflows/matching/payment_match.h)
//   as they are at that moment, posts each matched entry as a Payment with the decision's
//   allocations (so a settled invoice's reminders stop with the same commit), applies the credit
//   notes the decision nets, remembers the payer's IBAN for the customer when a reference or an
//   invoice number identified it, and queues the rest (ambiguous or unmatched) with their
//   candidates and scores. Events: statement.imported, invoice.credited, payment.posted,
//   invoice.allocated, statement.entry_queued, customer.payer_account_learnt.
// - The queue lists entries still waiting for a person. AllocateEntry posts a queued entry as a
//   payment to the invoices a person chose (event reconciliation.allocated with the actor);
//   DismissEntry takes it off the queue with a reason (reconciliation.dismissed).
// Errors: kInvalidArgument naming the field ("/entries/3/credit/amount", "/allocations/0/amount",
// "/reason"); kNotFound for an unknown entry or invoice; kConflict for an entry that is not
// queued any more; kUnavailable / kInternal from the database. Nothing is written on an error.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workflows/matching/incoming_credit.h"
#include "workflows/matching/match_decision.h"
#include "workflows/payment.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

// One credit entry of a statement file, as the store imports it.
struct StatementLine {
  // Unique per booked entry across files: the account and the bank's entry reference, or a digest
  // of the entry when the bank gives none (daemon/statements/statement_file.h builds it).
  std::string key;
  std::string bank_reference;  // the bank's own reference, for people; may be empty
  IncomingCredit credit;
};

// One statement file: what ImportStatement takes.
struct StatementFile {
  std::string digest;                  // hex SHA-256 of the file's bytes
  std::string format;                  // "camt.053" / "mt940"
  std::string account;                 // the account the statement is for (IBAN or as written)
  std::string statement_id;            // the bank's statement id(s), for people
  std::vector<StatementLine> entries;  // credits only (debits and reversals are not payments)
  std::int64_t skipped = 0;            // debits and reversals in the file, not imported
};

enum class EntryState { kPosted, kQueued, kAllocated, kDismissed };
const char* EntryStateName(EntryState state);  // "posted", "queued", "allocated", "dismissed"

// What happened to one line of an import.
struct EntryOutcome {
  std::string key;
  std::int64_t entry = 0;  // the stored entry's id (also for a duplicate: the earlier one)
  EntryState state = EntryState::kQueued;
  bool duplicate = false;  // imported before; nothing new written for it
  std::string payment;     // posted: the payment id
  std::string customer;    // posted: whose payment
  friend bool operator==(const EntryOutcome&, const EntryOutcome&) = default;
};

struct ImportReport {
  std::int64_t entries = 0;  // lines in the file
  std::int64_t posted = 0;
  std::int64_t queued = 0;
  std::int64_t duplicates = 0;
  std::vector<EntryOutcome> outcomes;  // one per line, in file order
};

// A stored statement entry (for the queue and after a person's decision).
struct StatementEntryRecord {
  std::int64_t id = 0;
  std::string key;
  std::string bank_reference;
  std::string file_digest;
  IncomingCredit credit;
  EntryState state = EntryState::kQueued;
  std::string outcome;  // the matcher's: "matched", "ambiguous", "unmatched"
  std::string reason;   // the matcher's reason, or the person's dismissal reason
  std::vector<MatchCandidate> candidates;
  std::string payment;     // posted / allocated: the payment id
  std::string decided_by;  // allocated / dismissed: the actor
};

struct ReconciliationPage {
  std::vector<StatementEntryRecord> items;
  std::int64_t next_after = 0;  // 0 when this is the last page
};

struct StatementOptions {
  int min_automatic_score = 60;  // see MatchOptions
};

class StatementStore {
 public:
  virtual ~StatementStore() = default;

  // See the header comment. Errors: kInvalidArgument naming "/entries/<i>/..." for a line with
  // an empty key, a key twice in the file, or a credit that fails Validate(IncomingCredit).
  virtual Result<ImportReport> ImportStatement(const StatementFile& file, const Actor& actor) = 0;

  // Queued entries with id > after, oldest first, at most limit (1..1000: else kInvalidArgument
  // "/limit").
  virtual Result<ReconciliationPage> ListQueue(std::int64_t after, int limit) = 0;
  virtual Result<StatementEntryRecord> GetEntry(std::int64_t id) = 0;

  // Posts queued entry `id` as a payment of `customer` allocated as given (an empty list, or less
  // than the amount, leaves the rest as the customer's credit balance). `customer` may be empty
  // when allocations name invoices; they must all be that customer's. Errors: kNotFound (entry,
  // customer); kConflict when the entry is not queued; kInvalidArgument naming
  // "/allocations/<i>/invoice" or "/allocations/<i>/amount" (see Store::PostPayments) or
  // "/customer".
  virtual Result<StatementEntryRecord> AllocateEntry(std::int64_t id, const std::string& customer,
                                                     const std::vector<Allocation>& allocations,
                                                     const Actor& actor) = 0;

  // Takes queued entry `id` off the queue ("not a customer payment", "refunded"). Errors:
  // kInvalidArgument "/reason" when blank or over 500 bytes; kNotFound; kConflict when not queued.
  virtual Result<StatementEntryRecord> DismissEntry(std::int64_t id, const std::string& reason,
                                                    const Actor& actor) = 0;
};

}  // namespace duly
