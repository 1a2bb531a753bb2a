#include "channels/twilio/twilio_error.h"

#include <array>

#include <nlohmann/json.hpp>

namespace duly::channels::twilio {
namespace {

using std::chrono::seconds;

constexpr std::array<TwilioErrorCode, 18> kKnownCodes{{
    {20429, "too many API requests", FailureKind::kTransient},
    {21211, "invalid 'To' number", FailureKind::kPermanent},
    {21608, "'To' number not verified for this account (configuration)", FailureKind::kPermanent},
    {21610, "recipient unsubscribed (replied STOP)", FailureKind::kPermanent},
    {21611, "'From' number's queue is over its limit", FailureKind::kTransient},
    {21612, "'To' number unroutable from this sender", FailureKind::kPermanent},
    {21614, "'To' number is not SMS-capable", FailureKind::kPermanent},
    {21635, "'To' number is a landline", FailureKind::kPermanent},
    {30001, "Messaging Service queue overflow", FailureKind::kTransient},
    {30003, "handset unreachable", FailureKind::kTransient},
    {30005, "unknown destination handset", FailureKind::kPermanent},
    {30006, "landline or unreachable carrier", FailureKind::kPermanent},
    {30007, "carrier filtered the message", FailureKind::kPermanent},
    {30008, "unknown delivery error", FailureKind::kTransient},
    {30036, "validity period expired while queued", FailureKind::kTransient},
    {63014, "WhatsApp recipient blocked the sender or opted out", FailureKind::kPermanent},
    {63016, "outside the WhatsApp 24-hour window: send an approved template",
     FailureKind::kPermanent},
    {63021, "WhatsApp content invalid or over 1,024 characters", FailureKind::kPermanent},
}};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

bool Digits(std::string_view text, int& value) {
  if (text.empty()) return false;
  value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

// IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::chrono::sys_seconds> ParseHttpDate(std::string_view text) {
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 12> kMonths{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = i + 1;
  }
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (month == 0 || !Digits(text.substr(5, 2), day) || !Digits(text.substr(12, 4), year) ||
      !Digits(text.substr(17, 2), hour) || !Digits(text.substr(20, 2), minute) ||
      !Digits(text.substr(23, 2), second) || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         seconds{second};
}

std::string Shortened(std::string_view text) {
  constexpr std::size_t kMax = 200;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

}  // namespace

std::optional<TwilioErrorBody> ParseTwilioErrorBody(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  const auto code = json.find("code");
  const auto message = json.find("message");
  const bool has_code = code != json.end() && code->is_number_integer();
  const bool has_message = message != json.end() && message->is_string();
  if (!has_code && !has_message) return std::nullopt;
  TwilioErrorBody error;
  if (has_code) error.code = code->get<int>();
  if (has_message) error.message = message->get<std::string>();
  if (const auto more = json.find("more_info"); more != json.end() && more->is_string()) {
    error.more_info = more->get<std::string>();
  }
  if (const auto status = json.find("status");
      status != json.end() && status->is_number_integer()) {
    error.status = status->get<int>();
  }
  return error;
}

std::optional<TwilioErrorCode> LookUpTwilioErrorCode(int code) {
  for (const auto& known : kKnownCodes) {
    if (known.code == code) return known;
  }
  return std::nullopt;
}

std::optional<seconds> ParseRetryAfter(std::string_view value,
                                       std::chrono::system_clock::time_point now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (value.size() <= 9) {
    int delta = 0;
    if (Digits(value, delta)) return seconds{delta};
  }
  const auto at = ParseHttpDate(value);
  if (!at) return std::nullopt;
  const auto wait = std::chrono::duration_cast<seconds>(*at - now);
  return wait.count() > 0 ? wait : seconds{0};
}

SendFailure ClassifyTwilioError(int http_status, std::string_view retry_after_header,
                                std::string_view body, std::chrono::system_clock::time_point now) {
  SendFailure failure;
  const auto error = ParseTwilioErrorBody(body);
  const auto known = error ? LookUpTwilioErrorCode(error->code) : std::nullopt;
  const std::string twilio_text = error ? error->message : "body: " + Shortened(Trim(body));
  if (known) {
    failure.kind = known->kind;
    failure.provider_code = std::to_string(known->code);
    failure.reason = "Twilio " + failure.provider_code + " (" + std::string(known->meaning) +
                     "), HTTP " + std::to_string(http_status) + ": " + twilio_text;
  } else {
    if (http_status == 429 || http_status >= 500 || http_status == 401 || http_status == 403 ||
        http_status == 404) {
      failure.kind = FailureKind::kTransient;
    } else {
      failure.kind = FailureKind::kPermanent;
    }
    failure.provider_code =
        error && error->code != 0 ? std::to_string(error->code) : std::to_string(http_status);
    failure.reason = "Twilio " + (error && error->code != 0 ? failure.provider_code + ", " : "") +
                     "HTTP " + std::to_string(http_status) + ": " + twilio_text;
  }
  if (error && !error->more_info.empty()) failure.reason += " (" + error->more_info + ")";
  if (failure.kind == FailureKind::kTransient) {
    failure.retry_after = ParseRetryAfter(retry_after_header, now);
  }
  return failure;
}

SendFailure FailureAfterTransportError(bool request_sent, std::string_view transport_error) {
  SendFailure failure;
  if (request_sent) {
    failure.kind = FailureKind::kUnknownOutcome;
    failure.reason = "Twilio request may have arrived, no answer: " + std::string(transport_error) +
                     "; reconcile before any retry";
  } else {
    failure.kind = FailureKind::kTransient;
    failure.reason = "Twilio not reached: " + std::string(transport_error);
  }
  return failure;
}

}  // namespace duly::channels::twilio
