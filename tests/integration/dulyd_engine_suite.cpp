#include "tests/integration/dulyd_engine_suite.h"

#include <gtest/gtest.h>

namespace duly::testing {
namespace {

using nlohmann::json;

constexpr const char* kSegments = R"({ "segments": [
  { "id": "key-accounts", "priority": 1, "when": { "customer.tags": { "contains": "key-account" } } },
  { "id": "late-payers",  "priority": 2, "when": { "customer.avg_days_late": { "gt": 15 } } },
  { "id": "consumers",    "priority": 3, "when": { "customer.kind": { "eq": "b2c" } } },
  { "id": "b2b-standard", "priority": 9, "when": {} }
] })";

json Workflow() {
  return json::parse(R"({
  "id": "b2b-standard", "name": "B2B standard", "segment": "b2b-standard",
  "steps": [
    { "id": "courtesy-call", "at": "due-5d", "when": { "invoice.amount": { "gte": 5000 } },
      "action": { "type": "call_task", "script": "courtesy" } },
    { "id": "reminder-1", "at": "due+3d",
      "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } },
    { "id": "reminder-2", "at": "due+10d",
      "action": { "type": "message", "channel": ["whatsapp", "sms", "email"], "template": "reminder-second" } },
    { "id": "follow-up-call", "at": "due+17d", "action": { "type": "call_task", "script": "follow-up" } },
    { "id": "final-notice", "at": "due+24d",
      "action": { "type": "message", "channel": "letter", "template": "final-notice" } },
    { "id": "tell-account-manager", "at": "due+24d",
      "action": { "type": "notify_colleague", "to": "account_manager", "template": "customer-at-final-notice" } },
    { "id": "handover", "at": "due+45d", "action": { "type": "handover", "agency": "default" } }
  ] })");
}

std::string Fields(const std::string& body) {
  std::string text;
  const json error = json::parse(body);
  for (const json& field : error["error"]["fields"]) {
    text += field["field"].get<std::string>() + "\n";
  }
  return text;
}

}  // namespace

DulydEngineSuite::DulydEngineSuite(Backend backend, bool test_clock) : DulydFixture(backend) {
  if (test_clock) daemon_args_ = {"--test-clock", "--test-clock-start", "2026-03-02T08:00:00Z"};
}

void DulydEngineSuite::SaveSegmentsAndWorkflow() {
  auto segments = http_->Send("PUT", "/v1/segments", kSegments, "application/json");
  ASSERT_EQ(segments.status, 200) << segments.body;
  auto saved = http_->Post("/v1/workflows", Workflow().dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
}

int DulydEngineSuite::MoveClockTo(const std::string& to) {
  auto moved = http_->Post("/v1/test/clock", json{{"to", to}}.dump());
  EXPECT_EQ(moved.status, 200) << moved.body;
  if (moved.status != 200) return -1;
  return json::parse(moved.body)["fired"].get<int>();
}

json DulydEngineSuite::Collection(const std::string& invoice) {
  auto collection = http_->Get("/v1/invoices/" + invoice + "/collection");
  EXPECT_EQ(collection.status, 200) << collection.body;
  return collection.status == 200 ? json::parse(collection.body) : json();
}

void DulydEngineSuite::RunWorkflowSavesMakeVersions() {
  ASSERT_NO_FATAL_FAILURE(SaveSegmentsAndWorkflow());
  json second = Workflow();
  second["name"] = "B2B standard, kinder";
  second["steps"][1]["at"] = "due+5d";
  auto saved = http_->Send("PUT", "/v1/workflows/b2b-standard", second.dump(), "application/json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json::parse(saved.body)["version"], 2);

  auto versions = http_->Get("/v1/workflows/b2b-standard/versions");
  ASSERT_EQ(versions.status, 200) << versions.body;
  const json items = json::parse(versions.body)["items"];
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0]["version"], 1);
  EXPECT_EQ(items[1]["version"], 2);
  auto first = http_->Get("/v1/workflows/b2b-standard/versions/1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json::parse(first.body)["document"]["name"], "B2B standard");
  auto latest = http_->Get("/v1/workflows");
  ASSERT_EQ(latest.status, 200) << latest.body;
  ASSERT_EQ(json::parse(latest.body)["items"].size(), 1U);
  EXPECT_EQ(json::parse(latest.body)["items"][0]["document"]["name"], "B2B standard, kinder");
  EXPECT_EQ(http_->Get("/v1/workflows/b2b-standard/versions/3").status, 404);
}

void DulydEngineSuite::RunBadWorkflowIsRefusedByPointer() {
  json bad = Workflow();
  bad["steps"][2]["action"]["template"] = "reminder-secnd";
  auto refused = http_->Post("/v1/workflows", bad.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(Fields(refused.body).find("/steps/2/action/template"), std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("reminder-2"), std::string::npos) << "names the step";

  json wrong_id = Workflow();
  auto mismatch =
      http_->Send("PUT", "/v1/workflows/another-id", wrong_id.dump(), "application/json");
  ASSERT_EQ(mismatch.status, 422) << mismatch.body;
  EXPECT_EQ(Fields(mismatch.body), "/id\n");
  EXPECT_EQ(http_->Get("/v1/workflows/b2b-standard").status, 404) << "nothing was saved";

  auto validated = http_->Post("/v1/workflows/validate", bad.dump());
  ASSERT_EQ(validated.status, 200) << validated.body;
  EXPECT_EQ(json::parse(validated.body)["valid"], false);
  EXPECT_EQ(json::parse(validated.body)["problems"][0]["field"], "/steps/2/action/template");
}

void DulydEngineSuite::RunSegmentsSaveAndValidate() {
  auto empty = http_->Get("/v1/segments");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(json::parse(empty.body)["version"], 0);
  auto saved = http_->Send("PUT", "/v1/segments", kSegments, "application/json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json::parse(saved.body)["version"], 1);
  // No workflow serves any segment yet: each is a warning, not an error.
  EXPECT_EQ(json::parse(saved.body)["warnings"].size(), 4U) << saved.body;

  auto validated = http_->Post("/v1/workflows/validate", Workflow().dump());
  ASSERT_EQ(validated.status, 200) << validated.body;
  EXPECT_EQ(json::parse(validated.body)["valid"], true);
  EXPECT_EQ(json::parse(validated.body)["warnings"].size(), 3U)
      << "three segments stay unserved: " << validated.body;

  auto duplicate = http_->Post("/v1/segments/validate",
                               R"({"segments": [{"id": "a", "priority": 1, "when": {}},
                                                {"id": "a", "priority": 2, "when": {}}]})");
  ASSERT_EQ(duplicate.status, 200) << duplicate.body;
  EXPECT_EQ(json::parse(duplicate.body)["valid"], false);
  auto refused =
      http_->Send("PUT", "/v1/segments", R"({"segments": [{"id": 7}]})", "application/json");
  EXPECT_EQ(refused.status, 422) << refused.body;
}

void DulydEngineSuite::RunTestClockIsRefusedWithoutTheFlag() {
  auto refused = http_->Post("/v1/test/clock", R"({"advance_seconds": 60})");
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("--test-clock"), std::string::npos) << refused.body;
}

