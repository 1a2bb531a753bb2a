#include "daemon/http/error_response.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

TEST(ErrorResponseTest, EveryCodeHasItsStatus) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPolicy), 422);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ErrorResponseTest, ValidationErrorListsFields) {
  const HttpResponse response = ErrorResponse(InvalidArgument(
      "2 fields are invalid", {{"/amount", "must be positive"}, {"/due_date", "not a date"}}));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "2 fields are invalid");
  ASSERT_EQ(body["error"]["fields"].size(), 2u);
  EXPECT_EQ(body["error"]["fields"][0]["field"], "/amount");
  EXPECT_EQ(body["error"]["fields"][1]["message"], "not a date");
}

TEST(ErrorResponseTest, NonValidationErrorHasEmptyFields) {
  const auto body = nlohmann::json::parse(ErrorResponse(NotFound("invoice INV-1")).body);
  EXPECT_TRUE(body["error"]["fields"].is_array());
  EXPECT_TRUE(body["error"]["fields"].empty());
  EXPECT_EQ(body["error"]["message"], "invoice INV-1");
}

TEST(ErrorResponseTest, InternalMessageIsNeverSent) {
  const HttpResponse response = ErrorResponse(InternalError("soci: password=hunter2 failed"));
  EXPECT_EQ(response.status, 500);
  EXPECT_THAT(response.body, ::testing::Not(::testing::HasSubstr("hunter2")));
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "internal");
}

TEST(ErrorResponseTest, UnauthenticatedCarriesChallenge) {
  const HttpResponse response = ErrorResponse(Error{ErrorCode::kUnauthenticated, "no token", {}});
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "WWW-Authenticate");
}

TEST(ErrorResponseTest, InvalidUtf8InMessageStillGivesValidJson) {
  const HttpResponse response = ErrorResponse(NotFound("customer \xff\xfe"));
  EXPECT_TRUE(nlohmann::json::accept(response.body));
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "not_found");
}

}  // namespace
}  // namespace duly::daemon
