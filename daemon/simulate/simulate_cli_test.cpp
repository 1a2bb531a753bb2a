// Runs the built `duly simulate` on a scenario file: stdout carries only timeline JSON lines, and
// every line starts with "at" and "type"; a refused scenario prints nothing on stdout, names the
// pointer on stderr and exits 1.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "workflows/schema_validator.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

const std::string kScenario = std::string(DULY_SIMULATE_TESTDATA) + "/payment_stops_reminder.json";

TEST(SimulateCliTest, PrintsOnlyTimelineLines) {
  duly::testing::TempDir tmp;
  auto result = duly::testing::RunCommand({DULY_CLI_PATH, "simulate", kScenario},
                                          {{"TMPDIR", tmp.path().string()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto schema = SchemaValidator::Load("timeline.schema.json");
  ASSERT_TRUE(schema.has_value());
  std::istringstream out(result.out);
  std::string text;
  std::vector<std::string> types;
  while (std::getline(out, text)) {
    auto line = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(line.is_object()) << "not a JSON object: " << text;
    const Status valid = schema->Validate(line);
    EXPECT_TRUE(valid.ok()) << text << ": " << valid.error().message;
    types.push_back(line.value("type", ""));
    // Printed for people: "at" and "type" first.
    const auto ordered = nlohmann::ordered_json::parse(text);
    ASSERT_GE(ordered.size(), 2U) << text;
    EXPECT_EQ(ordered.begin().key(), "at") << text;
    EXPECT_EQ(std::next(ordered.begin()).key(), "type") << text;
  }
  EXPECT_FALSE(result.out.empty());
  EXPECT_EQ(result.out.back(), '\n');
  EXPECT_THAT(types, ::testing::ElementsAre("step_skipped", "message", "payment_posted", "opt_out",
                                            "step_skipped"));
  // The scratch directory is removed.
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
}

TEST(SimulateCliTest, RefusesABadScenarioWithItsPointer) {
  duly::testing::TempDir tmp;
  const std::string path = tmp.File("bad.json");
  std::ofstream(path) << R"({"start": "2026-03-02", "days": 0, "segments": [], "workflows": []})";
  auto result = duly::testing::RunCommand({DULY_CLI_PATH, "simulate", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("/days"));
  EXPECT_THAT(result.err, HasSubstr("/segments"));
}

TEST(SimulateCliTest, WithoutAScenarioIsAUsageError) {
  auto result = duly::testing::RunCommand({DULY_CLI_PATH, "simulate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace duly::daemon
