// CaseJob over a real SociCaseStore on a fresh SQLite database: rounds queue due reminders and
// escalations in batches, and a round run twice sends nothing twice.
#include "daemon/cases/case_job.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/store/soci_case_store.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {
namespace {

const Actor kActor{"test"};

Instant At(const char* day, int hour = 0) {
  return Instant(ParseCalendarDate(day).value()) + std::chrono::hours(hour);
}

class CaseJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("duly_case_job_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = OpenStore(*DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string()), clock_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    cases_ = std::make_unique<SociCaseStore>(store_->SharedConnections(), store_->clock());
    Colleague manager;
    manager.id = "boss";
    manager.name = "Boss";
    manager.role = "manager";
    manager.department = "finance";
    manager.email = "boss@duly.example";
    Colleague clerk = manager;
    clerk.id = "clerk";
    clerk.name = "Clerk";
    clerk.role = "colleague";
    clerk.department = "billing";
    clerk.manager = "boss";
    ASSERT_TRUE(store_->UpsertColleagues({manager, clerk}, kActor));
    Customer customer;
    customer.id = "C1";
    customer.name = "Customer";
    customer.email = "ap@example.nl";
    ASSERT_TRUE(store_->UpsertCustomers({customer}, kActor));
    for (int i = 0; i < 5; ++i) {
      Invoice invoice;
      invoice.id = "I" + std::to_string(i);
      invoice.customer = "C1";
      invoice.issued = ParseCalendarDate("2026-01-01").value();
      invoice.due = ParseCalendarDate("2026-02-01").value();
      invoice.amount = Money::FromCents(1000);
      ASSERT_TRUE(store_->UpsertInvoices({invoice}, kActor));
      ASSERT_TRUE(cases_->OpenCase(
          NewCase{"C1", {invoice.id}, "wrong_price", "too expensive", "api", ""}, kActor));
    }
  }
  void TearDown() override {
    cases_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  long long Rows(const std::string& template_id) {
    long long total = 0;
    for (int i = 1; i <= 5; ++i) {
      auto found = cases_->GetCase(i);
      if (!found) continue;
      if (template_id == "case_reminder" && found->reminded_at) ++total;
      if (template_id == "case_escalated" && found->escalation_level > 0) ++total;
    }
    return total;
  }

  ManualClock clock_{At("2026-01-01", 9)};  // Thursday: deadline Thursday 8, reminder Tuesday 6
  std::filesystem::path dir_;
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<SociCaseStore> cases_;
};

TEST_F(CaseJobTest, RoundsQueueDueWorkInBatchesOnce) {
  CaseJob job(*cases_, 2);  // five cases: batches of 2, 2 and 1
  EXPECT_EQ(*job.RunDue(At("2026-01-05", 9)), (CaseRound{0, 0}));
  EXPECT_EQ(*job.RunDue(At("2026-01-06", 9)), (CaseRound{5, 0}));
  EXPECT_EQ(*job.RunDue(At("2026-01-06", 10)), (CaseRound{0, 0}));
  EXPECT_EQ(Rows("case_reminder"), 5);
  clock_.Set(At("2026-01-08", 9));
  EXPECT_EQ(*job.RunDue(clock_.Now()), (CaseRound{0, 5}));
  EXPECT_EQ(*job.RunDue(clock_.Now()), (CaseRound{0, 0}));
  EXPECT_EQ(Rows("case_escalated"), 5);
  auto events = store_->ListEvents(PageRequest{"", 1000});
  ASSERT_TRUE(events);
  int reminders = 0;
  int escalations = 0;
  for (const Event& event : events->items) {
    reminders += event.type == "case.reminder_sent" ? 1 : 0;
    escalations += event.type == "case.escalated" ? 1 : 0;
  }
  EXPECT_EQ(reminders, 5);
  EXPECT_EQ(escalations, 5);
}

TEST_F(CaseJobTest, AResolvedCaseIsNeitherRemindedNorEscalated) {
  ASSERT_TRUE(cases_->ResolveCase(1, CaseResolution{}, kActor));
  CaseJob job(*cases_);
  EXPECT_EQ(*job.RunDue(At("2026-01-09", 9)), (CaseRound{4, 4}));
  EXPECT_FALSE(cases_->GetCase(1)->reminded_at.has_value());
  EXPECT_EQ(cases_->GetCase(1)->escalation_level, 0);
}

}  // namespace
}  // namespace duly::daemon
