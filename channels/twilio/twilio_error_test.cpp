#include "channels/twilio/twilio_error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::channels::twilio {
namespace {

using std::chrono::seconds;

// 2026-11-24T17:00:00Z
const auto kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 24} + std::chrono::hours{17};

std::string Body(int code, const std::string& message, int status) {
  return nlohmann::json{{"code", code},
                        {"message", message},
                        {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
                        {"status", status}}
      .dump();
}

TEST(TwilioError, ParsesTwiliosErrorBody) {
  const auto body = ParseTwilioErrorBody(Body(21211, "The 'To' number 12 is not valid.", 400));
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(*body, (TwilioErrorBody{21211, "The 'To' number 12 is not valid.",
                                    "https://www.twilio.com/docs/errors/21211", 400}));
  EXPECT_FALSE(ParseTwilioErrorBody("<html>Bad gateway</html>").has_value());
  EXPECT_FALSE(ParseTwilioErrorBody("[1,2]").has_value());
  EXPECT_FALSE(ParseTwilioErrorBody("{\"sid\":\"SM1\"}").has_value());
  EXPECT_FALSE(ParseTwilioErrorBody("").has_value());
}

TEST(TwilioError, PermanentCodesFailAtOnceAndNameTheCode) {
  const std::vector<std::pair<int, std::string>> permanent{{21211, "invalid 'To' number"},
                                                           {21608, "not verified"},
                                                           {21610, "unsubscribed"},
                                                           {21612, "unroutable"},
                                                           {21614, "not SMS-capable"},
                                                           {21635, "landline"},
                                                           {63014, "blocked"},
                                                           {63016, "24-hour window"},
                                                           {63021, "1,024 characters"},
                                                           {30005, "unknown destination"},
                                                           {30006, "landline or unreachable"},
                                                           {30007, "filtered"}};
  for (const auto& [code, meaning] : permanent) {
    const auto failure = ClassifyTwilioError(400, "30", Body(code, "Twilio says no", 400), kNow);
    EXPECT_EQ(failure.kind, FailureKind::kPermanent) << code;
    EXPECT_EQ(failure.provider_code, std::to_string(code));
    EXPECT_NE(failure.reason.find("Twilio " + std::to_string(code)), std::string::npos)
        << failure.reason;
    EXPECT_NE(failure.reason.find(meaning), std::string::npos) << failure.reason;
    EXPECT_NE(failure.reason.find("Twilio says no"), std::string::npos) << failure.reason;
    EXPECT_FALSE(failure.retry_after.has_value()) << "no Retry-After on a permanent failure";
  }
}

TEST(TwilioError, BackOffCodesAreTransientAndHonourRetryAfter) {
  for (const int code : {20429, 21611, 30001, 30003, 30008, 30036}) {
    const auto failure = ClassifyTwilioError(429, "17", Body(code, "slow down", 429), kNow);
    EXPECT_EQ(failure.kind, FailureKind::kTransient) << code;
    EXPECT_EQ(failure.provider_code, std::to_string(code));
    EXPECT_EQ(failure.retry_after, seconds{17}) << code;
  }
}

TEST(TwilioError, HttpStatusDecidesWhenTheCodeIsUnknown) {
  auto failure =
      ClassifyTwilioError(503, "Tue, 24 Nov 2026 17:02:30 GMT", "Service Unavailable", kNow);
  EXPECT_EQ(failure.kind, FailureKind::kTransient);
  EXPECT_EQ(failure.retry_after, seconds{150});
  EXPECT_EQ(failure.provider_code, "503");
  EXPECT_EQ(failure.reason, "Twilio HTTP 503: body: Service Unavailable");

  failure = ClassifyTwilioError(429, "", "", kNow);
  EXPECT_EQ(failure.kind, FailureKind::kTransient);
  EXPECT_FALSE(failure.retry_after.has_value());

  failure = ClassifyTwilioError(500, "5", Body(20500, "Internal Server Error", 500), kNow);
  EXPECT_EQ(failure.kind, FailureKind::kTransient);
  EXPECT_EQ(failure.provider_code, "20500");
  EXPECT_EQ(failure.retry_after, seconds{5});

  EXPECT_EQ(ClassifyTwilioError(502, "", "<html>bad gateway</html>", kNow).kind,
            FailureKind::kTransient);
  EXPECT_EQ(ClassifyTwilioError(401, "", Body(20003, "Authenticate", 401), kNow).kind,
            FailureKind::kTransient);

  failure = ClassifyTwilioError(400, "60", Body(21604, "'To' is required", 400), kNow);
  EXPECT_EQ(failure.kind, FailureKind::kPermanent);
  EXPECT_EQ(failure.provider_code, "21604");
  EXPECT_FALSE(failure.retry_after.has_value());
  EXPECT_EQ(failure.reason,
            "Twilio 21604, HTTP 400: 'To' is required (https://www.twilio.com/docs/errors/21604)");
}

TEST(TwilioError, RetryAfterForms) {
  EXPECT_EQ(ParseRetryAfter("120", kNow), seconds{120});
  EXPECT_EQ(ParseRetryAfter(" 0 ", kNow), seconds{0});
  EXPECT_EQ(ParseRetryAfter("Tue, 24 Nov 2026 18:00:00 GMT", kNow), seconds{3600});
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", kNow), seconds{0}) << "past date";
  EXPECT_FALSE(ParseRetryAfter("", kNow).has_value());
  EXPECT_FALSE(ParseRetryAfter("-5", kNow).has_value());
  EXPECT_FALSE(ParseRetryAfter("soon", kNow).has_value());
  EXPECT_FALSE(ParseRetryAfter("Tue, 31 Feb 2026 18:00:00 GMT", kNow).has_value());
  EXPECT_FALSE(ParseRetryAfter("Tue, 24 Foo 2026 18:00:00 GMT", kNow).has_value());
  EXPECT_FALSE(ParseRetryAfter("99999999999999", kNow).has_value());
}

TEST(TwilioError, TransportErrors) {
  const auto unknown = FailureAfterTransportError(true, "Operation timed out after 30000 ms");
  EXPECT_EQ(unknown.kind, FailureKind::kUnknownOutcome);
  EXPECT_NE(unknown.reason.find("timed out"), std::string::npos);
  EXPECT_FALSE(unknown.retry_after.has_value());
  const auto unreached = FailureAfterTransportError(false, "Could not resolve host");
  EXPECT_EQ(unreached.kind, FailureKind::kTransient);
  EXPECT_NE(unreached.reason.find("Could not resolve host"), std::string::npos);
}

}  // namespace
}  // namespace duly::channels::twilio
