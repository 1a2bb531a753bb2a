#include "daemon/http/request_target.h"

#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

TEST(RequestTargetTest, DecodesPathAndQuery) {
  Result<RequestTarget> target =
      ParseRequestTarget("/v1/customers/A%20B?limit=10&q=caf%C3%A9+bar&q=last&flag");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/v1/customers/A B");
  EXPECT_EQ(target->query.at("limit"), "10");
  EXPECT_EQ(target->query.at("q"), "last");
  EXPECT_EQ(target->query.at("flag"), "");
}

TEST(RequestTargetTest, PlusIsLiteralInPaths) {
  Result<RequestTarget> target = ParseRequestTarget("/a+b?x=a+b");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/a+b");
  EXPECT_EQ(target->query.at("x"), "a b");
}

TEST(RequestTargetTest, RejectsMalformedEscapes) {
  for (const char* bad : {"/a%", "/a%2", "/a%zz", "/a?x=%G1"}) {
    Result<RequestTarget> target = ParseRequestTarget(bad);
    ASSERT_FALSE(target.has_value()) << bad;
    EXPECT_EQ(target.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(target.error().fields.size(), 1u);
    EXPECT_EQ(target.error().fields[0].field, "target");
  }
}

TEST(RequestTargetTest, RejectsInvalidUtf8) {
  EXPECT_FALSE(ParseRequestTarget("/v1/customers/%FF").has_value());
  EXPECT_FALSE(ParseRequestTarget("/v1/customers/%C0%AF").has_value());  // overlong '/'
  EXPECT_FALSE(ParseRequestTarget("/v1/x?name=%ED%A0%80").has_value());  // surrogate
  EXPECT_FALSE(ParseRequestTarget("/v1/\xff").has_value());
}

TEST(RequestTargetTest, RejectsNonOriginForm) {
  EXPECT_FALSE(ParseRequestTarget("").has_value());
  EXPECT_FALSE(ParseRequestTarget("http://example.com/").has_value());
  EXPECT_FALSE(ParseRequestTarget("*").has_value());
}

TEST(RequestTargetTest, PercentDecodeKeepsEncodedSlashInOneSegment) {
  EXPECT_EQ(PercentDecode("A%2FB"), "A/B");
  EXPECT_EQ(RawPath("/x/A%2FB?y=1"), "/x/A%2FB");
}

}  // namespace
}  // namespace duly::daemon
