#include "daemon/store/record_digest.h"

#include <array>

#include <openssl/evp.h>

#include "workflows/status.h"

namespace duly::daemon {

RecordDigest::RecordDigest() : context_(EVP_MD_CTX_new()) {
  DULY_CHECK(context_ != nullptr);
  DULY_CHECK(EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) == 1);
}

RecordDigest::~RecordDigest() { EVP_MD_CTX_free(context_); }

void RecordDigest::Feed(std::string_view bytes) {
  DULY_CHECK(EVP_DigestUpdate(context_, bytes.data(), bytes.size()) == 1);
}

RecordDigest& RecordDigest::Add(std::string_view field) {
  Feed(std::to_string(field.size()));
  Feed(":");
  Feed(field);
  Feed("\n");
  return *this;
}

RecordDigest& RecordDigest::Add(std::int64_t field) { return Add(std::to_string(field)); }

std::string RecordDigest::Finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  DULY_CHECK(EVP_DigestFinal_ex(context_, digest.data(), &length) == 1);
  DULY_CHECK(EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) == 1);
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4U]);
    hex.push_back(kHex[digest[i] & 0x0fU]);
  }
  return hex;
}

}  // namespace duly::daemon
