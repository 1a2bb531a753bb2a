// PlanJob over a real SQLite store: a promise kept by a payment posted between rounds, a promise
// broken after its grace, a plan whose missed installment breaks it, and rounds run twice.
#include "daemon/plans/plan_job.h"

#include <gtest/gtest.h>

#include "daemon/store/soci_plan_store.h"
#include "daemon/store/soci_promise_store.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {
namespace {

CalendarDate Day(const char* text) { return ParseCalendarDate(text).value(); }
Instant Noon(const char* day) { return Day(day) + std::chrono::hours(11); }
const Actor kActor{"test"};

class PlanJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenStore(*DatabaseUrl::Parse("sqlite::memory:"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    promises_ =
        std::make_unique<SociPromiseStore>(store_->SharedConnections(), clock_, PlanSettings{});
    plans_ = std::make_unique<SociPlanStore>(store_->SharedConnections(), clock_, PlanSettings{});
    for (const char* id : {"C1", "C2", "C3"}) {
      Customer customer;
      customer.id = id;
      customer.name = std::string("Customer ") + id;
      customer.email = "ap@example.nl";
      customers_.push_back(customer);
    }
    ASSERT_TRUE(store_->UpsertCustomers(customers_, kActor));
    std::vector<Invoice> invoices;
    for (const char* customer : {"C1", "C2", "C3"}) {
      Invoice invoice;
      invoice.id = std::string("I") + customer;
      invoice.customer = customer;
      invoice.issued = Day("2026-01-01");
      invoice.due = Day("2026-01-31");
      invoice.amount = Money::FromCents(20000);
      invoices.push_back(invoice);
    }
    ASSERT_TRUE(store_->UpsertInvoices(invoices, kActor));
  }

  void Pay(const std::string& id, const std::string& customer, long long cents) {
    Payment payment;
    payment.id = id;
    payment.customer = customer;
    payment.amount = Money::FromCents(cents);
    payment.received = Day("2026-02-01");
    ASSERT_TRUE(store_->PostPayments({payment}, kActor));
  }

  ManualClock clock_{Noon("2026-01-10")};
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<SociPromiseStore> promises_;
  std::unique_ptr<SociPlanStore> plans_;
  std::vector<Customer> customers_;
};

TEST_F(PlanJobTest, PromisesAndPlansSettleRoundByRound) {
  PlanJob job(*promises_, *plans_);
  ASSERT_TRUE(promises_->RecordPromise(
      {"C1", {"IC1"}, Money::FromCents(20000), Day("2026-02-05"), PromiseSource::kCall, ""},
      kActor));
  ASSERT_TRUE(promises_->RecordPromise(
      {"C2", {"IC2"}, Money::FromCents(10000), Day("2026-02-05"), PromiseSource::kReply, ""},
      kActor));
  PlanDraft draft{
      "C3",
      {"IC3"},
      Day("2026-01-10"),
      {{Day("2026-02-01"), Money::FromCents(10000)}, {Day("2026-03-01"), Money::FromCents(10000)}}};
  ASSERT_TRUE(plans_->CreatePlan(draft, false, kActor));

  auto report = job.RunDue(Noon("2026-01-20"));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->Changes(), 0);

  Pay("P1", "C1", 20000);  // C1 keeps its promise; the next round sees it
  report = job.RunDue(Noon("2026-01-29"));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->promises.kept, 1);
  EXPECT_EQ(report->plans.reminded, 1);                     // the 1st installment, due in 3 days
  EXPECT_EQ(job.RunDue(Noon("2026-01-29"))->Changes(), 0);  // twice: nothing twice

  report = job.RunDue(Noon("2026-02-02"));
  EXPECT_EQ(report->plans.missed, 1);
  report = job.RunDue(Noon("2026-02-09"));
  EXPECT_EQ(report->promises.broken, 1);  // 2026-02-05 + 3 days of grace passed
  EXPECT_EQ(report->plans.broken, 1);     // 2026-02-01 + 7 days of grace passed
  EXPECT_EQ(job.RunDue(Noon("2026-02-09"))->Changes(), 0);

  auto history = store_->ListCustomerEvents("C3", {"", 100});
  ASSERT_TRUE(history);
  std::vector<std::string> types;
  for (const Event& event : history->items) {
    if (event.type.rfind("plan.", 0) == 0) types.push_back(event.type);
  }
  EXPECT_EQ(types, (std::vector<std::string>{"plan.created", "plan.installment_reminded",
                                             "plan.installment_missed", "plan.broken"}));
  auto listed = promises_->ListPromises({"C2", std::nullopt, 10});
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)[0].state, PromiseState::kBroken);
  auto tasks = store_->ListOpenTasks(Noon("2026-02-09"), 10);
  ASSERT_TRUE(tasks);
  ASSERT_EQ(tasks->size(), 1U);
  EXPECT_EQ((*tasks)[0].customer, "C2");
}

}  // namespace
}  // namespace duly::daemon
