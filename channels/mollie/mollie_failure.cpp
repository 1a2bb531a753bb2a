#include "channels/mollie/mollie_failure.h"

#include <variant>

#include <nlohmann/json.hpp>

namespace duly::channels::mollie {
namespace {

std::string Shortened(const std::string& text) {
  constexpr std::size_t kLimit = 200;
  return text.size() <= kLimit ? text : text.substr(0, kLimit) + "...";
}

// "amount.value" -> "/amount/value".
std::string Pointer(const std::string& field) {
  std::string pointer = "/";
  for (const char c : field) pointer += c == '.' ? '/' : c;
  return pointer;
}

MollieFailure FromAnswer(const http::HttpResponse& response) {
  MollieFailure failure;
  failure.http_status = response.status;
  if (response.status == 429 || response.status >= 500) {
    failure.kind = MollieFailureKind::kTransient;
  } else {
    failure.kind = MollieFailureKind::kPermanent;
  }
  std::string title;
  std::string detail;
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    if (body.contains("title") && body["title"].is_string()) title = body["title"];
    if (body.contains("detail") && body["detail"].is_string()) detail = body["detail"];
    if (body.contains("field") && body["field"].is_string()) failure.field = body["field"];
  }
  failure.reason = "Mollie " + std::to_string(response.status);
  if (!title.empty()) failure.reason += " " + title;
  if (!detail.empty()) {
    failure.reason += ": " + detail;
  } else if (!response.body.empty()) {
    failure.reason += ": " + Shortened(response.body);
  }
  if (!failure.field.empty()) failure.reason += " (field " + failure.field + ")";
  // Prism (and proxies) put the reason for a refused request in this header.
  if (const auto violations = response.Header("sl-violations"); violations && detail.empty()) {
    failure.reason += " " + Shortened(*violations);
  }
  return failure;
}

}  // namespace

const char* MollieFailureKindName(MollieFailureKind kind) {
  switch (kind) {
    case MollieFailureKind::kPermanent:
      return "permanent";
    case MollieFailureKind::kTransient:
      return "transient";
    case MollieFailureKind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

MollieFailure ClassifyMollieOutcome(const http::HttpOutcome& outcome) {
  if (const auto* response = std::get_if<http::HttpResponse>(&outcome)) {
    return FromAnswer(*response);
  }
  const auto& transport = std::get<http::HttpFailure>(outcome);
  MollieFailure failure;
  failure.kind =
      transport.may_have_left ? MollieFailureKind::kUnknown : MollieFailureKind::kTransient;
  failure.reason = std::string(transport.timed_out ? "Mollie did not answer in time: "
                                                   : "could not reach Mollie: ") +
                   transport.reason;
  return failure;
}

Error ToError(const MollieFailure& failure) {
  const std::string message =
      std::string("Mollie (") + MollieFailureKindName(failure.kind) + "): " + failure.reason;
  if (failure.kind != MollieFailureKind::kPermanent) return Unavailable(message);
  if (failure.http_status == 401) return Error{ErrorCode::kUnauthenticated, message, {}};
  if (failure.http_status == 404) return NotFound(message);
  if (!failure.field.empty()) return InvalidArgument(message, {{Pointer(failure.field), message}});
  return InvalidArgument(message);
}

}  // namespace duly::channels::mollie
