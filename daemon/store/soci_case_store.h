// duly::daemon::SociCaseStore: the CaseStore (workflows/cases/case_store.h) over the SociStore's
// connections, so cases, their outbox rows and their events share the SQLite writer, the
// transactions and the hash-chained history of everything else.
//
// Promise: each method is one Read() or one Write() (store_transactions.h) with the actor given
// (RemindDue and EscalateDue write as actor "cases"); the CasePolicy (routing, deadlines,
// reminder, escalation) is fixed at construction. Errors as case_store.h states, plus
// kUnavailable / kInternal from the database (StoreError).
// Thread-safety: safe to call concurrently; the Connections and the Clock must outlive it.
#pragma once

#include <memory>

#include "daemon/store/connections.h"
#include "daemon/store/store_transactions.h"
#include "workflows/cases/case_policy.h"
#include "workflows/cases/case_store.h"

namespace duly::daemon {

class SociCaseStore final : public CaseStore, protected StoreTransactions {
 public:
  // REQUIRES: Validate(policy) is empty.
  SociCaseStore(std::shared_ptr<Connections> connections, const Clock& clock,
                CasePolicy policy = DefaultCasePolicy());

  Result<ComplaintCase> OpenCase(const NewCase& opened, const Actor& actor) override;
  Result<ComplaintCase> GetCase(std::int64_t id) override;
  Result<Page<ComplaintCase>> ListCases(const CaseFilter& filter, const PageRequest& page) override;
  Result<ComplaintCase> AcknowledgeCase(std::int64_t id, const std::string& colleague,
                                        const Actor& actor) override;
  Result<CaseComment> CommentCase(std::int64_t id, const std::string& author,
                                  const std::string& text, const Actor& actor) override;
  Result<ComplaintCase> ReassignCase(std::int64_t id, const std::string& assignee,
                                     const std::string& note, const Actor& actor) override;
  // soci_case_resolve.cpp
  Result<ComplaintCase> ResolveCase(std::int64_t id, const CaseResolution& resolution,
                                    const Actor& actor) override;
  // soci_case_due.cpp
  Result<std::int64_t> RemindDue(Instant now, int limit) override;
  Result<std::int64_t> EscalateDue(Instant now, int limit) override;
  Result<std::optional<Instant>> NextCaseDue() override;
  Result<std::vector<ComplaintFact>> ComplaintFacts(std::optional<Instant> from,
                                                    std::optional<Instant> to) override;

 private:
  const CasePolicy policy_;
};

}  // namespace duly::daemon
