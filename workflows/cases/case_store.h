// duly::CaseStore: where complaint cases live, and everything that changes them.
//
// Promise: every method that changes a case is one transaction that also records its event on
// the customer's history (case.opened, case.acknowledged, case.commented, case.reassigned,
// case.reminder_sent, case.escalated, case.resolved) and, where a colleague must hear of it,
// queues the message as a colleague outbox row (case_id set) in the same transaction:
//   Open      routes the category (CasePolicy), picks the assignee (case_assignee.h) unless the
//             request names one, sets deadline and reminder moments, messages the assignee
//             (template case_assigned). kInvalidArgument naming the field (Validate(NewCase);
//             "/invoices/N" for an invoice that is unknown, of another customer, a credit note
//             or not open; "/assignee" for an unknown or inactive colleague); kNotFound for an
//             unknown customer ("/customer" field); kPolicy when nobody can take the case.
//   Acknowledge, Comment, Reassign, Resolve act on a case that is open or escalated (kConflict
//             once closed; kNotFound for an unknown id). Reassign messages the new assignee.
//             Resolve validates the resolution ("/..." fields, case_resolution.h) and applies
//             it: credit_note -> every invoice credited (status credited, open amount 0);
//             corrected_invoice -> new amount (open amount moves by the difference; kPolicy
//             "/new_amount" below what is already paid) and/or due date; explained -> a
//             customer outbox row (template complaint_explained) carrying the explanation; the
//             paused instances of the invoices wake now (their recheck timer is due at once).
//   RemindDue / EscalateDue send at most `limit` due reminders (reminder_at <= now, not yet
//             reminded, still open and not escalated; template case_reminder) or escalations
//             (deadline or next_escalation_at <= now; the manager `level` steps above the
//             assignee; template case_escalated; at the top of the chain the case stays
//             escalated with no next escalation) and return how many; a case is reminded once
//             and escalated once per level, so running them twice sends nothing twice.
//   ComplaintFacts gives the report's facts for cases opened in [from, to).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/cases/case_record.h"
#include "workflows/cases/case_resolution.h"
#include "workflows/cases/complaint_report.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

struct CaseFilter {
  std::optional<CaseState> state;
  std::string department;  // "" = any
  std::string assignee;    // "" = any
  std::string customer;    // "" = any
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  virtual Result<ComplaintCase> OpenCase(const NewCase& opened, const Actor& actor) = 0;
  virtual Result<ComplaintCase> GetCase(std::int64_t id) = 0;
  // Newest first by id; PageRequest::after is the last id seen.
  virtual Result<Page<ComplaintCase>> ListCases(const CaseFilter& filter,
                                                const PageRequest& page) = 0;
  virtual Result<ComplaintCase> AcknowledgeCase(std::int64_t id, const std::string& colleague,
                                                const Actor& actor) = 0;
  // kInvalidArgument "/text" when empty or over 4000 characters.
  virtual Result<CaseComment> CommentCase(std::int64_t id, const std::string& author,
                                          const std::string& text, const Actor& actor) = 0;
  // kInvalidArgument "/assignee" for an unknown or inactive colleague or the current assignee.
  virtual Result<ComplaintCase> ReassignCase(std::int64_t id, const std::string& assignee,
                                             const std::string& note, const Actor& actor) = 0;
  virtual Result<ComplaintCase> ResolveCase(std::int64_t id, const CaseResolution& resolution,
                                            const Actor& actor) = 0;

  virtual Result<std::int64_t> RemindDue(Instant now, int limit) = 0;
  virtual Result<std::int64_t> EscalateDue(Instant now, int limit) = 0;
  // The earliest moment RemindDue or EscalateDue would find work; nullopt when none.
  virtual Result<std::optional<Instant>> NextCaseDue() = 0;

  virtual Result<std::vector<ComplaintFact>> ComplaintFacts(std::optional<Instant> from,
                                                            std::optional<Instant> to) = 0;
};

}  // namespace duly
