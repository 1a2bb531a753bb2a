#include "daemon/http/token_secret.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

TEST(TokenSecretTest, SecretHasPrefixAndBase64UrlBody) {
  const std::string secret = GenerateTokenSecret();
  ASSERT_EQ(secret.size(), 5u + 43u);
  EXPECT_EQ(secret.substr(0, 5), "duly_");
  for (const char c : secret.substr(5)) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    EXPECT_TRUE(ok) << "unexpected character " << c;
  }
}

TEST(TokenSecretTest, SecretsDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(GenerateTokenSecret());
  EXPECT_EQ(seen.size(), 100u);
}

TEST(TokenSecretTest, HashIsHexSha256) {
  // Known answers (sha256sum).
  EXPECT_EQ(HashTokenSecret(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashTokenSecret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

class TokenAuthenticatorTest : public ::testing::Test {
 protected:
  TokenAuthenticatorTest() {
    ApiToken live;
    live.name = "erp-sync";
    live.role = Role::kIntegration;
    live.hash = HashTokenSecret("duly_live");
    tokens_[live.hash] = live;
    ApiToken revoked = live;
    revoked.name = "old";
    revoked.hash = HashTokenSecret("duly_revoked");
    revoked.revoked_at = FromEpochMillis(1000);
    tokens_[revoked.hash] = revoked;
    authenticate_ = MakeTokenAuthenticator([this](const std::string& hash) -> Result<ApiToken> {
      looked_up_.push_back(hash);
      if (hash == HashTokenSecret("duly_dbdown")) return Unavailable("connection refused");
      const auto it = tokens_.find(hash);
      if (it == tokens_.end()) return NotFound("no token with that hash");
      return it->second;
    });
  }
  std::map<std::string, ApiToken> tokens_;
  std::vector<std::string> looked_up_;
  Authenticator authenticate_;
};

TEST_F(TokenAuthenticatorTest, LiveTokenGivesPrincipalAndOnlyTheHashIsLookedUp) {
  Result<Principal> principal = authenticate_("duly_live");
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->name, "erp-sync");
  EXPECT_EQ(principal->role, Role::kIntegration);
  ASSERT_EQ(looked_up_.size(), 1u);
  EXPECT_EQ(looked_up_[0], HashTokenSecret("duly_live"));
}

TEST_F(TokenAuthenticatorTest, UnknownTokenIsUnauthenticated) {
  Result<Principal> principal = authenticate_("duly_unknown");
  ASSERT_FALSE(principal.has_value());
  EXPECT_EQ(principal.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(TokenAuthenticatorTest, RevokedTokenIsUnauthenticated) {
  Result<Principal> principal = authenticate_("duly_revoked");
  ASSERT_FALSE(principal.has_value());
  EXPECT_EQ(principal.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(TokenAuthenticatorTest, StoreFailureKeepsItsCode) {
  Result<Principal> principal = authenticate_("duly_dbdown");
  ASSERT_FALSE(principal.has_value());
  EXPECT_EQ(principal.error().code, ErrorCode::kUnavailable);
}

TEST_F(TokenAuthenticatorTest, EmptySecretIsRejectedWithoutLookup) {
  EXPECT_FALSE(authenticate_("").has_value());
  EXPECT_TRUE(looked_up_.empty());
}

}  // namespace
}  // namespace duly::daemon
