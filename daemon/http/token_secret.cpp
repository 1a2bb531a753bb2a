#include "daemon/http/token_secret.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

namespace duly::daemon {
namespace {

constexpr std::size_t kSecretBytes = 32;
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64UrlUnpadded(const unsigned char* bytes, std::size_t size) {
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t block = (std::uint32_t{bytes[i]} << 16) |
                                (std::uint32_t{bytes[i + 1]} << 8) | std::uint32_t{bytes[i + 2]};
    out.push_back(kBase64Url[(block >> 18) & 0x3f]);
    out.push_back(kBase64Url[(block >> 12) & 0x3f]);
    out.push_back(kBase64Url[(block >> 6) & 0x3f]);
    out.push_back(kBase64Url[block & 0x3f]);
  }
  const std::size_t rest = size - i;
  if (rest > 0) {
    std::uint32_t block = std::uint32_t{bytes[i]} << 16;
    if (rest == 2) block |= std::uint32_t{bytes[i + 1]} << 8;
    out.push_back(kBase64Url[(block >> 18) & 0x3f]);
    out.push_back(kBase64Url[(block >> 12) & 0x3f]);
    if (rest == 2) out.push_back(kBase64Url[(block >> 6) & 0x3f]);
  }
  return out;
}

Error Unauthenticated(std::string message) {
  return Error{ErrorCode::kUnauthenticated, std::move(message), {}};
}

}  // namespace

std::string GenerateTokenSecret() {
  std::array<unsigned char, kSecretBytes> bytes{};
  DULY_CHECK(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1);
  return "duly_" + Base64UrlUnpadded(bytes.data(), bytes.size());
}

std::string HashTokenSecret(const std::string& secret) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  unsigned int length = 0;
  DULY_CHECK(
      EVP_Digest(secret.data(), secret.size(), digest.data(), &length, EVP_sha256(), nullptr) == 1);
  DULY_CHECK(length == digest.size());
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

Authenticator MakeTokenAuthenticator(TokenLookup lookup) {
  DULY_CHECK(lookup != nullptr);
  return [lookup = std::move(lookup)](const std::string& secret) -> Result<Principal> {
    if (secret.empty()) return Unauthenticated("no bearer token was presented");
    Result<ApiToken> token = lookup(HashTokenSecret(secret));
    if (!token) {
      if (token.error().code == ErrorCode::kNotFound) {
        return Unauthenticated("the bearer token is unknown");
      }
      return token.error().WithContext("looking up the bearer token");
    }
    if (token->revoked_at.has_value()) {
      return Unauthenticated("the bearer token " + token->name + " was revoked");
    }
    return Principal{token->name, token->role};
  };
}

Authenticator MakeTokenAuthenticator(Store& store) {
  return MakeTokenAuthenticator(
      [&store](const std::string& hash) { return store.FindTokenByHash(hash); });
}

}  // namespace duly::daemon
