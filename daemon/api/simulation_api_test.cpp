// POST /v1/workflows/{id}/simulate over a real store and the real simulator: the draft replaces
// the saved workflow in the run, the live data stays untouched, faults are named by pointer.
#include <atomic>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "daemon/api/api_test_fixture.h"
#include "daemon/simulate/simulator.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

Status SimulateInScratch(const Scenario& scenario,
                         const std::function<void(const nlohmann::json&)>& emit) {
  static std::atomic<int> runs{0};
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() /
      ("duly_simulation_api_test_" + std::to_string(getpid()) + "_" + std::to_string(runs++));
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  SimulationOptions options;
  options.scratch_dir = scratch;
  Status simulated = Simulate(scenario, options, emit);
  std::filesystem::remove_all(scratch);
  return simulated;
}

class SimulationApiTest : public ApiTest {
 protected:
  SimulationApiTest() { simulate_ = &SimulateInScratch; }

  void SeedCatalog() {
    ASSERT_EQ(
        Admin("PUT", "/v1/segments", R"({"segments": [{"id": "all", "priority": 1, "when": {}}]})")
            .status,
        200);
    ASSERT_EQ(Admin("POST", "/v1/workflows", Draft("reminder-friendly").dump()).status, 200);
    ASSERT_EQ(Admin("POST", "/v1/customers", R"({"customers": [{"id": "C1", "name": "Jansen",
                    "email": "info@jansen.example", "preferred_channels": ["email"]}]})")
                  .status,
              200);
    ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-1", "customer": "C1",
                    "issued": "2026-03-01", "due": "2026-03-31", "amount": "1250.00"}]})")
                  .status,
              200);
  }

  static json Draft(const std::string& template_id) {
    json workflow = json::parse(R"({"id": "standard", "name": "Standard", "segment": "all",
      "steps": [{"id": "reminder-1", "at": "due+3d",
                 "action": {"type": "message", "channel": "email"}}]})");
    workflow["steps"][0]["action"]["template"] = template_id;
    return workflow;
  }

  // The templates of the message lines of a timeline, as JSON strings.
  static std::string MessageTemplates(const json& timeline) {
    std::string templates;
    for (const json& line : timeline) {
      if (line.contains("type") && line["type"] == "message") {
        templates += (line.contains("template") ? line["template"].dump() : "?") + " ";
      }
    }
    return templates;
  }
};

TEST_F(SimulationApiTest, TheDraftRunsInsteadOfTheSavedWorkflowAndNothingLiveChanges) {
  ASSERT_NO_FATAL_FAILURE(SeedCatalog());
  const std::string before = Snapshot();

  HttpResponse saved = Call("POST", "/v1/workflows/standard/simulate", tokens_.at(Role::kManager),
                            R"({"invoices": ["INV-1"], "days": 40, "start": "2026-03-10"})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(MessageTemplates(Json(saved)["timeline"]), "\"reminder-friendly\" ") << saved.body;

  json body = {{"workflow", Draft("reminder-second")},
               {"invoices", {"INV-1"}},
               {"days", 40},
               {"start", "2026-03-10"}};
  HttpResponse drafted = Admin("POST", "/v1/workflows/standard/simulate", body.dump());
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  EXPECT_EQ(MessageTemplates(Json(drafted)["timeline"]), "\"reminder-second\" ") << drafted.body;

  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(Json(Admin("GET", "/v1/invoices/INV-1/collection"))["step_runs"].size(), 0U);
  EXPECT_EQ(Json(Admin("GET", "/v1/workflows/standard"))["version"], 1);
}

// The simulation starts from the live open amounts: an invoice settled by allocations gets no
// reminder, a part-paid one keeps its reminder, and nothing live changes.
TEST_F(SimulationApiTest, PaymentsAllocatedLiveCarryIntoTheSimulation) {
  ASSERT_NO_FATAL_FAILURE(SeedCatalog());
  ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-2", "customer": "C1",
                  "issued": "2026-03-01", "due": "2026-03-31", "amount": "400.00"}]})")
                .status,
            200);
  ASSERT_EQ(Admin("POST", "/v1/payments", R"({"payments": [
      {"id": "P-PART", "customer": "C1", "amount": "250.00", "received": "2026-03-05",
       "allocations": [{"invoice": "INV-1", "amount": "250.00"}]},
      {"id": "P-FULL", "customer": "C1", "amount": "400.00", "received": "2026-03-05",
       "allocations": [{"invoice": "INV-2", "amount": "400.00"}]}]})")
                .status,
            200);
  ASSERT_EQ(Json(Admin("GET", "/v1/invoices/INV-1"))["open_amount"], "1000.00");
  const std::string before = Snapshot();

  HttpResponse simulated = Admin("POST", "/v1/workflows/standard/simulate",
                                 R"({"invoices": ["INV-1", "INV-2"], "days": 40,
                                     "start": "2026-03-10"})");
  ASSERT_EQ(simulated.status, 200) << simulated.body;
  std::string reminded;
  const json timeline = Json(simulated)["timeline"];
  for (const json& line : timeline) {
    EXPECT_NE(line["type"], "payment_posted") << "opening payments make no lines: " << line;
    if (line["type"] == "message") reminded += line["invoices"].dump() + " ";
  }
  EXPECT_EQ(reminded, "[\"INV-1\"] ") << simulated.body;
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(SimulationApiTest, FaultsAreNamedByPointer) {
  ASSERT_NO_FATAL_FAILURE(SeedCatalog());
  HttpResponse unknown =
      Admin("POST", "/v1/workflows/standard/simulate", R"({"invoices": ["INV-1", "INV-404"]})");
  ASSERT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(Fields(unknown).find("/invoices/1"), std::string::npos) << unknown.body;

  json body = {{"workflow", Draft("reminder-secnd")}, {"invoices", {"INV-1"}}};
  HttpResponse bad = Admin("POST", "/v1/workflows/standard/simulate", body.dump());
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(Fields(bad).find("/workflow/steps/0/action/template"), std::string::npos) << bad.body;

  body["workflow"] = Draft("reminder-friendly");
  body["workflow"]["id"] = "other";
  HttpResponse other = Admin("POST", "/v1/workflows/standard/simulate", body.dump());
  ASSERT_EQ(other.status, 422) << other.body;
  EXPECT_NE(Fields(other).find("/workflow/id"), std::string::npos) << other.body;

  EXPECT_EQ(Admin("POST", "/v1/workflows/standard/simulate", R"({"invoices": []})").status, 400);
  EXPECT_EQ(Admin("POST", "/v1/workflows/nothing/simulate", R"({"invoices": ["INV-1"]})").status,
            404);
}

}  // namespace
}  // namespace duly::daemon
