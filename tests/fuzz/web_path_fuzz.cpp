// Fuzzes the web UI's file server with request targets as the server parses them: it never
// crashes, answers only 200, 304 or 404, and serves only the files inside its folder (a secret
// file beside it, reachable by "..", encodings of it, or symlinks, is never served).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "daemon/api/web_app_files.h"
#include "daemon/http/request_target.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace fs = std::filesystem;

// The fuzzer's folder, removed when the process exits.
struct Folder {
  fs::path root = fs::temp_directory_path() / ("duly_web_path_fuzz_" + std::to_string(::getpid()));
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};

const std::string& WebDir() {
  static const Folder folder;
  static const std::string dir = [] {
    const fs::path& root = folder.root;
    fs::create_directories(root / "web" / "assets");
    std::ofstream(root / "web" / "index.html") << "INDEX";
    std::ofstream(root / "web" / "assets" / "app-1.js") << "SCRIPT";
    std::ofstream(root / "secret.txt") << "SECRET-OUTSIDE";
    std::error_code ignored;
    fs::create_symlink(root / "secret.txt", root / "web" / "link.txt", ignored);
    fs::create_directory_symlink(root, root / "web" / "up", ignored);
    return (root / "web").string();
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  auto parsed = duly::daemon::ParseRequestTarget(target);
  if (!parsed) return 0;
  duly::daemon::HttpRequest request;
  request.method = "GET";
  request.target = std::string(target);
  request.path = parsed->path;
  request.query = parsed->query;
  const duly::daemon::HttpResponse response = duly::daemon::ServeWebAppFile(WebDir(), request);
  DULY_FUZZ_CHECK(response.status == 200 || response.status == 304 || response.status == 404);
  // A 404 names the path it was asked for; only the files it serves must never come from outside.
  if (response.status == 200) {
    DULY_FUZZ_CHECK(response.body == "INDEX" || response.body == "SCRIPT");
  }
  return 0;
}
