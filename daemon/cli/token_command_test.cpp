#include "daemon/cli/token_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"
#include "daemon/http/token_secret.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class TokenCommandTest : public CommandTest {};

TEST_F(TokenCommandTest, CreatePrintsTheSecretOnceAndStoresOnlyItsHash) {
  ASSERT_EQ(RunTokenCreate(*store_, "integration", "erp-sync", /*quiet=*/true, context_), kExitOk)
      << err_.str();
  const std::string output = out_.str();
  ASSERT_THAT(output, StartsWith("duly_"));
  ASSERT_EQ(output.back(), '\n');
  const std::string secret = output.substr(0, output.size() - 1);
  EXPECT_EQ(secret.find('\n'), std::string::npos);

  auto token = store_->FindTokenByHash(HashTokenSecret(secret));
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->name, "erp-sync");
  EXPECT_EQ(token->role, Role::kIntegration);
  EXPECT_NE(token->hash, secret);
  EXPECT_FALSE(token->revoked_at);
}

TEST_F(TokenCommandTest, VerboseCreateNamesIdAndRole) {
  ASSERT_EQ(RunTokenCreate(*store_, "manager", "anna", /*quiet=*/false, context_), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("(anna, role manager)"));
  EXPECT_THAT(out_.str(), HasSubstr("Secret: duly_"));
}

TEST_F(TokenCommandTest, RevokeMakesTheTokenUnusable) {
  ASSERT_EQ(RunTokenCreate(*store_, "admin", "ops", /*quiet=*/true, context_), kExitOk);
  const std::string secret = out_.str().substr(0, out_.str().size() - 1);
  const std::string hash = HashTokenSecret(secret);
  const std::int64_t id = store_->FindTokenByHash(hash)->id;

  ClearOutput();
  ASSERT_EQ(RunTokenRevoke(*store_, id, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Revoked token " + std::to_string(id)));
  auto after = store_->FindTokenByHash(hash);
  EXPECT_TRUE(!after || after->revoked_at.has_value());
}

TEST_F(TokenCommandTest, BadRoleNameAndUnknownIdAreRefused) {
  EXPECT_EQ(RunTokenCreate(*store_, "boss", "x", true, context_), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("unknown role 'boss'"));
  EXPECT_EQ(RunTokenCreate(*store_, "admin", "", true, context_), kExitUsage);
  EXPECT_EQ(out_.str(), "");
  ClearOutput();
  EXPECT_EQ(RunTokenRevoke(*store_, 4242, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("4242"));
}

}  // namespace
}  // namespace duly::daemon
