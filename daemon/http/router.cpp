#include "daemon/http/router.h"

#include <exception>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/http/error_response.h"
#include "daemon/http/request_target.h"

namespace duly::daemon {
namespace {

std::vector<std::string> SplitSegments(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = path.empty() || path.front() != '/' ? 0 : 1;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    segments.emplace_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

bool IsParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The request path split into decoded segments, or nothing when an escape is malformed. The raw
// target is split before decoding so that an encoded '/' stays inside its segment.
std::optional<std::vector<std::string>> RequestSegments(const HttpRequest& request) {
  const std::string_view raw =
      request.target.empty() ? std::string_view(request.path) : RawPath(request.target);
  std::vector<std::string> segments = SplitSegments(raw);
  for (std::string& segment : segments) {
    std::optional<std::string> decoded = PercentDecode(segment);
    if (!decoded) return std::nullopt;
    segment = std::move(*decoded);
  }
  return segments;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (IsParameter(pattern[i])) {
      if (segments[i].empty()) return false;
      found[pattern[i].substr(1, pattern[i].size() - 2)] = segments[i];
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  if (params != nullptr) *params = std::move(found);
  return true;
}

HttpResponse MethodNotAllowed(const std::string& allow) {
  nlohmann::json body = {{"error",
                          {{"code", "method_not_allowed"},
                           {"message", "this path answers only " + allow},
                           {"fields", nlohmann::json::array()}}}};
  HttpResponse response = JsonResponse(body.dump(), 405);
  response.headers.emplace_back("Allow", allow);
  return response;
}

// The secret of an "Authorization: Bearer <secret>" header, or "" when there is none.
std::string BearerSecret(const HttpRequest& request) {
  const std::string& header = request.Header("authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = header[i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != kScheme[i]) return {};
  }
  std::string secret = header.substr(kScheme.size());
  while (!secret.empty() && secret.front() == ' ') secret.erase(secret.begin());
  while (!secret.empty() && secret.back() == ' ') secret.pop_back();
  return secret;
}

Error Unauthenticated(std::string message) {
  return Error{ErrorCode::kUnauthenticated, std::move(message), {}};
}

}  // namespace

Router::Router(Authenticator authenticator) : authenticator_(std::move(authenticator)) {}

void Router::Add(std::string method, std::string pattern, std::set<Role> roles,
                 RouteHandler handler) {
  for (const Route& route : routes_) {
    DULY_CHECK(!(route.info.method == method && route.info.pattern == pattern));
  }
  DULY_CHECK(!pattern.empty() && pattern.front() == '/');
  DULY_CHECK(handler != nullptr);
  Route route;
  route.segments = SplitSegments(pattern);
  route.info = RouteInfo{std::move(method), std::move(pattern), std::move(roles)};
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

const Router::Route* Router::Find(const std::string& method, const std::string& path,
                                  std::map<std::string, std::string>* params,
                                  bool* path_known) const {
  HttpRequest probe;
  probe.path = path;
  const std::optional<std::vector<std::string>> segments = RequestSegments(probe);
  if (path_known != nullptr) *path_known = false;
  if (!segments) return nullptr;
  for (const Route& route : routes_) {
    if (!Matches(route.segments, *segments, nullptr)) continue;
    if (path_known != nullptr) *path_known = true;
    if (route.info.method == method && Matches(route.segments, *segments, params)) return &route;
  }
  return nullptr;
}

void Router::SetFallback(RouteHandler handler) {
  DULY_CHECK(handler != nullptr);
  fallback_ = std::move(handler);
}

HttpResponse Router::RunFallback(const HttpRequest& request) const {
  const RouteContext context{request, {}, std::nullopt};
  try {
    return fallback_(context);
  } catch (const std::exception& e) {
    return ErrorResponse(InternalError("GET " + request.path + ": fallback threw: " + e.what()));
  } catch (...) {
    return ErrorResponse(InternalError("GET " + request.path + ": fallback threw"));
  }
}

HttpResponse Router::Handle(const HttpRequest& request) const {
  const std::string raw_path(request.target.empty() ? std::string_view(request.path)
                                                    : RawPath(request.target));
  std::map<std::string, std::string> params;
  bool path_known = false;
  const Route* route = Find(request.method, raw_path, &params, &path_known);
  if (route == nullptr) {
    if (!path_known) {
      const bool api_path = raw_path == "/v1" || raw_path.starts_with("/v1/");
      if (fallback_ && request.method == "GET" && !api_path) {
        return RunFallback(request);
      }
      return ErrorResponse(NotFound("no resource at " + raw_path));
    }
    std::string allow;
    for (const Route& candidate : routes_) {
      std::map<std::string, std::string> ignored;
      if (Find(candidate.info.method, raw_path, &ignored, nullptr) != &candidate) continue;
      if (allow.find(candidate.info.method) != std::string::npos) continue;
      allow += allow.empty() ? candidate.info.method : ", " + candidate.info.method;
    }
    return MethodNotAllowed(allow);
  }

  RouteContext context{request, std::move(params), std::nullopt};
  if (!route->info.roles.empty()) {
    const std::string secret = BearerSecret(request);
    if (secret.empty()) {
      return ErrorResponse(Unauthenticated("this route needs an Authorization: Bearer token"));
    }
    Result<Principal> principal = authenticator_(secret);
    if (!principal) {
      const ErrorCode code = principal.error().code;
      if (code == ErrorCode::kUnavailable || code == ErrorCode::kInternal) {
        return ErrorResponse(principal.error());
      }
      return ErrorResponse(Unauthenticated("the bearer token is unknown or revoked"));
    }
    if (principal->role != Role::kAdmin && route->info.roles.count(principal->role) == 0) {
      return ErrorResponse(Error{ErrorCode::kPermissionDenied,
                                 std::string("the role ") + RoleName(principal->role) +
                                     " may not " + route->info.method + " " + route->info.pattern,
                                 {}});
    }
    context.principal = std::move(*principal);
  }

  try {
    return route->handler(context);
  } catch (const std::exception& e) {
    return ErrorResponse(InternalError(route->info.method + " " + route->info.pattern +
                                       ": handler threw: " + e.what()));
  } catch (...) {
    return ErrorResponse(InternalError(route->info.method + " " + route->info.pattern +
                                       ": handler threw a non-standard exception"));
  }
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> infos;
  infos.reserve(routes_.size());
  for (const Route& route : routes_) infos.push_back(route.info);
  return infos;
}

std::string Router::MatchedPattern(const HttpRequest& request) const {
  const std::optional<std::vector<std::string>> segments = RequestSegments(request);
  if (!segments) return "unmatched";
  for (const Route& route : routes_) {
    if (route.info.method == request.method && Matches(route.segments, *segments, nullptr)) {
      return route.info.pattern;
    }
  }
  for (const Route& route : routes_) {
    if (Matches(route.segments, *segments, nullptr)) return route.info.pattern;
  }
  return "unmatched";
}

}  // namespace duly::daemon
