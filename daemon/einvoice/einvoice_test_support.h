// Test support for the einvoice room: where the shared fixtures and our own testdata live, a file
// read whole, and a fresh migrated SQLite store. Used only by *_test.cpp in this folder.
// Test-only; not thread-safe.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"
#include "tests/support/temp_dir.h"
#include "workflows/clock.h"

namespace duly::einvoice::testing {

// ../shared/fixtures (DULY_SHARED_DIR/fixtures when that variable is set).
inline std::filesystem::path SharedFixtures() {
  if (const char* shared = std::getenv("DULY_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return std::filesystem::path(shared) / "fixtures";
  }
  return DULY_SHARED_FIXTURES;
}

inline std::filesystem::path OwnTestdata() { return DULY_EINVOICE_TESTDATA; }

inline std::string ReadWhole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string Testdata(const std::string& name) { return ReadWhole(OwnTestdata() / name); }

// A test with an empty, migrated SQLite store in a temporary directory.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenFresh(); }

  std::unique_ptr<daemon::SociStore> OpenFresh() {
    auto url = daemon::DatabaseUrl::Parse("sqlite://" +
                                          dir_.File("duly" + std::to_string(++opened_) + ".db"));
    EXPECT_TRUE(url.has_value());
    auto store = daemon::OpenStore(*url, clock_);
    EXPECT_TRUE(store.has_value()) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  duly::testing::TempDir dir_;
  ManualClock clock_{FromEpochMillis(1773133200000)};  // 2026-03-10T09:00:00Z
  std::unique_ptr<daemon::SociStore> store_;
  int opened_ = 0;
};

}  // namespace duly::einvoice::testing
