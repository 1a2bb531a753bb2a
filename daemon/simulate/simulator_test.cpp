// The scenario tests of the collection engine, through Simulate on a real SQLite scratch store:
// a payment stops the next reminder; a large invoice gets its courtesy call 5 days before the due
// date and a small one does not; two invoices due the same day give one message; an SMS reminder
// due on a Sunday goes out Monday 08:00. Every line must match schemas/timeline.schema.json.
#include "daemon/simulate/simulator.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"
#include "workflows/schema_validator.h"

namespace duly::daemon {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

json ReadTestData(const std::string& name) {
  std::ifstream file(std::string(DULY_SIMULATE_TESTDATA) + "/" + name);
  std::ostringstream text;
  text << file.rdbuf();
  return json::parse(text.str());
}

// The scenario of payment_stops_reminder.json without its events and invoices: one customer
// (C1, email preferred, phone, WhatsApp) in segment b2b-standard with the issue's workflow.
json BaseScenario(int days) {
  json document = ReadTestData("payment_stops_reminder.json");
  document["days"] = days;
  document["invoices"] = json::array();
  document["events"] = json::array();
  return document;
}

json MakeInvoice(const std::string& id, const std::string& customer, const std::string& due,
                 const std::string& amount) {
  return {{"id", id},   {"customer", customer}, {"issued", "2026-02-08"},
          {"due", due}, {"amount", amount},     {"currency", "EUR"}};
}

json MakeCustomer(const std::string& id) {
  return {{"id", id},
          {"name", "Customer " + id},
          {"kind", "b2b"},
          {"language", "nl"},
          {"email", "info@" + id + ".example"},
          {"phone", "+31612345670"},
          {"preferred_channels", {"email"}}};
}

class SimulatorTest : public ::testing::Test {
 protected:
  // Runs the scenario; every line is checked against the timeline schema and kept.
  std::vector<json> Run(const json& document) {
    auto scenario = ParseScenario(document);
    EXPECT_TRUE(scenario.has_value()) << scenario.error().message;
    if (!scenario) return {};
    return Run(*scenario);
  }

  std::vector<json> Run(const Scenario& scenario) {
    std::vector<json> lines;
    const Status simulated = Simulate(scenario, {dir_.path()}, [&](const json& line) {
      const Status valid = timeline_schema_->Validate(line);
      EXPECT_TRUE(valid.ok()) << line.dump() << ": " << valid.error().message;
      lines.push_back(line);
    });
    EXPECT_TRUE(simulated.ok()) << simulated.error().message;
    // The scratch database is gone afterwards.
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "simulation.db"));
    return lines;
  }

  static std::vector<json> OfType(const std::vector<json>& lines, const std::string& type) {
    std::vector<json> kept;
    for (const json& line : lines) {
      if (line.at("type") == type) kept.push_back(line);
    }
    return kept;
  }

  void SetUp() override {
    auto schema = SchemaValidator::Load("timeline.schema.json");
    ASSERT_TRUE(schema.has_value()) << schema.error().message;
    timeline_schema_.emplace(*schema);
  }

  testing::TempDir dir_;
  std::optional<SchemaValidator> timeline_schema_;
};

TEST_F(SimulatorTest, APaymentStopsTheNextReminder) {
  json document = BaseScenario(30);
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-10", "1250.00"));
  document["events"].push_back(
      {{"on", "2026-03-16"}, {"type", "payment"}, {"customer", "C1"}, {"amount", "1250.00"}});
  const auto lines = Run(document);
  EXPECT_THAT(lines, ElementsAre(json{{"at", "2026-03-05T09:00:00.000+01:00"},
                                      {"type", "step_skipped"},
                                      {"customer", "C1"},
                                      {"invoice", "INV-1"},
                                      {"step", "courtesy-call"},
                                      {"reason", "condition"}},
                                 json{{"at", "2026-03-13T09:00:00.000+01:00"},
                                      {"type", "message"},
                                      {"customer", "C1"},
                                      {"invoices", {"INV-1"}},
                                      {"channel", "email"},
                                      {"template", "reminder-friendly"}},
                                 json{{"at", "2026-03-16T09:00:00.000+01:00"},
                                      {"type", "payment_posted"},
                                      {"customer", "C1"},
                                      {"payment", "SIM-0"},
                                      {"amount", "1250.00"},
                                      {"invoices", {"INV-1"}}},
                                 json{{"at", "2026-03-20T09:00:00.000+01:00"},
                                      {"type", "step_skipped"},
                                      {"customer", "C1"},
                                      {"invoice", "INV-1"},
                                      {"step", "reminder-2"},
                                      {"reason", "paid"}}));
}

