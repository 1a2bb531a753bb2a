// The "cases" config section: defaults, every field read, errors naming the field, and the schema
// listing exactly what the loader accepts.
#include "daemon/config/cases_config.h"

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/config/config.h"
#include "schemas/files.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string FirstField(const Error& error) {
  return error.fields.empty() ? "<none>" : error.fields.front().field;
}

TEST(CasesConfigTest, EmptySectionGivesTheIssuesDefaults) {
  Result<CasePolicy> policy = ReadCasesConfig(json::object());
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_EQ(policy->routing, DefaultCasePolicy().routing);
  EXPECT_EQ(policy->default_deadline_days, 7);
  EXPECT_FALSE(policy->working_days);
  EXPECT_EQ(policy->reminder_working_days, 2);
}

TEST(CasesConfigTest, ReadsEveryField) {
  Result<CasePolicy> policy = ReadCasesConfig(json::parse(R"({
    "routing": {"quality": "operations", "other": "billing"},
    "deadline_days": {"default": 5, "damaged": 2},
    "working_days": true, "reminder_working_days": 1, "escalation_repeat_days": 3,
    "colleague_language": "fr"
  })"));
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_EQ(policy->routing.at("quality"), "operations");
  EXPECT_EQ(policy->routing.at("other"), "billing");
  EXPECT_EQ(policy->routing.at("wrong_price"), "billing");  // default kept
  EXPECT_EQ(policy->default_deadline_days, 5);
  EXPECT_EQ(policy->deadline_days.at("damaged"), 2);
  EXPECT_TRUE(policy->working_days);
  EXPECT_EQ(policy->reminder_working_days, 1);
  EXPECT_EQ(policy->escalation_repeat_days, 3);
  EXPECT_EQ(policy->colleague_language, "fr");
}

TEST(CasesConfigTest, BadFieldsAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"routing": {"weather": "billing"}})", "/cases/routing/weather"},
      {R"({"routing": {"quality": 3}})", "/cases/routing/quality"},
      {R"({"routing": {"quality": ""}})", "/cases/routing/quality"},
      {R"({"deadline_days": {"default": 0}})", "/cases/deadline_days/default"},
      {R"({"deadline_days": {"quality": 1.5}})", "/cases/deadline_days/quality"},
      {R"({"deadline_days": {"weather": 3}})", "/cases/deadline_days/weather"},
      {R"({"deadline_days": 7})", "/cases/deadline_days"},
      {R"({"working_days": "yes"})", "/cases/working_days"},
      {R"({"reminder_working_days": 31})", "/cases/reminder_working_days"},
      {R"({"escalation_repeat_days": -1})", "/cases/escalation_repeat_days"},
      {R"({"colleague_language": "de"})", "/cases/colleague_language"},
      {R"({"deadline": 7})", "/cases/deadline"},
  };
  for (const auto& [text, field] : cases) {
    Result<CasePolicy> policy = ReadCasesConfig(json::parse(text));
    ASSERT_FALSE(policy) << text;
    EXPECT_EQ(FirstField(policy.error()), field) << text;
  }
}

TEST(CasesConfigTest, ConfigCarriesTheSectionWithTheCalendar) {
  Result<Config> config = ParseConfig(
      R"({"time_zone": "Europe/Brussels", "engine": {"country": "BE"},
          "cases": {"deadline_days": {"default": 10}}})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->cases.default_deadline_days, 10);
  EXPECT_EQ(config->cases.time_zone, "Europe/Brussels");
  EXPECT_EQ(config->cases.country, "BE");
  Result<Config> bad = ParseConfig(R"({"cases": {"working_days": 1}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(FirstField(bad.error()), "/cases/working_days");
}

TEST(CasesConfigTest, SchemaNamesExactlyTheAcceptedFields) {
  const json schema = json::parse(schemas::Files().at("config.schema.json"));
  const json& cases = schema["properties"]["cases"];
  std::set<std::string> names;
  for (const auto& [name, value] : cases["properties"].items()) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"routing", "deadline_days", "working_days",
                                          "reminder_working_days", "escalation_repeat_days",
                                          "colleague_language"}));
  ASSERT_TRUE(cases.contains("examples"));
  EXPECT_TRUE(ReadCasesConfig(cases["examples"][0]));
}

}  // namespace
}  // namespace duly::daemon
