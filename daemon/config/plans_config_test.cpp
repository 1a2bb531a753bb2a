#include "daemon/config/plans_config.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string FirstField(const Error& error) {
  return error.fields.empty() ? "" : error.fields.front().field;
}

TEST(PlansConfig, DefaultsAreTheIssues) {
  auto settings = ReadPlansConfig(json::object());
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->policies.fallback, PlanPolicy{});
  EXPECT_EQ(settings->policies.fallback.max_installments, 6);
  EXPECT_EQ(settings->policies.fallback.min_installment, Money::FromCents(10000));
  EXPECT_EQ(settings->promise_grace_days, 3);
  EXPECT_EQ(settings->timing.reminder_days, 3);
  EXPECT_EQ(settings->timing.grace_days, 7);
  EXPECT_EQ(settings->OverdueThreshold("any"), Money());
}

TEST(PlansConfig, ReadsEveryField) {
  auto settings = ReadPlansConfig(json::parse(R"({
    "policy": {"max_installments": 4, "min_installment": "50.00", "max_months": 3},
    "segment_policies": {"large": {"max_installments": 12}},
    "promise_grace_days": 5, "installment_reminder_days": 2, "plan_grace_days": 10,
    "overdue_threshold": "250.00", "segment_overdue_thresholds": {"large": "2500.00"}})"));
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->policies.For("small").max_installments, 4);
  EXPECT_EQ(settings->policies.For("large").max_installments, 12);
  EXPECT_EQ(settings->policies.For("large").min_installment, Money::FromCents(5000));
  EXPECT_EQ(settings->policies.For("large").max_months, 3);
  EXPECT_EQ(settings->promise_grace_days, 5);
  EXPECT_EQ(settings->timing.reminder_days, 2);
  EXPECT_EQ(settings->timing.grace_days, 10);
  EXPECT_EQ(settings->OverdueThreshold("small"), Money::FromCents(25000));
  EXPECT_EQ(settings->OverdueThreshold("large"), Money::FromCents(250000));
}

TEST(PlansConfig, BadFieldsAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"policy": {"max_installment": 6}})", "/plans/policy/max_installment"},
      {R"({"policy": {"max_installments": 0}})", "/plans/policy/max_installments"},
      {R"({"policy": {"min_installment": "ten"}})", "/plans/policy/min_installment"},
      {R"({"policy": {"min_installment": "-1.00"}})", "/plans/policy/min_installment"},
      {R"({"segment_policies": {"large": {"max_months": "6"}}})",
       "/plans/segment_policies/large/max_months"},
      {R"({"segment_policies": []})", "/plans/segment_policies"},
      {R"({"promise_grace_days": -1})", "/plans/promise_grace_days"},
      {R"({"plan_grace_days": 1.5})", "/plans/plan_grace_days"},
      {R"({"overdue_threshold": 100})", "/plans/overdue_threshold"},
      {R"({"segment_overdue_thresholds": {"large": "1.234"}})",
       "/plans/segment_overdue_thresholds/large"},
      {R"({"grace": 3})", "/plans/grace"},
  };
  for (const auto& [text, field] : cases) {
    auto settings = ReadPlansConfig(json::parse(text));
    ASSERT_FALSE(settings) << text;
    EXPECT_EQ(FirstField(settings.error()), field) << text << ": " << settings.error().message;
  }
  EXPECT_EQ(FirstField(ReadPlansConfig(json::array()).error()), "/plans");
}

}  // namespace
}  // namespace duly::daemon
