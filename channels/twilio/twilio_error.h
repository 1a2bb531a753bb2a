// What a failed Twilio API call means for the dispatcher: retry later, never retry, or ask
// Twilio first.
//
// Promise: ClassifyTwilioError turns an HTTP answer from the REST API (status, Retry-After
// header, body) into a channels::SendFailure:
//   - a Twilio error code the daemon knows (RULES.md §7.4, §7.1) decides: 21211 21608 21610
//     21612 21614 21635 63014 63016 63021 30005 30006 30007 are kPermanent, 20429 21611 30001
//     30003 30008 30036 are kTransient; the reason names the code, what it means and Twilio's
//     own message ("Twilio 21211 (invalid 'To' number): The 'To' number +1 is not valid.");
//   - otherwise HTTP 429 and every 5xx are kTransient, 401/403/404 are kTransient (the account's
//     credentials or SID are wrong: a configuration fault, not the message's) and other 4xx are
//     kPermanent (Twilio refused this request and would refuse it again);
//   - for kTransient, a Retry-After header (delta seconds, or an IMF-fixdate HTTP-date such as
//     "Sun, 06 Nov 1994 08:49:37 GMT", relative to `now`; a date in the past gives 0 s) is
//     honoured. Unparseable values are ignored.
// The body is Twilio's JSON error {"code":..,"message":..,"more_info":..,"status":..}; a body
// that is not that JSON (a proxy's HTML page) is kept, shortened, in the reason.
// FailureAfterTransportError classifies a libcurl-level failure: when the request may have left
// (timeout or connection lost after sending) the outcome is kUnknownOutcome and must be
// reconciled with Twilio before any retry; when it never left (DNS, connect) it is kTransient.
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "channels/channel.h"

namespace duly::channels::twilio {

// Twilio's JSON error body.
struct TwilioErrorBody {
  int code = 0;  // Twilio error code, 0 when absent
  std::string message;
  std::string more_info;  // documentation URL
  int status = 0;         // HTTP status Twilio repeats in the body
  friend bool operator==(const TwilioErrorBody&, const TwilioErrorBody&) = default;
};

// std::nullopt when `body` is not a JSON object with at least a numeric "code" or "message".
std::optional<TwilioErrorBody> ParseTwilioErrorBody(std::string_view body);

// What the daemon knows about a Twilio error code: std::nullopt for codes it does not know.
struct TwilioErrorCode {
  int code = 0;
  std::string_view meaning;  // "invalid 'To' number"
  FailureKind kind = FailureKind::kPermanent;
};
std::optional<TwilioErrorCode> LookUpTwilioErrorCode(int code);

// Seconds to wait from a Retry-After header value; std::nullopt when absent or unparseable.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value,
                                                    std::chrono::system_clock::time_point now);

SendFailure ClassifyTwilioError(int http_status, std::string_view retry_after_header,
                                std::string_view body, std::chrono::system_clock::time_point now);

// `request_sent`: whether any byte of the request may have reached Twilio.
SendFailure FailureAfterTransportError(bool request_sent, std::string_view transport_error);

}  // namespace duly::channels::twilio
