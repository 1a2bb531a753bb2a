#include "workflows/cases/case_policy.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

Instant At(const char* day, int hour) {
  return Instant(ParseCalendarDate(day).value()) + std::chrono::hours(hour);
}

bool Names(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& error : errors) {
    if (error.field == field) return true;
  }
  return false;
}

TEST(CasePolicy, DefaultsRouteTheIssuesCategories) {
  const CasePolicy policy = DefaultCasePolicy();
  EXPECT_TRUE(Validate(policy).empty());
  EXPECT_EQ(DepartmentOf(policy, "wrong_price"), "billing");
  EXPECT_EQ(DepartmentOf(policy, "duplicate_invoice"), "billing");
  EXPECT_EQ(DepartmentOf(policy, "sales_promise"), "sales");
  EXPECT_EQ(DepartmentOf(policy, "quality"), "sales");
  EXPECT_EQ(DepartmentOf(policy, "damaged"), "operations");
  EXPECT_EQ(DepartmentOf(policy, "other"), "collection");
  EXPECT_TRUE(IsCaseCategory("missing_po"));
  EXPECT_FALSE(IsCaseCategory("Wrong_Price"));
}

TEST(CasePolicy, CalendarDeadlineIsSevenDaysAndReminderTwoWorkingDaysBefore) {
  const CasePolicy policy = DefaultCasePolicy();
  // Monday 2026-03-02 10:00 UTC (11:00 in Amsterdam).
  const Instant opened = At("2026-03-02", 10);
  const Instant deadline = CaseDeadline(policy, "wrong_price", opened);
  EXPECT_EQ(deadline, At("2026-03-09", 10));  // the next Monday
  // Two working days before Monday 9 March: Thursday 5 March.
  EXPECT_EQ(CaseReminderAt(policy, opened, deadline), At("2026-03-05", 10));
  EXPECT_EQ(NextEscalationAt(policy, "wrong_price", deadline), At("2026-03-16", 10));
}

TEST(CasePolicy, WorkingDaysSkipWeekendsAndHolidays) {
  CasePolicy policy = DefaultCasePolicy();
  policy.working_days = true;
  policy.deadline_days["damaged"] = 3;
  // Thursday 2026-04-02; Good Friday 3 April and Easter Monday 6 April are closed.
  const Instant opened = At("2026-04-02", 9);
  EXPECT_EQ(CaseDeadline(policy, "damaged", opened), At("2026-04-09", 9));  // Tue, Wed, Thu
  EXPECT_EQ(CaseDeadline(policy, "quality", opened), At("2026-04-15", 9));  // 7 working days
}

TEST(CasePolicy, NoReminderWhenTooCloseOrSwitchedOff) {
  CasePolicy policy = DefaultCasePolicy();
  policy.deadline_days["missing_po"] = 1;
  const Instant opened = At("2026-03-02", 10);
  EXPECT_EQ(CaseReminderAt(policy, opened, CaseDeadline(policy, "missing_po", opened)),
            std::nullopt);
  policy.reminder_working_days = 0;
  EXPECT_EQ(CaseReminderAt(policy, opened, CaseDeadline(policy, "wrong_price", opened)),
            std::nullopt);
}

TEST(CasePolicy, EscalationRepeatCanBeConfigured) {
  CasePolicy policy = DefaultCasePolicy();
  policy.escalation_repeat_days = 2;
  EXPECT_EQ(NextEscalationAt(policy, "other", At("2026-03-09", 10)), At("2026-03-11", 10));
}

TEST(CasePolicy, ValidateNamesEachBadField) {
  CasePolicy policy = DefaultCasePolicy();
  policy.routing.erase("quality");
  policy.routing["broken_thing"] = "billing";
  policy.deadline_days["other"] = 0;
  policy.deadline_days["nope"] = 3;
  policy.default_deadline_days = 91;
  policy.reminder_working_days = -1;
  policy.escalation_repeat_days = 100;
  policy.time_zone = "Mars/Olympus";
  policy.colleague_language = "de";
  const auto errors = Validate(policy);
  for (const char* field :
       {"/routing/quality", "/routing/broken_thing", "/deadline_days/other", "/deadline_days/nope",
        "/deadline_days/default", "/reminder_working_days", "/escalation_repeat_days", "/time_zone",
        "/colleague_language"}) {
    EXPECT_TRUE(Names(errors, field)) << field;
  }
}

}  // namespace
}  // namespace duly
