#include "daemon/api/web_app_files.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

#include "daemon/http/error_response.h"

namespace duly::daemon {
namespace {

namespace fs = std::filesystem;

// The decoded path's segments, or nothing when one of them may not name a served file.
std::optional<std::vector<std::string>> SafeSegments(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    const std::string_view segment = path.substr(start, end - start);
    if (!segment.empty()) {
      if (segment.front() == '.') return std::nullopt;  // ".", "..", ".git", ".env"
      if (segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) {
        return std::nullopt;
      }
      segments.emplace_back(segment);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

std::optional<std::string> ReadWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

// FNV-1a over the bytes, with the length: a strong validator for files of this size.
std::string ContentTag(const std::string& bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  std::ostringstream tag;
  tag << '"' << std::hex << hash << '-' << bytes.size() << '"';
  return tag.str();
}

bool IsInside(const fs::path& folder, const fs::path& file) {
  std::error_code error;
  const fs::path root = fs::canonical(folder, error);
  if (error) return false;
  const fs::path target = fs::canonical(file, error);
  if (error) return false;
  auto [root_end, unused] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  return root_end == root.end();
}

bool IfNoneMatch(const std::string& header, const std::string& tag) {
  if (header.empty()) return false;
  if (header == "*") return true;
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t comma = header.find(',', start);
    if (comma == std::string::npos) comma = header.size();
    std::string candidate = header.substr(start, comma - start);
    while (!candidate.empty() && candidate.front() == ' ') candidate.erase(candidate.begin());
    while (!candidate.empty() && candidate.back() == ' ') candidate.pop_back();
    if (candidate.starts_with("W/")) candidate.erase(0, 2);
    if (candidate == tag) return true;
    start = comma + 1;
  }
  return false;
}

HttpResponse NotServed(const std::string& path) {
  return ErrorResponse(NotFound("no file of the web UI at " + path));
}

}  // namespace

std::string WebContentType(const std::string& file_name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  const std::string extension = fs::path(file_name).extension().string();
  const auto found = kTypes.find(extension);
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

HttpResponse ServeWebAppFile(const std::string& web_dir, const HttpRequest& request) {
  std::error_code folder_error;
  if (!fs::is_directory(web_dir, folder_error)) {
    return ErrorResponse(NotFound("the web UI is not installed: no folder " + web_dir +
                                  " (build it with web/build.sh and set web.dir)"));
  }
  const std::optional<std::vector<std::string>> segments = SafeSegments(request.path);
  if (!segments) return NotServed(request.path);
  fs::path file = web_dir;
  for (const std::string& segment : *segments) file /= segment;
  std::error_code error;
  const bool regular = !segments->empty() && fs::is_regular_file(file, error);
  if (!regular) {
    // A missing asset stays a 404; anything else is one of the UI's own routes.
    if (!segments->empty() && segments->back().find('.') != std::string::npos) {
      return NotServed(request.path);
    }
    file = fs::path(web_dir) / "index.html";
  }
  if (!IsInside(web_dir, file)) return NotServed(request.path);
  const std::optional<std::string> bytes = ReadWhole(file);
  if (!bytes) {
    return ErrorResponse(NotFound("the web UI is not installed: cannot read " + file.string()));
  }
  const std::string tag = ContentTag(*bytes);
  const bool immutable = segments->size() > 1 && segments->front() == "assets" && regular;
  HttpResponse response;
  response.headers.emplace_back("ETag", tag);
  response.headers.emplace_back("Cache-Control",
                                immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (IfNoneMatch(request.Header("if-none-match"), tag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.content_type = WebContentType(file.filename().string());
  if (file.extension() == ".html") {
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                  "base-uri 'none'; frame-ancestors 'none'");
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  response.body = *bytes;
  return response;
}

}  // namespace duly::daemon