TEST_F(SimulatorTest, APartPaymentKeepsTheRemindersGoing) {
  json document = BaseScenario(20);
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-10", "1250.00"));
  document["events"].push_back({{"on", "2026-03-16T11:15"},
                                {"type", "payment"},
                                {"id", "BANK-1"},
                                {"customer", "C1"},
                                {"amount", "500.00"},
                                {"invoice", "INV-1"}});
  const auto lines = Run(document);
  ASSERT_EQ(lines.size(), 4U) << json(lines).dump();
  EXPECT_EQ(lines[2], (json{{"at", "2026-03-16T11:15:00.000+01:00"},
                            {"type", "payment_posted"},
                            {"customer", "C1"},
                            {"payment", "BANK-1"},
                            {"amount", "500.00"},
                            {"invoices", {"INV-1"}}}));
  EXPECT_EQ(lines[3].at("type"), "message");
  EXPECT_EQ(lines[3].at("template"), "reminder-second");
  EXPECT_EQ(lines[3].at("at"), "2026-03-20T09:00:00.000+01:00");
}

// One opening payment of the whole amount, allocated to `invoice`, received before the start.
Payment OpeningPayment(const std::string& id, const std::string& invoice, const char* amount) {
  Payment payment;
  payment.id = id;
  payment.customer = "C1";
  payment.amount = *Money::Parse(amount);
  payment.received = *ParseCalendarDate("2026-02-28");
  payment.allocations.push_back({invoice, payment.amount});
  return payment;
}

TEST_F(SimulatorTest, OpeningPaymentsSettleBeforeTheClockStartsAndMakeNoLines) {
  json document = BaseScenario(15);  // until 2026-03-17: the first reminder only
  document["invoices"].push_back(MakeInvoice("INV-PAID", "C1", "2026-03-10", "1250.00"));
  document["invoices"].push_back(MakeInvoice("INV-PART", "C1", "2026-03-10", "1250.00"));
  auto scenario = ParseScenario(document);
  ASSERT_TRUE(scenario.has_value()) << scenario.error().message;
  const std::vector<json> unpaid = Run(*scenario);

  scenario->opening_payments.push_back(OpeningPayment("OPEN-1", "INV-PAID", "1250.00"));
  scenario->opening_payments.push_back(OpeningPayment("OPEN-2", "INV-PART", "500.00"));
  const std::vector<json> lines = Run(*scenario);
  EXPECT_THAT(OfType(lines, "payment_posted"), IsEmpty());
  // Without the opening payments both invoices are reminded in one message; with them only the
  // part-paid one is, at the same moment.
  const auto before = OfType(unpaid, "message");
  ASSERT_EQ(before.size(), 1U) << json(unpaid).dump();
  EXPECT_THAT(before[0].at("invoices"), UnorderedElementsAre("INV-PAID", "INV-PART"));
  const auto messages = OfType(lines, "message");
  ASSERT_EQ(messages.size(), 1U) << json(lines).dump();
  EXPECT_EQ(messages[0].at("invoices"), json({"INV-PART"}));
  EXPECT_EQ(messages[0].at("at"), before[0].at("at"));
  for (const json& line : lines) {
    EXPECT_EQ(line.dump().find("INV-PAID"), std::string::npos) << line.dump();
  }
}

TEST_F(SimulatorTest, AnOpeningPaymentTheStoreRefusesIsNamedByPointer) {
  json document = BaseScenario(20);
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-10", "1250.00"));
  auto scenario = ParseScenario(document);
  ASSERT_TRUE(scenario.has_value()) << scenario.error().message;
  scenario->opening_payments.push_back(OpeningPayment("OPEN-1", "INV-404", "100.00"));
  const Status simulated = Simulate(*scenario, {dir_.path()}, [](const json&) {});
  ASSERT_FALSE(simulated.ok());
  std::string named = simulated.error().message;
  for (const FieldError& field : simulated.error().fields) named += " " + field.field;
  EXPECT_NE(named.find("/opening_payments/0"), std::string::npos) << named;
}

TEST_F(SimulatorTest, ALargeInvoiceGetsItsCourtesyCallAndASmallOneDoesNot) {
  json document = BaseScenario(5);
  document["customers"].push_back(MakeCustomer("C2"));
  document["invoices"].push_back(MakeInvoice("INV-BIG", "C1", "2026-03-10", "6000.00"));
  document["invoices"].push_back(MakeInvoice("INV-SMALL", "C2", "2026-03-10", "4999.99"));
  const auto lines = Run(document);
  EXPECT_THAT(lines, UnorderedElementsAre(json{{"at", "2026-03-05T09:00:00.000+01:00"},
                                               {"type", "call_task"},
                                               {"customer", "C1"},
                                               {"invoices", {"INV-BIG"}},
                                               {"script", "courtesy"}},
                                          json{{"at", "2026-03-05T09:00:00.000+01:00"},
                                               {"type", "step_skipped"},
                                               {"customer", "C2"},
                                               {"invoice", "INV-SMALL"},
                                               {"step", "courtesy-call"},
                                               {"reason", "condition"}}));
}

