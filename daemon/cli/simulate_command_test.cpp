#include "daemon/cli/simulate_command.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/cli/command_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

// One customer, one invoice due 2026-03-10 and the issue's b2b-standard workflow.
constexpr const char* kScenario = R"({
  "start": "2026-03-02", "days": 15,
  "segments": [ { "id": "b2b-standard", "priority": 9, "when": {} } ],
  "workflows": [ {
    "id": "b2b-standard", "name": "B2B standard", "segment": "b2b-standard",
    "steps": [
      { "id": "reminder-1", "at": "due+3d",
        "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } }
    ] } ],
  "customers": [ { "id": "C1", "name": "Bakkerij Jansen B.V.", "email": "info@jansen.example",
                   "preferred_channels": ["email"] } ],
  "invoices": [ { "id": "INV-1", "customer": "C1", "issued": "2026-02-08", "due": "2026-03-10",
                  "amount": "1250.00" } ]
})";

class SimulateCommandTest : public CommandTest {};

TEST_F(SimulateCommandTest, ReadsStandardInputAndPrintsTheTimeline) {
  std::istringstream in(kScenario);
  EXPECT_EQ(RunSimulate("-", in, context_), kExitOk) << err_.str();
  EXPECT_EQ(err_.str(), "");
  const auto line = nlohmann::json::parse(out_.str());
  EXPECT_EQ(line, (nlohmann::json{{"at", "2026-03-13T09:00:00.000+01:00"},
                                  {"type", "message"},
                                  {"customer", "C1"},
                                  {"invoices", {"INV-1"}},
                                  {"channel", "email"},
                                  {"template", "reminder-friendly"}}));
}

// Every printed line reads "at", "type", then the rest.
TEST_F(SimulateCommandTest, EveryLineStartsWithAtAndType) {
  std::istringstream in(kScenario);
  ASSERT_EQ(RunSimulate("-", in, context_), kExitOk) << err_.str();
  std::istringstream out(out_.str());
  std::string text;
  int lines = 0;
  while (std::getline(out, text)) {
    ++lines;
    const auto line = nlohmann::ordered_json::parse(text);
    ASSERT_GE(line.size(), 2U) << text;
    auto key = line.begin();
    EXPECT_EQ(key.key(), "at") << text;
    ++key;
    EXPECT_EQ(key.key(), "type") << text;
    EXPECT_EQ(text.rfind(R"({"at":"2026-03-13T09:00:00.000+01:00","type":"message",)", 0), 0U)
        << text;
  }
  EXPECT_EQ(lines, 1);
}

TEST_F(SimulateCommandTest, ReadsAFile) {
  const std::string path = WriteFile("scenario.json", kScenario);
  std::istringstream unused;
  EXPECT_EQ(RunSimulate(path, unused, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"template\":\"reminder-friendly\""));
}

TEST_F(SimulateCommandTest, NamesTheFaultOnStandardErrorOnly) {
  std::istringstream in(R"({"start": "2026-03-02", "days": 15, "segments": [], "workflows": []})");
  EXPECT_EQ(RunSimulate("-", in, context_), kExitFailure);
  EXPECT_EQ(out_.str(), "");
  EXPECT_THAT(err_.str(), HasSubstr("/segments"));
  ClearOutput();
  std::istringstream unused;
  EXPECT_EQ(RunSimulate(dir_.File("absent.json"), unused, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("cannot open"));
  EXPECT_EQ(out_.str(), "");
}

}  // namespace
}  // namespace duly::daemon
