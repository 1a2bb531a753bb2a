// duly::daemon::Router: maps method + path pattern to a handler and enforces who may call it.
//
// Promise: every route declares the roles it admits (an empty set means public: /healthz,
// /readyz, /metrics, /v1/openapi.json). Handle() answers 401 without a valid bearer token, 403
// when the token's role is not admitted (admin is admitted everywhere), 404 for an unknown path,
// 405 with Allow for a known path and unknown method, and otherwise the handler's response; an
// exception escaping a handler becomes a logged 500 without internal details. Patterns are
// literal segments and {name} parameters: "/v1/customers/{id}/history". A fallback (the web UI's
// files) may answer public GET requests that match no route and lie outside /v1; /v1 stays 404.
// Thread-safety: Add() before serving; Handle() is then safe from many threads at once.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/http/http_types.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly::daemon {

// Who is calling: the token's name and role.
struct Principal {
  std::string name;
  Role role = Role::kIntegration;
};

struct RouteContext {
  const HttpRequest& request;
  std::map<std::string, std::string> params;  // values of {name} segments, percent-decoded
  std::optional<Principal> principal;         // set on every non-public route
};

using RouteHandler = std::function<HttpResponse(const RouteContext&)>;

// Resolves a bearer secret to a principal; kUnauthenticated when unknown or revoked.
using Authenticator = std::function<Result<Principal>(const std::string& bearer_secret)>;

struct RouteInfo {
  std::string method;
  std::string pattern;
  std::set<Role> roles;  // empty: public
};

class Router {
 public:
  explicit Router(Authenticator authenticator);

  // REQUIRES: no route with the same method and pattern yet.
  void Add(std::string method, std::string pattern, std::set<Role> roles, RouteHandler handler);

  // Answers, without authentication, every GET whose path matches no route and is neither /v1 nor
  // under /v1/ (the web UI: its files and its client-side routes). Not listed by Routes(): it is
  // no API operation. Without a fallback those requests are 404 like any unknown path.
  void SetFallback(RouteHandler handler);

  HttpResponse Handle(const HttpRequest& request) const;

  // Every registered route, in registration order (for the OpenAPI conformance test and the
  // route x role test).
  std::vector<RouteInfo> Routes() const;

  // The pattern that `request` matches ("/v1/invoices/{id}"), or "unmatched": the metrics label.
  std::string MatchedPattern(const HttpRequest& request) const;

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    RouteHandler handler;
  };
  const Route* Find(const std::string& method, const std::string& path,
                    std::map<std::string, std::string>* params, bool* path_known) const;
  HttpResponse RunFallback(const HttpRequest& request) const;

  Authenticator authenticator_;
  std::vector<Route> routes_;
  RouteHandler fallback_;
};

}  // namespace duly::daemon
