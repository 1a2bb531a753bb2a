#include "daemon/store/database_url.h"

#include <cstdlib>
#include <string>

#include <unistd.h>

namespace duly::daemon {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";
constexpr std::string_view kPostgresqlScheme = "postgresql://";
constexpr std::string_view kPostgresScheme = "postgres://";

Error BadUrl(std::string message) { return FieldInvalid("/database", std::move(message)); }

Result<DatabaseUrl> ParseSqlite(std::string_view url) {
  DatabaseUrl parsed;
  parsed.kind = DatabaseKind::kSqlite;
  parsed.url = std::string(url);
  std::string_view rest = url.substr(kSqliteScheme.size());
  if (rest == ":memory:" || rest == "//:memory:") {
    parsed.sqlite_path = ":memory:";
  } else if (rest.starts_with("//")) {
    // sqlite:///abs/path -> "/abs/path"; sqlite://rel/path -> "rel/path".
    parsed.sqlite_path = std::string(rest.substr(2));
  } else {
    return BadUrl(
        "a SQLite URL looks like sqlite:///var/lib/duly/duly.db, sqlite://./duly.db "
        "or sqlite::memory:");
  }
  if (parsed.sqlite_path.empty() || parsed.sqlite_path.back() == '/') {
    return BadUrl("the SQLite URL names no database file: " + parsed.url);
  }
  if (parsed.sqlite_path.find('?') != std::string::npos ||
      parsed.sqlite_path.find('\0') != std::string::npos) {
    return BadUrl("the SQLite URL takes no options; name only the file: " + parsed.url);
  }
  parsed.soci_connect = "db=" + parsed.sqlite_path;
  return parsed;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text, std::string_view what) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) {
      return BadUrl("the " + std::string(what) + " has a '%' without two hex digits");
    }
    int high = HexValue(text[i + 1]);
    int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) {
      return BadUrl("the " + std::string(what) + " has a '%' without two hex digits");
    }
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

// Quotes a libpq keyword value: 'value' with \ and ' escaped.
std::string QuoteValue(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

Result<DatabaseUrl> ParsePostgresql(std::string_view url, std::size_t scheme_length) {
  DatabaseUrl parsed;
  parsed.kind = DatabaseKind::kPostgresql;
  parsed.url = std::string(url);
  std::string_view rest = url.substr(scheme_length);
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  std::string_view dbname;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    dbname = rest.substr(slash + 1);
  }
  std::string_view userinfo;
  std::string_view hostport = authority;
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
  }
  if (hostport.empty()) return BadUrl("the PostgreSQL URL names no host: " + parsed.Redacted());
  std::string connect;
  auto add = [&connect](const char* key, const std::string& value) {
    if (!connect.empty()) connect.push_back(' ');
    connect += key;
    connect += '=';
    connect += QuoteValue(value);
  };
  std::string_view host = hostport;
  std::string_view port;
  if (hostport.front() == '[') {
    auto close = hostport.find(']');
    if (close == std::string_view::npos) return BadUrl("the IPv6 host has no closing ']'");
    host = hostport.substr(1, close - 1);
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return BadUrl("unexpected text after the IPv6 host");
      port = after.substr(1);
    }
  } else if (auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  if (host.empty()) return BadUrl("the PostgreSQL URL names no host: " + parsed.Redacted());
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
      return BadUrl("the port must be a number from 1 to 65535, not '" + std::string(port) + "'");
    }
  }
  auto host_text = PercentDecode(host, "host");
  if (!host_text) return host_text.error();
  add("host", *host_text);
  if (!port.empty()) add("port", std::string(port));
  if (!userinfo.empty()) {
    std::string_view user = userinfo;
    std::string_view password;
    bool has_password = false;
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      password = userinfo.substr(colon + 1);
      has_password = true;
    }
    auto user_text = PercentDecode(user, "user name");
    if (!user_text) return user_text.error();
    if (!user_text->empty()) add("user", *user_text);
    if (has_password) {
      auto password_text = PercentDecode(password, "password");
      if (!password_text) return password_text.error();
      add("password", *password_text);
    }
  }
  if (dbname.find('/') != std::string_view::npos) {
    return BadUrl("the database name must not contain '/'");
  }
  if (!dbname.empty()) {
    auto db_text = PercentDecode(dbname, "database name");
    if (!db_text) return db_text.error();
    add("dbname", *db_text);
  }
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query = pair.size() == query.size() ? std::string_view{} : query.substr(pair.size() + 1);
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return BadUrl("each URL option must be key=value, not '" + std::string(pair) + "'");
    }
    std::string key(pair.substr(0, equals));
    if (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
      return BadUrl("unknown URL option '" + key + "'");
    }
    auto value = PercentDecode(pair.substr(equals + 1), "option " + key);
    if (!value) return value.error();
    add(key.c_str(), *value);
  }
  parsed.soci_connect = std::move(connect);
  return parsed;
}

}  // namespace

Result<DatabaseUrl> DatabaseUrl::Parse(std::string_view url) {
  if (url.starts_with(kSqliteScheme)) return ParseSqlite(url);
  if (url.starts_with(kPostgresqlScheme)) return ParsePostgresql(url, kPostgresqlScheme.size());
  if (url.starts_with(kPostgresScheme)) return ParsePostgresql(url, kPostgresScheme.size());
  if (url.empty()) return BadUrl("no database URL given");
  return BadUrl("the database URL must start with sqlite:// or postgresql://, not '" +
                std::string(url.substr(0, url.find(':'))) + "'");
}

std::string DatabaseUrl::Redacted() const {
  if (kind != DatabaseKind::kPostgresql) return url;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  auto authority_end = url.find_first_of("/?", scheme_end + 3);
  if (authority_end == std::string::npos) authority_end = url.size();
  auto at = url.rfind('@', authority_end);
  if (at == std::string::npos || at < scheme_end) return url;
  auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string DefaultDatabaseUrl() {
  if (access("/var/lib/duly", W_OK) == 0) return "sqlite:///var/lib/duly/duly.db";
  return "sqlite://./duly.db";
}

std::string ResolveDatabaseUrl(const std::string& from_flag) {
  if (!from_flag.empty()) return from_flag;
  if (const char* env = std::getenv("DULY_DATABASE_URL"); env != nullptr && *env != '\0') {
    return env;
  }
  return DefaultDatabaseUrl();
}

}  // namespace duly::daemon
