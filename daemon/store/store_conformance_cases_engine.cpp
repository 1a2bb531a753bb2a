// The store conformance suite, disputes and the real engine: while a case is open no reminder,
// call task or colleague notification of the workflow reaches its invoice, though the steps fall
// due; after the case is resolved with a corrected due date the workflow resumes from it.
// (Fees are not an engine action yet, so none can be written either.)
#include <gtest/gtest.h>

#include "daemon/store/store_conformance_cases.h"
#include "daemon/store/store_conformance_engine.h"
#include "workflows/engine/engine.h"
#include "workflows/engine/testdata/fixture.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {
namespace {

TEST_P(StoreConformance, CasesNothingReachesADisputedInvoiceUntilItIsResolved) {
  auto cases = SeedCases(*store_);
  auto workflow = ParseWorkflowText(testdata::kB2bStandard);
  ASSERT_TRUE(workflow) << workflow.error().message;
  ASSERT_TRUE(store_->SaveWorkflow(*workflow, std::string(testdata::kB2bStandard), kActor));
  ASSERT_TRUE(store_->SaveSegments(std::string(testdata::kSegments), kActor));
  // I1 (disputed) and I2 (not) of C1 are both due 2026-02-01; the case is opened first.
  const ComplaintCase opened = Open(*cases, {"I1"}, "wrong_price");
  ASSERT_NE(opened.id, 0);
  Engine engine(*store_, *store_, clock_, EngineOptions{});
  auto run_until = [&](const char* day) {
    while (clock_.Now() < At(day)) {
      clock_.Advance(std::chrono::hours(6));
      auto report = engine.RunDue();
      ASSERT_TRUE(report) << report.error().message;
    }
  };
  auto customer_rows_naming = [&](const std::string& invoice) {
    return SqlNumber(
        "SELECT COUNT(*) FROM outbox_messages WHERE recipient_kind = 'customer'"
        " AND items LIKE '%\"" +
        invoice + "\"%'");
  };
  auto tasks_naming = [&](const std::string& invoice) {
    return SqlNumber("SELECT COUNT(*) FROM tasks WHERE items LIKE '%\"" + invoice + "\"%'");
  };
  // Past the first reminder (due+3d), the second (due+10d) and the follow-up call (due+17d).
  run_until("2026-02-20");
  EXPECT_GE(customer_rows_naming("I2"), 2);  // the workflow runs: I2 got both reminders
  EXPECT_GE(tasks_naming("I2"), 1);
  EXPECT_EQ(customer_rows_naming("I1"), 0);
  EXPECT_EQ(tasks_naming("I1"), 0);
  EXPECT_EQ(SqlText("SELECT state FROM workflow_instances WHERE invoice = 'I1'"), "paused");
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM step_runs WHERE invoice = 'I1'"), 0);

  // Billing corrects the due date to 2026-03-02: I1 resumes from there.
  CaseResolution correction;
  correction.kind = ResolutionKind::kCorrectedInvoice;
  correction.new_due = ParseCalendarDate("2026-03-02").value();
  ASSERT_TRUE(cases->ResolveCase(opened.id, correction, kActor));
  run_until("2026-03-04");
  EXPECT_EQ(SqlText("SELECT state FROM workflow_instances WHERE invoice = 'I1'"), "active");
  EXPECT_EQ(customer_rows_naming("I1"), 0);  // reminder-1 is at due+3d: 2026-03-05 09:00
  run_until("2026-03-06");
  EXPECT_EQ(customer_rows_naming("I1"), 1);
  EXPECT_EQ(SqlText("SELECT template FROM outbox_messages WHERE recipient_kind = 'customer'"
                    " AND items LIKE '%\"I1\"%'"),
            "reminder-friendly");
  EXPECT_EQ(tasks_naming("I1"), 0);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

}  // namespace
}  // namespace duly::daemon
