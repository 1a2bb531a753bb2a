#include "daemon/cli/demo_data.h"

#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows/payment_reference.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {
namespace {

const CalendarDate kToday = *ParseCalendarDate("2026-03-10");

TEST(DemoDataTest, EveryRecordIsValid) {
  const DemoDataSet set = MakeDemoDataSet(kToday);
  for (const Colleague& colleague : set.colleagues) {
    EXPECT_THAT(Validate(colleague), ::testing::IsEmpty()) << colleague.id;
  }
  for (const Customer& customer : set.customers) {
    EXPECT_THAT(Validate(customer), ::testing::IsEmpty()) << customer.id;
  }
  for (const Invoice& invoice : set.invoices) {
    EXPECT_THAT(Validate(invoice), ::testing::IsEmpty()) << invoice.id;
  }
  for (const Payment& payment : set.payments) {
    EXPECT_THAT(Validate(payment), ::testing::IsEmpty()) << payment.id;
  }
}

TEST(DemoDataTest, LooksLikeTheBrief) {
  const DemoDataSet set = MakeDemoDataSet(kToday);
  EXPECT_EQ(set.colleagues.size(), 6u);
  EXPECT_EQ(set.customers.size(), 25u);
  EXPECT_EQ(set.invoices.size(), 80u);
  std::set<std::string> countries, languages, departments;
  int key_accounts = 0;
  int b2c = 0;
  std::map<std::string, std::string> country_of;
  for (const Customer& customer : set.customers) {
    countries.insert(customer.address.country);
    languages.insert(customer.language);
    country_of[customer.id] = customer.address.country;
    if (customer.kind == CustomerKind::kB2c) ++b2c;
    for (const std::string& tag : customer.tags) key_accounts += tag == "key-account" ? 1 : 0;
  }
  for (const Colleague& colleague : set.colleagues) departments.insert(colleague.department);
  EXPECT_EQ(countries, (std::set<std::string>{"BE", "NL"}));
  EXPECT_EQ(languages, (std::set<std::string>{"en", "fr", "nl"}));
  EXPECT_EQ(departments, (std::set<std::string>{"billing", "credit", "operations", "sales"}));
  EXPECT_GE(key_accounts, 3);
  EXPECT_GE(b2c, 5);

  int overdue = 0;
  for (const Invoice& invoice : set.invoices) {
    auto reference = ParsePaymentReference(invoice.reference);
    ASSERT_TRUE(reference) << invoice.id;
    EXPECT_EQ(reference->kind, country_of[invoice.customer] == "BE"
                                   ? PaymentReferenceKind::kOgm
                                   : PaymentReferenceKind::kBetalingskenmerk);
    if (invoice.due < kToday) ++overdue;
    EXPECT_LE(invoice.issued, kToday);
  }
  EXPECT_GE(overdue, 20);
  EXPECT_GE(set.payments.size(), 15u);
  for (const Payment& payment : set.payments) EXPECT_LT(payment.received, kToday);
}

TEST(DemoDataTest, IdsDoNotDependOnTheDay) {
  const DemoDataSet today = MakeDemoDataSet(kToday);
  const DemoDataSet later = MakeDemoDataSet(kToday + date::days(40));
  ASSERT_EQ(today.invoices.size(), later.invoices.size());
  for (std::size_t i = 0; i < today.invoices.size(); ++i) {
    EXPECT_EQ(today.invoices[i].id, later.invoices[i].id);
    EXPECT_EQ(today.invoices[i].issued + date::days(40), later.invoices[i].issued);
  }
  ASSERT_EQ(today.payments.size(), later.payments.size());
}

TEST(DemoDataTest, EverySegmentHasOneValidWorkflow) {
  const DemoDataSet set = MakeDemoDataSet(kToday);
  auto segments = ParseSegmentsText(set.segments);
  ASSERT_TRUE(segments.has_value()) << segments.error().message;
  EXPECT_EQ(segments->rules().size(), 4U);
  std::vector<Workflow> workflows;
  ParseOptions options;
  options.known_templates = {"reminder-friendly",        "reminder-second", "final-notice",
                             "customer-at-final-notice", "courtesy",        "follow-up"};
  for (const std::string& text : set.workflows) {
    auto workflow = ParseWorkflowText(text, options);
    ASSERT_TRUE(workflow.has_value()) << workflow.error().message;
    workflows.push_back(*workflow);
  }
  const Status coverage = CheckCoverage(*segments, workflows);
  EXPECT_TRUE(coverage.ok()) << coverage.error().message;
}

}  // namespace
}  // namespace duly::daemon
