#include "daemon/store/token_table.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

// Store a new token and return its id.
constexpr const char* kInsertToken =
    "INSERT INTO api_tokens (name, role, hash, created_at) VALUES (:name, :role, :hash, :at)"
    " RETURNING id";
// A token by the hash of its secret.
constexpr const char* kSelectTokenByHash =
    "SELECT id, name, role, hash, created_at, revoked_at FROM api_tokens WHERE hash = :key";
// A token by id.
constexpr const char* kSelectTokenById =
    "SELECT id, name, role, hash, created_at, revoked_at FROM api_tokens WHERE id = :key";
// Revoke a token that is still valid.
constexpr const char* kRevokeToken =
    "UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL";

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<ApiToken> TokenTable::Create(const ApiToken& token, HistoryChain& chain) {
  std::vector<FieldError> errors;
  if (token.name.empty() || token.name.size() > 200) {
    errors.push_back({"/name", "must be 1 to 200 characters"});
  }
  if (token.hash.size() != 64 ||
      token.hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    errors.push_back({"/hash", "must be a lower-case hex SHA-256 (64 characters)"});
  }
  if (!errors.empty()) return InvalidArgument("the token is invalid", std::move(errors));
  ApiToken created = token;
  created.created_at = chain.at();
  created.revoked_at.reset();
  const std::string role = RoleName(token.role);
  long long at = ToEpochMillis(chain.at());
  long long id = 0;
  session_ << kInsertToken, soci::use(token.name, "name"), soci::use(role, "role"),
      soci::use(token.hash, "hash"), soci::use(at, "at"), soci::into(id);
  created.id = id;
  chain.Append("token.created", "", "",
               Dump({{"id", created.id}, {"name", created.name}, {"role", role}}));
  return created;
}

std::optional<ApiToken> TokenTable::Select(const char* sql, const std::string& key_name,
                                           const std::string& text_key, long long number_key) {
  long long id = 0;
  long long created_at = 0;
  long long revoked_at = 0;
  soci::indicator revoked = soci::i_null;
  std::string name;
  std::string role;
  std::string hash;
  soci::statement select(session_);
  select.exchange(soci::into(id));
  select.exchange(soci::into(name));
  select.exchange(soci::into(role));
  select.exchange(soci::into(hash));
  select.exchange(soci::into(created_at));
  select.exchange(soci::into(revoked_at, revoked));
  if (text_key.empty()) {
    select.exchange(soci::use(number_key, key_name));
  } else {
    select.exchange(soci::use(text_key, key_name));
  }
  select.alloc();
  select.prepare(sql);
  select.define_and_bind();
  select.execute();
  if (!select.fetch()) return std::nullopt;
  ApiToken token;
  token.id = id;
  token.name = name;
  token.role = ParseRole(role).value_or(Role::kIntegration);
  token.hash = hash;
  token.created_at = FromEpochMillis(created_at);
  if (revoked == soci::i_ok) token.revoked_at = FromEpochMillis(revoked_at);
  return token;
}

std::optional<ApiToken> TokenTable::FindByHash(const std::string& hash) {
  if (hash.empty()) return std::nullopt;
  return Select(kSelectTokenByHash, "key", hash, 0);
}

Status TokenTable::Revoke(std::int64_t id, HistoryChain& chain) {
  auto token = Select(kSelectTokenById, "key", "", id);
  if (!token) return NotFound("token " + std::to_string(id) + " does not exist");
  if (token->revoked_at) return Status::Ok();
  long long at = ToEpochMillis(chain.at());
  long long key = id;
  session_ << kRevokeToken, soci::use(at, "at"), soci::use(key, "id");
  chain.Append("token.revoked", "", "", Dump({{"id", id}, {"name", token->name}}));
  return Status::Ok();
}

}  // namespace duly::daemon
