// Test support for the statements room: where the shared fixtures and our own testdata live, and
// reading a file whole. Used only by *_test.cpp in this folder. Thread-safe: pure functions.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace duly::statements::testing {

// ../shared/fixtures (DULY_SHARED_DIR/fixtures when that variable is set).
inline std::filesystem::path SharedFixtures() {
  if (const char* shared = std::getenv("DULY_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return std::filesystem::path(shared) / "fixtures";
  }
  return DULY_SHARED_FIXTURES;
}

inline std::filesystem::path OwnTestdata() { return DULY_STATEMENTS_TESTDATA; }

inline std::string ReadWhole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace duly::statements::testing
