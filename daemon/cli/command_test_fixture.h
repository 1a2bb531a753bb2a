// CommandTest: the fixture of the CLI command tests: a fresh SQLite store in a temporary
// directory, a manual clock, and captured output. Test-only; one per test; not synchronised.
#pragma once

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "daemon/cli/command_context.h"
#include "tests/support/temp_dir.h"

namespace duly::daemon {

class CommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.database = "sqlite://" + dir_.File("duly.db");
    store_ = context_.OpenDatabase();
    ASSERT_NE(store_, nullptr) << err_.str();
  }

  // Writes `text` to a file in the temporary directory and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = dir_.File(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  void ClearOutput() {
    out_.str("");
    err_.str("");
  }

  testing::TempDir dir_;
  ManualClock clock_{FromEpochMillis(1773133200000)};  // 2026-03-10T09:00:00Z
  std::ostringstream out_;
  std::ostringstream err_;
  CommandContext context_{out_, err_, clock_, {}, kExitOk};
  std::unique_ptr<SociStore> store_;
};

}  // namespace duly::daemon
