// duly::daemon::CaseTable: complaint cases in SQL: tables cases, case_invoices and
// case_comments (migrations 0001 and 0005).
//
// Promise: Insert() writes a case with its invoices (cases.invoice = the first) and returns its
// id; Find() reads one case with its invoices and comments (lock: FOR UPDATE on PostgreSQL);
// List() pages newest first by id with the filter; the Set* methods change exactly the columns
// they name; DueReminders()/DueEscalations() give at most `limit` ids of work due at `now`
// (PostgreSQL: FOR UPDATE SKIP LOCKED, so two nodes never take the same case); Facts() gives the
// report's facts. Nullable instants are read with COALESCE(x, -1) and written with
// NULLIF(x, -1), -1 standing for none. Runs inside the caller's transaction; throws soci_error.
// Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/cases/case_store.h"

namespace duly::daemon {

class CaseTable {
 public:
  CaseTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::int64_t Insert(const ComplaintCase& opened);
  std::optional<ComplaintCase> Find(std::int64_t id, bool lock = false);
  Page<ComplaintCase> List(const CaseFilter& filter, const PageRequest& page);
  // Cases open or escalated per assignee.
  std::map<std::string, std::int64_t> OpenCasesPerAssignee();

  void SetAcknowledged(std::int64_t id, Instant at);
  CaseComment AddComment(std::int64_t id, const std::string& author, const std::string& text,
                         Instant at);
  void SetAssignee(std::int64_t id, const std::string& assignee);
  void SetReminded(std::int64_t id, Instant at);
  void SetEscalated(std::int64_t id, std::int64_t level, Instant at, std::optional<Instant> next);
  void SetClosed(std::int64_t id, CaseState state, Instant at, const std::string& resolution_json);

  std::vector<std::int64_t> DueReminders(Instant now, int limit);
  std::vector<std::int64_t> DueEscalations(Instant now, int limit);
  std::optional<Instant> NextDue();

  std::vector<ComplaintFact> Facts(std::optional<Instant> from, std::optional<Instant> to);

 private:
  std::vector<std::string> InvoicesOf(std::int64_t id);
  std::vector<CaseComment> CommentsOf(std::int64_t id);

  soci::session& session_;
  DatabaseKind kind_;
};

// The resolution as stored in cases.resolution, and back (nullopt for text that is no
// resolution).
std::string ResolutionJson(const CaseResolution& resolution);
std::optional<CaseResolution> ParseResolutionJson(const std::string& text);

}  // namespace duly::daemon
