// duly::daemon::StatementTable: statement files and their entries in SQL (migration 0007).
//
// Promise: InsertImport records a file once (by digest); Existing finds already imported entries
// by key in one statement; InsertEntries writes new entries with consecutive ids after the
// largest stored one (safe because every writer holds the history head first); Find, ListQueued
// and Decide read and move one entry. Candidates are stored as a JSON array. Runs inside the
// caller's transaction and throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/matching/match_decision.h"
#include "workflows/matching/statement_store.h"

namespace duly::daemon {

// A new entry as the import decided it.
struct NewStatementEntry {
  const StatementLine* line = nullptr;
  EntryState state = EntryState::kQueued;
  const MatchDecision* decision = nullptr;
  std::string payment;  // posted: the payment id
};

class StatementTable {
 public:
  StatementTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  bool ImportExists(const std::string& digest);
  void InsertImport(const StatementFile& file, const ImportReport& report, const std::string& actor,
                    long long now);
  // Stored entries among `keys`, by key: id, state, payment and the payment's customer.
  std::map<std::string, EntryOutcome> Existing(const std::vector<std::string>& keys);
  // Returns the ids given, in order.
  std::vector<std::int64_t> InsertEntries(const std::vector<NewStatementEntry>& entries,
                                          const std::string& digest, long long now);
  std::optional<StatementEntryRecord> Find(std::int64_t id);
  ReconciliationPage ListQueued(std::int64_t after, int limit);
  void Decide(std::int64_t id, EntryState state, const std::string& reason,
              const std::string& payment, const std::string& actor, long long now);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

std::string CandidatesJson(const std::vector<MatchCandidate>& candidates);
std::vector<MatchCandidate> ParseCandidatesJson(const std::string& text);

}  // namespace duly::daemon
