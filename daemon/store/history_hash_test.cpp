#include "daemon/store/history_hash.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include "daemon/store/record_digest.h"

namespace duly::daemon {
namespace {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string hex;
  for (unsigned char byte : digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex.push_back(kHex[byte >> 4U]);
    hex.push_back(kHex[byte & 0x0fU]);
  }
  return hex;
}

TEST(HistoryHash, MatchesTheDocumentedFormat) {
  Event event;
  event.seq = 1;
  event.at = FromEpochMillis(0);
  event.type = "x";
  EXPECT_EQ(HistoryHash(event), Sha256Hex("duly-event-v1\n1:1\n1:0\n1:x\n0:\n0:\n0:\n0:\n0:\n"));
}

TEST(HistoryHash, EveryFieldCountsAndBoundariesAreUnambiguous) {
  Event base;
  base.seq = 7;
  base.at = FromEpochMillis(1767225600000);
  base.type = "invoice.created";
  base.customer = "C1";
  base.invoice = "I1";
  base.actor = "cli";
  base.payload = "{}";
  base.prev_hash = std::string(64, 'a');
  const std::string hash = HistoryHash(base);
  EXPECT_EQ(hash.size(), 64U);
  Event moved = base;
  moved.customer = "C";
  moved.invoice = "1I1";  // same concatenation, different fields
  EXPECT_NE(HistoryHash(moved), hash);
  for (auto change :
       {+[](Event& e) { e.seq += 1; }, +[](Event& e) { e.at += std::chrono::milliseconds(1); },
        +[](Event& e) { e.type += "x"; }, +[](Event& e) { e.actor += "x"; },
        +[](Event& e) { e.payload += " "; }, +[](Event& e) { e.prev_hash[0] = 'b'; }}) {
    Event changed = base;
    change(changed);
    EXPECT_NE(HistoryHash(changed), hash);
  }
  Event with_hash = base;
  with_hash.hash = "ignored";
  EXPECT_EQ(HistoryHash(with_hash), hash);
}

TEST(RecordDigest, LengthPrefixedFields) {
  RecordDigest digest;
  EXPECT_EQ(digest.Add("ab").Add(std::int64_t{12}).Finish(), Sha256Hex("2:ab\n2:12\n"));
  EXPECT_NE(RecordDigest().Add("a").Add("b").Finish(), RecordDigest().Add("ab").Add("").Finish());
}

}  // namespace
}  // namespace duly::daemon
