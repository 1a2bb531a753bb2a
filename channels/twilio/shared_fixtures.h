// Where the tests of this folder find Twilio's own material (../shared/fixtures/twilio): the
// signature vectors and the 2010-04-01 OpenAPI document.
//
// Promise: TwilioFixture(name) returns the path of fixtures/twilio/<name> under $DULY_SHARED_DIR
// when that is set, else under the shared folder beside the source tree (compile definition
// DULY_SHARED_FIXTURES_DIR); std::nullopt when the file does not exist, so tests can GTEST_SKIP
// with a clear message. ReadFixture reads a whole file. Test-only; thread-safe.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace duly::channels::twilio::testing {

inline std::filesystem::path TwilioFixtureDir() {
  if (const char* shared = std::getenv("DULY_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return std::filesystem::path(shared) / "fixtures" / "twilio";
  }
  return std::filesystem::path(DULY_SHARED_FIXTURES_DIR) / "twilio";
}

inline std::optional<std::filesystem::path> TwilioFixture(const std::string& name) {
  const auto path = TwilioFixtureDir() / name;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  return path;
}

inline std::string ReadFixture(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace duly::channels::twilio::testing
