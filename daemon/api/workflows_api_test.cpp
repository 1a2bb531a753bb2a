// The workflow and segment routes over a real SQLite store: versions, 422 by pointer, validation
// with coverage warnings, and the engine woken by every save.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr const char* kSegments = R"({"segments": [
  {"id": "key-accounts", "priority": 1, "when": {"customer.tags": {"contains": "key-account"}}},
  {"id": "b2b-standard", "priority": 9, "when": {}}]})";

json Standard() {
  return json::parse(R"({"id": "b2b-standard", "name": "B2B standard", "segment": "b2b-standard",
    "steps": [
      {"id": "reminder-1", "at": "due+3d",
       "action": {"type": "message", "channel": "preferred", "template": "reminder-friendly"}},
      {"id": "reminder-2", "at": "due+10d",
       "action": {"type": "message", "channel": ["sms", "email"], "template": "reminder-second"}}
    ]})");
}

TEST_F(ApiTest, SavingAWorkflowMakesVersionsAndWakesTheEngine) {
  ASSERT_EQ(Admin("PUT", "/v1/segments", kSegments).status, 200);
  const int woken = wakes_;
  HttpResponse first = Call("POST", "/v1/workflows", tokens_.at(Role::kManager), Standard().dump());
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Json(first)["version"], 1);
  EXPECT_EQ(Json(first)["segment"], "b2b-standard");
  EXPECT_EQ(Json(first)["actor"], "token:manager-test");
  EXPECT_GT(wakes_, woken);

  json second = Standard();
  second["steps"][0]["at"] = "due+5d";
  second["version"] = 17;  // ignored: the store numbers versions
  HttpResponse saved = Admin("PUT", "/v1/workflows/b2b-standard", second.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["version"], 2);

  HttpResponse versions = Admin("GET", "/v1/workflows/b2b-standard/versions");
  ASSERT_EQ(versions.status, 200) << versions.body;
  ASSERT_EQ(Json(versions)["items"].size(), 2U);
  EXPECT_EQ(
      Json(Admin("GET", "/v1/workflows/b2b-standard/versions/1"))["document"]["steps"][0]["at"],
      "due+3d");
  EXPECT_EQ(Json(Admin("GET", "/v1/workflows/b2b-standard"))["version"], 2);
  HttpResponse latest = Call("GET", "/v1/workflows", tokens_.at(Role::kColleague));
  ASSERT_EQ(latest.status, 200) << latest.body;
  ASSERT_EQ(Json(latest)["items"].size(), 1U);
  EXPECT_EQ(Json(latest)["items"][0]["version"], 2);

  EXPECT_EQ(Admin("GET", "/v1/workflows/b2b-standard/versions/3").status, 404);
  EXPECT_EQ(Admin("GET", "/v1/workflows/b2b-standard/versions/x").status, 400);
  EXPECT_EQ(Admin("GET", "/v1/workflows/b2b-standard/versions/0").status, 400);
  EXPECT_EQ(Admin("GET", "/v1/workflows/unknown").status, 404);
  EXPECT_EQ(Call("POST", "/v1/workflows", tokens_.at(Role::kCollector), Standard().dump()).status,
            403);
}

TEST_F(ApiTest, ABadWorkflowIs422ByPointerAndSavesNothing) {
  json bad = Standard();
  bad["steps"][1]["action"]["template"] = "reminder-secnd";
  bad["steps"][0]["id"] = "reminder-2";
  HttpResponse refused = Admin("POST", "/v1/workflows", bad.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(Fields(refused).find("/steps/1/action/template: "), std::string::npos) << refused.body;
  EXPECT_NE(Fields(refused).find("/steps/1/id: "), std::string::npos) << refused.body;

  json schema_fault = Standard();
  schema_fault["steps"][0]["at"] = "soon";
  HttpResponse schema = Admin("POST", "/v1/workflows", schema_fault.dump());
  ASSERT_EQ(schema.status, 422) << schema.body;
  EXPECT_NE(Fields(schema).find("/steps/0/at"), std::string::npos) << schema.body;

  EXPECT_EQ(Admin("POST", "/v1/workflows", "{not json").status, 400);
  HttpResponse mismatch = Admin("PUT", "/v1/workflows/other", Standard().dump());
  ASSERT_EQ(mismatch.status, 422) << mismatch.body;
  EXPECT_EQ(Fields(mismatch), "/id: must be \"other\", the id in the path\n");
  EXPECT_EQ(Admin("GET", "/v1/workflows/b2b-standard").status, 404);
}

TEST_F(ApiTest, ValidateReportsProblemsAndCoverageWithoutSaving) {
  ASSERT_EQ(Admin("PUT", "/v1/segments", kSegments).status, 200);
  HttpResponse fine = Admin("POST", "/v1/workflows/validate", Standard().dump());
  ASSERT_EQ(fine.status, 200) << fine.body;
  EXPECT_EQ(Json(fine)["valid"], true);
  ASSERT_EQ(Json(fine)["warnings"].size(), 1U) << fine.body;
  EXPECT_NE(Json(fine)["warnings"][0]["message"].get<std::string>().find("key-accounts"),
            std::string::npos);

  json orphan = Standard();
  orphan["segment"] = "nobody";
  HttpResponse unserved = Admin("POST", "/v1/workflows/validate", orphan.dump());
  ASSERT_EQ(unserved.status, 200) << unserved.body;
  EXPECT_EQ(Json(unserved)["warnings"][0]["field"], "/segment");

  json bad = Standard();
  bad["steps"][0]["at"] = "due-90d";
  HttpResponse problems = Admin("POST", "/v1/workflows/validate", bad.dump());
  ASSERT_EQ(problems.status, 200) << problems.body;
  EXPECT_EQ(Json(problems)["valid"], false);
  EXPECT_EQ(Json(problems)["problems"][0]["field"], "/steps/0/at");
  EXPECT_EQ(Json(Admin("GET", "/v1/workflows"))["items"].size(), 0U) << "nothing saved";
}

TEST_F(ApiTest, SegmentsSaveWithWarningsAndValidate) {
  HttpResponse none = Call("GET", "/v1/segments", tokens_.at(Role::kCollector));
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(Json(none)["version"], 0);

  ASSERT_EQ(Admin("POST", "/v1/workflows", Standard().dump()).status, 200);
  const int woken = wakes_;
  HttpResponse saved = Call("PUT", "/v1/segments", tokens_.at(Role::kManager), kSegments);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["version"], 1);
  ASSERT_EQ(Json(saved)["warnings"].size(), 1U) << saved.body;
  EXPECT_EQ(Json(saved)["warnings"][0]["field"], "/segments/0");
  EXPECT_GT(wakes_, woken);
  EXPECT_EQ(Json(Admin("GET", "/v1/segments"))["document"]["segments"].size(), 2U);

  HttpResponse duplicate = Admin("PUT", "/v1/segments", R"({"segments": [
      {"id": "a", "priority": 1, "when": {}}, {"id": "a", "priority": 2, "when": {}}]})");
  ASSERT_EQ(duplicate.status, 422) << duplicate.body;
  EXPECT_NE(Fields(duplicate).find("/segments/1"), std::string::npos) << duplicate.body;

  HttpResponse checked = Admin("POST", "/v1/segments/validate",
                               R"({"segments": [{"id": "b2b-standard", "priority": 1,
                                   "when": {"customer.kind": {"eq": "martian"}}}]})");
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(Json(checked)["valid"], false) << checked.body;
  EXPECT_EQ(Json(Admin("GET", "/v1/segments"))["version"], 1) << "validate saves nothing";
}

}  // namespace
}  // namespace duly::daemon