TEST_F(SimulatorTest, TwoInvoicesDueTheSameDayGiveOneMessage) {
  json document = BaseScenario(14);
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-10", "100.00"));
  document["invoices"].push_back(MakeInvoice("INV-2", "C1", "2026-03-10", "200.00"));
  const auto lines = Run(document);
  const auto messages = OfType(lines, "message");
  ASSERT_EQ(messages.size(), 1U) << json(lines).dump();
  EXPECT_EQ(messages[0].at("at"), "2026-03-13T09:00:00.000+01:00");
  EXPECT_EQ(messages[0].at("customer"), "C1");
  EXPECT_EQ(messages[0].at("channel"), "email");
  EXPECT_EQ(messages[0].at("template"), "reminder-friendly");
  EXPECT_THAT(messages[0].at("invoices").get<std::vector<std::string>>(),
              UnorderedElementsAre("INV-1", "INV-2"));
  EXPECT_EQ(OfType(lines, "step_skipped").size(), 2U);  // both courtesy calls: condition
  EXPECT_EQ(lines.size(), 3U);
}

TEST_F(SimulatorTest, AnSmsReminderDueOnASundayGoesOutMondayAtEight) {
  json document = BaseScenario(20);
  document["workflows"][0]["steps"] = json::array(
      {{{"id", "reminder-sms"},
        {"at", "due+3d"},
        {"action", {{"type", "message"}, {"channel", "sms"}, {"template", "reminder-friendly"}}}}});
  // Due Thursday 2026-03-12: due+3d is Sunday 2026-03-15 09:00.
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-12", "300.00"));
  const auto lines = Run(document);
  EXPECT_THAT(lines, ElementsAre(json{{"at", "2026-03-16T08:00:00.000+01:00"},
                                      {"type", "message"},
                                      {"customer", "C1"},
                                      {"invoices", {"INV-1"}},
                                      {"channel", "sms"},
                                      {"template", "reminder-friendly"}}));
}

TEST_F(SimulatorTest, AStopReplyOptsOutOfTheChannel) {
  json document = BaseScenario(20);
  document["workflows"][0]["steps"] = json::array({{{"id", "reminder-sms"},
                                                    {"at", "due+3d"},
                                                    {"action",
                                                     {{"type", "message"},
                                                      {"channel", {"sms", "email"}},
                                                      {"template", "reminder-friendly"}}}}});
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-10", "300.00"));
  document["events"].push_back({{"on", "2026-03-11T10:30"},
                                {"type", "reply"},
                                {"customer", "C1"},
                                {"channel", "sms"},
                                {"text", "Stop."}});
  document["events"].push_back({{"on", "2026-03-12T10:30"},
                                {"type", "reply"},
                                {"customer", "C1"},
                                {"channel", "email"},
                                {"text", "please stop calling"}});
  const auto lines = Run(document);
  EXPECT_THAT(lines, ElementsAre(json{{"at", "2026-03-11T10:30:00.000+01:00"},
                                      {"type", "opt_out"},
                                      {"customer", "C1"},
                                      {"channel", "sms"}},
                                 json{{"at", "2026-03-13T09:00:00.000+01:00"},
                                      {"type", "message"},
                                      {"customer", "C1"},
                                      {"invoices", {"INV-1"}},
                                      {"channel", "email"},
                                      {"template", "reminder-friendly"}}));
}

TEST_F(SimulatorTest, AFullWorkflowReachesTheColleagueAndTheAgency) {
  json document = BaseScenario(60);
  document["customers"][0]["address"] = {{"street", "Dorpsstraat 1"},
                                         {"postal_code", "1234 AB"},
                                         {"city", "Utrecht"},
                                         {"country", "NL"}};
  document["invoices"].push_back(MakeInvoice("INV-1", "C1", "2026-03-10", "8000.00"));
  const auto lines = Run(document);
  std::vector<std::string> types;
  for (const json& line : lines) types.push_back(line.at("type"));
  EXPECT_THAT(types, ElementsAre("call_task", "message", "message", "call_task", "message",
                                 "colleague_notified", "handover"));
  ASSERT_EQ(lines.size(), 7U);
  // reminder-2 takes the first reachable channel of [whatsapp, sms, email] on Friday 09:00.
  EXPECT_EQ(lines[2].at("channel"), "whatsapp");
  EXPECT_EQ(lines[2].at("at"), "2026-03-20T09:00:00.000+01:00");
  EXPECT_EQ(lines[4].at("channel"), "letter");
  EXPECT_EQ(lines[5].at("colleague"), "anna");
  EXPECT_EQ(lines[5].at("channel"), "email");
  // due+45d: 2026-04-24, in summer time.
  EXPECT_EQ(lines[6], (json{{"at", "2026-04-24T09:00:00.000+02:00"},
                            {"type", "handover"},
                            {"customer", "C1"},
                            {"invoice", "INV-1"},
                            {"agency", "default"}}));
}

TEST_F(SimulatorTest, AnEmptyScenarioPrintsNothing) {
  EXPECT_THAT(Run(BaseScenario(10)), IsEmpty());
}

}  // namespace
}  // namespace duly::daemon
