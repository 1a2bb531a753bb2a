#include "daemon/store/history_hash.h"

#include <array>
#include <string_view>

#include <openssl/evp.h>

#include "workflows/status.h"

namespace duly::daemon {
namespace {

void Field(std::string& out, std::string_view bytes) {
  out += std::to_string(bytes.size());
  out.push_back(':');
  out.append(bytes);
  out.push_back('\n');
}

}  // namespace

std::string HistoryHash(const Event& event) {
  std::string text = "duly-event-v1\n";
  text.reserve(64 + event.payload.size() + event.type.size() + event.customer.size() +
               event.invoice.size() + event.actor.size() + event.prev_hash.size());
  Field(text, std::to_string(event.seq));
  Field(text, std::to_string(ToEpochMillis(event.at)));
  Field(text, event.type);
  Field(text, event.customer);
  Field(text, event.invoice);
  Field(text, event.actor);
  Field(text, event.payload);
  Field(text, event.prev_hash);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  DULY_CHECK(EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) ==
             1);
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