void DulydEngineSuite::RunReminderRunsThenPaymentEndsTheInstance() {
  ASSERT_NO_FATAL_FAILURE(SaveSegmentsAndWorkflow());
  auto customers = http_->Post("/v1/customers", R"({"customers": [{"id": "C1",
      "name": "Bakkerij Jansen B.V.", "kind": "b2b", "language": "nl",
      "email": "info@jansen.example", "preferred_channels": ["email"]}]})");
  ASSERT_EQ(customers.status, 200) << customers.body;
  auto invoices = http_->Post("/v1/invoices", R"({"invoices": [{"id": "INV-1", "customer": "C1",
      "issued": "2026-02-08", "due": "2026-03-10", "amount": "1250.00"}]})");
  ASSERT_EQ(invoices.status, 200) << invoices.body;

  // Past due+3d 09:00 (2026-03-13 09:00 in Amsterdam).
  EXPECT_GE(MoveClockTo("2026-03-13T09:30:00+01:00"), 1);
  json collection = Collection("INV-1");
  bool reminded = false;
  for (const json& run : collection["step_runs"]) {
    if (run["step"] == "reminder-1" && run["outcome"] == "ran") reminded = true;
  }
  EXPECT_TRUE(reminded) << collection.dump(2);
  EXPECT_EQ(collection["instance"]["state"], "active") << collection.dump(2);
  EXPECT_EQ(collection["instance"]["next_step"], "reminder-2") << collection.dump(2);

  ASSERT_GE(MoveClockTo("2026-03-14T10:00:00+01:00"), 0);
  auto paid = http_->Post("/v1/payments", R"({"payments": [{"id": "P1", "customer": "C1",
      "amount": "1250.00", "received": "2026-03-14",
      "allocations": [{"invoice": "INV-1", "amount": "1250.00"}]}]})");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_GE(MoveClockTo("2026-03-21T10:00:00+01:00"), 1);
  collection = Collection("INV-1");
  EXPECT_EQ(collection["instance"]["state"], "ended") << collection.dump(2);
  EXPECT_EQ(collection["instance"]["reason"], "paid") << collection.dump(2);
  EXPECT_TRUE(collection["timer"].is_null()) << collection.dump(2);
  for (const json& run : collection["step_runs"]) {
    EXPECT_FALSE(run["step"] == "reminder-2" && run["outcome"] == "ran") << collection.dump(2);
  }
}

void DulydEngineSuite::RunTestClockNeverGoesBack() {
  auto moved = http_->Post("/v1/test/clock", R"({"advance_seconds": 3600})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(json::parse(moved.body)["now"], "2026-03-02T09:00:00.000Z");
  auto back = http_->Post("/v1/test/clock", R"({"to": "2026-03-01T00:00:00Z"})");
  ASSERT_EQ(back.status, 409) << back.body;
  EXPECT_EQ(Fields(back.body), "/to\n");
  auto garbage = http_->Post("/v1/test/clock", R"({"to": "next tuesday"})");
  EXPECT_EQ(garbage.status, 400) << garbage.body;
}

}  // namespace duly::testing
