// duly::daemon::TokenTable: API tokens in SQL (only hashes of secrets are stored).
//
// Promise: Create inserts a token (id assigned by the database, created_at from the chain's
// clock) with a token.created event that omits the hash; Revoke sets revoked_at once (revoking a
// revoked token is a no-op, an unknown id is kNotFound). Runs inside the caller's transaction and
// throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"
#include "workflows/store.h"

namespace duly::daemon {

class TokenTable {
 public:
  explicit TokenTable(soci::session& session) : session_(session) {}

  Result<ApiToken> Create(const ApiToken& token, HistoryChain& chain);
  std::optional<ApiToken> FindByHash(const std::string& hash);
  Status Revoke(std::int64_t id, HistoryChain& chain);

 private:
  std::optional<ApiToken> Select(const char* sql, const std::string& key_name,
                                 const std::string& text_key, long long number_key);
  soci::session& session_;
};

}  // namespace duly::daemon
