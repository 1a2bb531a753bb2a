// API token secrets: how they are made, how they are hashed, and how a presented secret becomes a
// Principal.
//
// Promise: GenerateTokenSecret returns "duly_" followed by 32 bytes from OpenSSL's RAND_bytes in
// unpadded base64url (43 characters), so secrets are recognisable in logs and leak scanners.
// HashTokenSecret returns the lower-case hex SHA-256 of the secret: the only form a token is ever
// stored in. The authenticators hash the presented secret, look the hash up, and answer
// kUnauthenticated for an unknown or revoked token; a lookup that fails for another reason
// (database unreachable) keeps its code so the caller can answer 503.
// Thread-safety: all functions are safe from many threads; the authenticator is as thread-safe as
// the lookup (Store methods are).
#pragma once

#include <functional>
#include <string>

#include "daemon/http/router.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly::daemon {

// Aborts (DULY_CHECK) if the system random generator fails: no token may be made without it.
std::string GenerateTokenSecret();

std::string HashTokenSecret(const std::string& secret);

// Finds a token by the hex SHA-256 of its secret; kNotFound when there is none.
using TokenLookup = std::function<Result<ApiToken>(const std::string& hash)>;

Authenticator MakeTokenAuthenticator(TokenLookup lookup);

// The authenticator over Store::FindTokenByHash. REQUIRES: `store` outlives the authenticator.
Authenticator MakeTokenAuthenticator(Store& store);

}  // namespace duly::daemon
