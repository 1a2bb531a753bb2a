// duly::daemon::SociStatementStore: the StatementStore over the SociStore's database.
//
// Promise: see workflows/matching/statement_store.h. Each method is one read or one write
// transaction over the SociStore's shared connections (store_transactions.h), so it shares the
// SQLite writer and the history chain with the SociStore: an import's payments, the invoices
// they settle (which stops their reminders: the outbox lease and the engine skip paid invoices)
// and the entries' states commit together. An import loads every open item and known payer into
// a MatchIndex inside its transaction, so matching sees exactly what it posts against. The
// payment of an entry has the id "bank-" + 32 hex digits of the entry key's SHA-256.
// Thread-safety: safe to call concurrently; the Connections and the Clock must outlive it.
#pragma once

#include <memory>
#include <string>

#include "daemon/store/store_transactions.h"
#include "workflows/matching/statement_store.h"

namespace duly::daemon {

class SociStatementStore final : public StatementStore, protected StoreTransactions {
 public:
  SociStatementStore(std::shared_ptr<Connections> connections, const Clock& clock,
                     StatementOptions options = {})
      : StoreTransactions(std::move(connections), clock), options_(options) {}

  Result<ImportReport> ImportStatement(const StatementFile& file, const Actor& actor) override;
  Result<ReconciliationPage> ListQueue(std::int64_t after, int limit) override;
  Result<StatementEntryRecord> GetEntry(std::int64_t id) override;
  Result<StatementEntryRecord> AllocateEntry(std::int64_t id, const std::string& customer,
                                             const std::vector<Allocation>& allocations,
                                             const Actor& actor) override;
  Result<StatementEntryRecord> DismissEntry(std::int64_t id, const std::string& reason,
                                            const Actor& actor) override;

  // The payment id an entry with this key is posted under.
  static std::string PaymentIdFor(const std::string& entry_key);

 private:
  StatementOptions options_;
};

}  // namespace duly::daemon
