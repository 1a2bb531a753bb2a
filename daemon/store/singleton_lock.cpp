#include "daemon/store/singleton_lock.h"

#include <string>

#include "daemon/store/store_error.h"

namespace duly::daemon {
namespace {

constexpr const char* kTryLock = "SELECT CASE WHEN pg_try_advisory_lock(:key) THEN 1 ELSE 0 END";
constexpr const char* kUnlock = "SELECT CASE WHEN pg_advisory_unlock(:key) THEN 1 ELSE 0 END";

}  // namespace

std::int64_t SingletonLock::KeyOf(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64
  for (const char c : std::string("duly:") + std::string(name)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(hash);
}

Result<bool> SingletonLock::RunAlone(std::string_view name, const std::function<Status()>& body) {
  if (connections_->kind() == DatabaseKind::kSqlite) {
    Status ran = body();
    if (!ran) return std::move(ran).error();
    return true;
  }
  const std::string job(name);
  long long key = KeyOf(name);
  auto lease = connections_->Reader();
  int locked = 0;
  try {
    *lease << kTryLock, soci::use(key, "key"), soci::into(locked);
  } catch (const std::exception& failure) {
    connections_->Recover(*lease);
    Error error = StoreError(failure, "locking the job " + job);
    error.code = ErrorCode::kUnavailable;
    return error;
  }
  if (locked != 1) return false;
  Status ran = body();
  try {
    int unlocked = 0;
    *lease << kUnlock, soci::use(key, "key"), soci::into(unlocked);
  } catch (const std::exception&) {
    // The session is broken: closing it (Recover reconnects) releases the lock all the same.
    connections_->Recover(*lease);
  }
  if (!ran) return std::move(ran).error();
  return true;
}

}  // namespace duly::daemon
