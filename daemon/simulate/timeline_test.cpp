// Timeline: engine events, outbox messages, payments and opt-outs become timeline lines, sorted
// by instant and valid against schemas/timeline.schema.json.
#include "daemon/simulate/timeline.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows/schema_validator.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

constexpr const char* kZone = "Europe/Amsterdam";
const Instant kNine = FromEpochMillis(1773129600000);  // 2026-03-10T09:00:00+01:00

Workflow MakeWorkflow() {
  auto workflow = ParseWorkflowText(R"({"id": "w", "name": "W", "segment": "s", "steps": [
    {"id": "call", "at": "due-5d", "action": {"type": "call_task", "script": "courtesy"}},
    {"id": "agency", "at": "due+45d", "action": {"type": "handover", "agency": "incasso-noord"}}
  ]})");
  EXPECT_TRUE(workflow.has_value()) << workflow.error().message;
  return *workflow;
}

Event MakeEvent(std::int64_t seq, Instant at, const std::string& type, const json& payload) {
  Event event;
  event.seq = seq;
  event.at = at;
  event.type = type;
  event.invoice = payload.value("invoice", "");
  event.payload = payload.dump();
  return event;
}

class TimelineTest : public ::testing::Test {
 protected:
  std::vector<json> Flush() {
    std::vector<json> lines;
    timeline_.Flush([&](const json& line) {
      const Status valid = schema_->Validate(line);
      EXPECT_TRUE(valid.ok()) << line.dump() << ": " << valid.error().message;
      lines.push_back(line);
    });
    return lines;
  }

  void SetUp() override {
    auto schema = SchemaValidator::Load("timeline.schema.json");
    ASSERT_TRUE(schema.has_value()) << schema.error().message;
    schema_.emplace(*schema);
  }

  std::optional<SchemaValidator> schema_;
  Timeline timeline_{kZone, {MakeWorkflow()}, {{"A", "C1"}, {"B", "C1"}, {"X", "C2"}}};
};

TEST_F(TimelineTest, CallTasksOfOneCustomerAtOneInstantAreOneLine) {
  const json ran_a = {
      {"invoice", "A"}, {"workflow", "w"}, {"step", "call"}, {"action", "call_task"}};
  json ran_b = ran_a;
  ran_b["invoice"] = "B";
  json ran_x = ran_a;
  ran_x["invoice"] = "X";
  timeline_.AddEngineEvents({MakeEvent(1, kNine, "step.ran", ran_a),
                             MakeEvent(2, kNine, "instance.ended", {{"invoice", "A"}}),
                             MakeEvent(3, kNine, "step.ran", ran_x),
                             MakeEvent(4, kNine, "step.ran", ran_b)});
  EXPECT_THAT(Flush(), ElementsAre(json{{"at", "2026-03-10T09:00:00.000+01:00"},
                                        {"type", "call_task"},
                                        {"customer", "C1"},
                                        {"invoices", {"A", "B"}},
                                        {"script", "courtesy"}},
                                   json{{"at", "2026-03-10T09:00:00.000+01:00"},
                                        {"type", "call_task"},
                                        {"customer", "C2"},
                                        {"invoices", {"X"}},
                                        {"script", "courtesy"}}));
  EXPECT_TRUE(Flush().empty());  // flushed lines are forgotten
}

TEST_F(TimelineTest, SkipsAndHandoversNameTheirStep) {
  const Instant later = kNine + std::chrono::hours(24 * 40);  // summer time
  timeline_.AddEngineEvents(
      {MakeEvent(1, later, "step.ran",
                 {{"invoice", "A"}, {"workflow", "w"}, {"step", "agency"}, {"action", "handover"}}),
       MakeEvent(2, kNine, "step.skipped",
                 {{"invoice", "X"}, {"step", "call"}, {"reason", "condition"}})});
  EXPECT_THAT(Flush(), ElementsAre(json{{"at", "2026-03-10T09:00:00.000+01:00"},
                                        {"type", "step_skipped"},
                                        {"customer", "C2"},
                                        {"invoice", "X"},
                                        {"step", "call"},
                                        {"reason", "condition"}},
                                   json{{"at", "2026-04-19T10:00:00.000+02:00"},
                                        {"type", "handover"},
                                        {"customer", "C1"},
                                        {"invoice", "A"},
                                        {"agency", "incasso-noord"}}));
}

TEST_F(TimelineTest, MessagesPaymentsAndOptOuts) {
  OutboxMessage customer;
  customer.recipient = "C1";
  customer.customer = "C1";
  customer.channel = "email";
  customer.template_id = "reminder-friendly";
  customer.items = {{"A", "r1", "reminder-friendly"}, {"B", "r1", "reminder-friendly"}};
  OutboxMessage colleague;
  colleague.recipient_kind = RecipientKind::kColleague;
  colleague.recipient = "anna";
  colleague.customer = "C1";
  colleague.channel = "sms";
  colleague.template_id = "customer-at-final-notice";
  colleague.reason = "step:tell-account-manager";
  colleague.items = {{"A", "tell", "customer-at-final-notice"}};
  Payment payment;
  payment.id = "P1";
  payment.customer = "C1";
  payment.amount = Money::FromCents(125000);
  payment.allocations = {{"A", Money::FromCents(125000)}};
  timeline_.AddOptOut("C1", "sms", kNine + std::chrono::minutes(1));
  timeline_.AddMessage(customer, kNine);
  timeline_.AddMessage(colleague, kNine);
  timeline_.AddPayment(payment, kNine - std::chrono::minutes(1));
  EXPECT_THAT(Flush(), ElementsAre(json{{"at", "2026-03-10T08:59:00.000+01:00"},
                                        {"type", "payment_posted"},
                                        {"customer", "C1"},
                                        {"payment", "P1"},
                                        {"amount", "1250.00"},
                                        {"invoices", {"A"}}},
                                   json{{"at", "2026-03-10T09:00:00.000+01:00"},
                                        {"type", "message"},
                                        {"customer", "C1"},
                                        {"invoices", {"A", "B"}},
                                        {"channel", "email"},
                                        {"template", "reminder-friendly"}},
                                   json{{"at", "2026-03-10T09:00:00.000+01:00"},
                                        {"type", "colleague_notified"},
                                        {"colleague", "anna"},
                                        {"customer", "C1"},
                                        {"invoices", {"A"}},
                                        {"channel", "sms"},
                                        {"template", "customer-at-final-notice"},
                                        {"reason", "step:tell-account-manager"},
                                        {"case", ""}},
                                   json{{"at", "2026-03-10T09:01:00.000+01:00"},
                                        {"type", "opt_out"},
                                        {"customer", "C1"},
                                        {"channel", "sms"}}));
}

TEST(ReadableTimelineLineTest, PutsAtAndTypeFirstAndKeepsTheRest) {
  const json line = {{"amount", "12.00"},
                     {"at", "2026-03-10T09:00:00.000+01:00"},
                     {"customer", "C1"},
                     {"invoices", {"INV-1"}},
                     {"type", "payment_posted"}};
  EXPECT_EQ(ReadableTimelineLine(line).dump(),
            R"({"at":"2026-03-10T09:00:00.000+01:00","type":"payment_posted","amount":"12.00",)"
            R"("customer":"C1","invoices":["INV-1"]})");
  EXPECT_EQ(ReadableTimelineLine(json::array()).dump(), "{}");
}

}  // namespace
}  // namespace duly::daemon
