// ParseScenario: the issue's example validates against the schema; every kind of fault is
// refused with the JSON pointer that names it.
#include "daemon/simulate/scenario.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows/schema_validator.h"

namespace duly::daemon {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

json ReadTestData(const std::string& name) {
  std::ifstream file(std::string(DULY_SIMULATE_TESTDATA) + "/" + name);
  std::ostringstream text;
  text << file.rdbuf();
  return json::parse(text.str());
}

// A small valid scenario: the issue's records with one segment and its workflow.
json SmallScenario() { return ReadTestData("payment_stops_reminder.json"); }

// The pointers of every problem of a refused scenario.
std::vector<std::string> Pointers(const Result<Scenario>& scenario) {
  std::vector<std::string> pointers;
  if (scenario) return pointers;
  for (const FieldError& field : scenario.error().fields) pointers.push_back(field.field);
  return pointers;
}

TEST(ScenarioTest, TheIssuesExampleMatchesTheSchema) {
  auto schema = SchemaValidator::Load("scenario.schema.json");
  ASSERT_TRUE(schema.has_value()) << schema.error().message;
  const Status valid = schema->Validate(ReadTestData("issue_example.json"));
  EXPECT_TRUE(valid.ok()) << valid.error().message;
}

TEST(ScenarioTest, RefusesTheEventTypesOfLaterIssuesByName) {
  auto scenario = ParseScenario(ReadTestData("issue_example.json"));
  ASSERT_FALSE(scenario.has_value());
  EXPECT_EQ(scenario.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(scenario.error().fields,
              Contains(FieldError{"/events/1/type",
                                  "complaint events are not simulated yet: complaint cases "
                                  "arrive with issue #5 (cases, promises, payment plans)"}));
  EXPECT_THAT(Pointers(scenario), ::testing::ElementsAre("/events/1/type", "/events/2/type",
                                                         "/events/3/type", "/events/4/type"));
  EXPECT_THAT(scenario.error().message, HasSubstr("/events/1/type"));
}

TEST(ScenarioTest, ParsesRecordsCatalogAndEventsInTimeOrder) {
  auto scenario = ParseScenario(SmallScenario());
  ASSERT_TRUE(scenario.has_value()) << scenario.error().message;
  EXPECT_EQ(FormatCalendarDate(scenario->start), "2026-03-02");
  EXPECT_EQ(scenario->days, 30);
  EXPECT_EQ(scenario->time_zone, "Europe/Amsterdam");
  EXPECT_EQ(scenario->colleagues.size(), 3U);
  ASSERT_EQ(scenario->customers.size(), 1U);
  EXPECT_EQ(scenario->customers[0].account_manager, "anna");
  ASSERT_EQ(scenario->invoices.size(), 1U);
  EXPECT_EQ(scenario->invoices[0].amount.cents(), 125000);
  EXPECT_EQ(scenario->workflows.size(), 1U);
  EXPECT_THAT(scenario->segments, HasSubstr("b2b-standard"));
  ASSERT_EQ(scenario->events.size(), 2U);
  // A date means 09:00 local time; a local date-time is taken as written.
  EXPECT_EQ(FormatInstant(scenario->events[0].at, "Europe/Amsterdam"),
            "2026-03-16T09:00:00.000+01:00");
  EXPECT_EQ(FormatInstant(scenario->events[1].at, "Europe/Amsterdam"),
            "2026-03-18T14:30:00.000+01:00");
  EXPECT_EQ(scenario->events[1].type, "reply");
  EXPECT_EQ(scenario->events[1].index, 1U);
}

TEST(ScenarioTest, SortsEventsByTimeKeepingTheirIndex) {
  json document = SmallScenario();
  document["events"] = json::array(
      {{{"on", "2026-03-20"}, {"type", "payment"}, {"customer", "C1"}, {"amount", "1.00"}},
       {{"on", "2026-03-19"}, {"type", "payment"}, {"customer", "C1"}, {"amount", "2.00"}},
       {{"on", "2026-03-19"}, {"type", "payment"}, {"customer", "C1"}, {"amount", "3.00"}}});
  auto scenario = ParseScenario(document);
  ASSERT_TRUE(scenario.has_value()) << scenario.error().message;
  ASSERT_EQ(scenario->events.size(), 3U);
  EXPECT_EQ(scenario->events[0].index, 1U);
  EXPECT_EQ(scenario->events[1].index, 2U);
  EXPECT_EQ(scenario->events[2].index, 0U);
}

TEST(ScenarioTest, ReadsOptions) {
  json document = SmallScenario();
  document["options"] = {{"send_time", "08:30"}, {"promise_grace_days", 5}};
  auto scenario = ParseScenario(document);
  ASSERT_TRUE(scenario.has_value()) << scenario.error().message;
  ASSERT_TRUE(scenario->send_time.has_value());
  EXPECT_EQ(scenario->send_time->count(), 8 * 60 + 30);
  EXPECT_EQ(scenario->promise_grace_days, 5);
}

TEST(ScenarioTest, SchemaFaultsNameTheirPointers) {
  json document = SmallScenario();
  document["days"] = "sixty";
  document["colour"] = "red";
  document["invoices"][0]["amount"] = "12,50";
  document["events"][0].erase("customer");
  document["events"][1]["on"] = "2026-03-18 14:30";
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  EXPECT_EQ(scenario.error().code, ErrorCode::kInvalidArgument);
  const auto pointers = Pointers(scenario);
  EXPECT_THAT(pointers, Contains("/days"));
  EXPECT_THAT(pointers, Contains("/colour"));
  EXPECT_THAT(pointers, Contains("/invoices/0/amount"));
  EXPECT_THAT(pointers, Contains("/events/0/customer"));
  EXPECT_THAT(pointers, Contains("/events/1/on"));
}

TEST(ScenarioTest, AWorkflowThatBreaksItsSchemaIsNamedUnderWorkflows) {
  json document = SmallScenario();
  document["workflows"][0]["steps"][1]["at"] = "due+3 days";
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  EXPECT_THAT(Pointers(scenario), Contains("/workflows/0/steps/1/at"));
}

TEST(ScenarioTest, WorkflowSemanticFaultsAreReRootedUnderTheirWorkflow) {
  json document = SmallScenario();
  document["workflows"][0]["steps"][2]["id"] = "reminder-1";  // duplicate step id
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  ASSERT_FALSE(scenario.error().fields.empty());
  EXPECT_THAT(scenario.error().fields[0].field, StartsWith("/workflows/0/steps/"));
  EXPECT_THAT(scenario.error().fields[0].message, HasSubstr("reminder-1"));
}

TEST(ScenarioTest, ASegmentNoWorkflowServesIsRefused) {
  json document = SmallScenario();
  document["segments"].push_back(
      {{"id", "consumers"}, {"priority", 3}, {"when", {{"customer.kind", {{"eq", "b2c"}}}}}});
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  EXPECT_THAT(Pointers(scenario), ::testing::ElementsAre("/segments/1"));
}

TEST(ScenarioTest, UnknownReferencesAreNamed) {
  json document = SmallScenario();
  document["colleagues"][0]["manager"] = "nobody";
  document["customers"][0]["account_manager"] = "ghost";
  document["invoices"].push_back({{"id", "INV-2"},
                                  {"customer", "C9"},
                                  {"issued", "2026-02-08"},
                                  {"due", "2026-03-10"},
                                  {"amount", "10.00"}});
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  EXPECT_THAT(Pointers(scenario),
              ::testing::ElementsAre("/colleagues/0/manager", "/customers/0/account_manager",
                                     "/invoices/1/customer"));
  EXPECT_THAT(scenario.error().fields[2].message, HasSubstr("unknown customer \"C9\""));
}

TEST(ScenarioTest, EventsNamingUnknownCustomersOrInvoicesAreRefused) {
  json document = SmallScenario();
  document["events"][0]["invoice"] = "INV-404";
  document["events"][1]["customer"] = "C2";
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  EXPECT_THAT(Pointers(scenario),
              ::testing::UnorderedElementsAre("/events/0/invoice", "/events/1/customer"));
}

TEST(ScenarioTest, EventsOutsideThePeriodAreRefused) {
  json document = SmallScenario();
  document["events"][0]["on"] = "2026-03-01T23:59";  // before start (2026-03-02 00:00)
  document["events"][1]["on"] = "2026-04-01";        // start + 30 days is the end
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  EXPECT_THAT(Pointers(scenario), ::testing::ElementsAre("/events/0/on", "/events/1/on"));
  EXPECT_THAT(scenario.error().fields[0].message, HasSubstr("outside the simulated period"));
  document["events"][1]["on"] = "2026-03-31T23:59";  // the last minute is inside
  document["events"][0]["on"] = "2026-03-02T00:00";
  EXPECT_TRUE(ParseScenario(document).has_value());
}

TEST(ScenarioTest, RecordRulesAndZonesAreChecked) {
  json document = SmallScenario();
  document["timezone"] = "Mars/Olympus";
  document["invoices"][0]["due"] = "2026-02-30";
  document["customers"].push_back(document["customers"][0]);  // duplicate id
  auto scenario = ParseScenario(document);
  ASSERT_FALSE(scenario.has_value());
  const auto pointers = Pointers(scenario);
  EXPECT_THAT(pointers, Contains("/timezone"));
  EXPECT_THAT(pointers, Contains("/invoices/0/due"));
  EXPECT_THAT(pointers, Contains("/customers/1/id"));
}

TEST(ScenarioTest, TextThatIsNotJsonIsRefused) {
  auto scenario = ParseScenarioText("{\"start\": ");
  ASSERT_FALSE(scenario.has_value());
  EXPECT_EQ(scenario.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(scenario.error().message, HasSubstr("scenario"));
}

}  // namespace
}  // namespace duly::daemon
