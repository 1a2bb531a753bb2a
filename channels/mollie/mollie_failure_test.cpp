#include "channels/mollie/mollie_failure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::channels::mollie {
namespace {

using ::testing::HasSubstr;

http::HttpOutcome Answer(long status, std::string body) {  // NOLINT(google-runtime-int)
  http::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

TEST(MollieFailureTest, A422IsPermanentAndNamesMolliesField) {
  // Mollie's documented 422 body for POST /v2/payments.
  const MollieFailure failure = ClassifyMollieOutcome(Answer(422, R"({"status": 422,
      "title": "Unprocessable Entity", "detail": "The 'description' field is missing",
      "field": "description", "_links": {"documentation": {"href": "...", "type": "text/html"}}})"));
  EXPECT_EQ(failure.kind, MollieFailureKind::kPermanent);
  EXPECT_EQ(failure.field, "description");
  EXPECT_THAT(failure.reason, HasSubstr("The 'description' field is missing"));
  const Error error = ToError(failure);
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].field, "/description");
}

TEST(MollieFailureTest, ANestedFieldBecomesAPointer) {
  const MollieFailure failure =
      ClassifyMollieOutcome(Answer(422, R"({"status": 422, "title": "Unprocessable Entity",
                      "detail": "The amount is too high", "field": "amount.value"})"));
  EXPECT_EQ(ToError(failure).fields.at(0).field, "/amount/value");
}

TEST(MollieFailureTest, A401IsPermanentAndUnauthenticated) {
  const MollieFailure failure = ClassifyMollieOutcome(Answer(
      401,
      R"({"status": 401, "title": "Unauthorized Request", "detail": "Missing authentication"})"));
  EXPECT_EQ(failure.kind, MollieFailureKind::kPermanent);
  EXPECT_EQ(ToError(failure).code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(ToError(ClassifyMollieOutcome(Answer(404, "{}"))).code, ErrorCode::kNotFound);
}

TEST(MollieFailureTest, RateLimitsAndServerErrorsAreTransient) {
  for (long status : {429L, 500L, 502L, 503L}) {  // NOLINT(google-runtime-int)
    const MollieFailure failure = ClassifyMollieOutcome(Answer(status, "<html>busy</html>"));
    EXPECT_EQ(failure.kind, MollieFailureKind::kTransient) << status;
    EXPECT_THAT(failure.reason, HasSubstr("<html>busy</html>"));
    EXPECT_EQ(ToError(failure).code, ErrorCode::kUnavailable);
  }
}

TEST(MollieFailureTest, ATimeoutIsUnknownAndARefusedConnectionTransient) {
  http::HttpFailure timeout;
  timeout.may_have_left = true;
  timeout.timed_out = true;
  timeout.reason = "Operation timed out";
  EXPECT_EQ(ClassifyMollieOutcome(timeout).kind, MollieFailureKind::kUnknown);
  EXPECT_THAT(ClassifyMollieOutcome(timeout).reason, HasSubstr("did not answer in time"));
  http::HttpFailure refused;
  refused.reason = "Couldn't connect to server";
  EXPECT_EQ(ClassifyMollieOutcome(refused).kind, MollieFailureKind::kTransient);
}

}  // namespace
}  // namespace duly::channels::mollie
