// DecideTimer: channel choice, opt-outs and quiet hours for message and call-task steps.
#include <gtest/gtest.h>

#include "workflows/engine/channel_choice.h"
#include "workflows/engine/decide.h"
#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures

class DecideChannelTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Catalog> catalog_ = MakeCatalog({Stored(kB2bStandard, 1)});
  EngineOptions options_;

  TimerOutcome Decide(const TimerInput& input, Instant now) {
    return DecideTimer(input, Batch(now), *catalog_, options_);
  }
  // reminder-1 (channel "preferred") at its moment, Friday 2026-03-13 09:00.
  TimerOutcome Reminder1(Customer customer, std::set<std::string> opted_out = {}) {
    const Instant at = Local("2026-03-13", 9);
    TimerInput input = Input(TimerKind::kStep, "reminder-1", at, Running("reminder-1"), Inv1(),
                             std::move(customer));
    input.opted_out = std::move(opted_out);
    return Decide(input, at);
  }
  // reminder-2 (channels whatsapp, sms, email) at its moment, Friday 2026-03-20 09:00.
  TimerOutcome Reminder2(Customer customer) {
    const Instant at = Local("2026-03-20", 9);
    return Decide(Input(TimerKind::kStep, "reminder-2", at, Running("reminder-2"), Inv1(),
                        std::move(customer)),
                  at);
  }
  static std::string ChannelOf(const TimerOutcome& outcome) {
    return outcome.messages.size() == 1 ? outcome.messages[0].channel : "<none>";
  }
};

TEST_F(DecideChannelTest, PreferredChannelGetsTheMessageNow) {
  const TimerOutcome outcome = Reminder1(C1());
  ASSERT_EQ(outcome.messages.size(), 1u);
  EXPECT_EQ(outcome.messages[0], (MessageEffect{"C1",
                                                "email",
                                                "reminder-friendly",
                                                "nl",
                                                "INV-1",
                                                "reminder-1",
                                                *ParseCalendarDate("2026-03-13"),
                                                Local("2026-03-13", 9),
                                                {}}));
  const nlohmann::json ran = Payload(outcome, "step.ran");
  EXPECT_EQ(ran["channel"], "email");
  EXPECT_EQ(ran["template"], "reminder-friendly");
  EXPECT_EQ(ran["action"], "message");
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "reminder-2", Local("2026-03-20", 9)}));
}

TEST_F(DecideChannelTest, FallbacksAreTheStepsLaterReachableChannels) {
  const TimerOutcome outcome = Reminder2(C1());
  ASSERT_EQ(outcome.messages.size(), 1u);
  EXPECT_EQ(outcome.messages[0].channel, "whatsapp");
  EXPECT_EQ(outcome.messages[0].fallbacks, (std::vector<std::string>{"sms", "email"}));

  Customer no_email = C1();
  no_email.email.clear();
  const TimerOutcome without_email = Reminder2(no_email);
  ASSERT_EQ(without_email.messages.size(), 1u);
  EXPECT_EQ(without_email.messages[0].fallbacks, (std::vector<std::string>{"sms"}));
}

TEST(FallbackChannelsTest, SkipsOptedOutAndUnreachableChannelsAndCallTasks) {
  Customer customer = testdata::C1();
  customer.whatsapp = false;
  EXPECT_EQ(FallbackChannels({"email", "whatsapp", "sms", "call_task", "letter"}, "email", customer,
                             {"sms"}),
            (std::vector<std::string>{"letter"}));
  EXPECT_TRUE(FallbackChannels({"email", "sms"}, "sms", customer, {}).empty());
}

TEST_F(DecideChannelTest, WithoutPreferencesTheDefaultOrderApplies) {
  Customer customer = C1();
  customer.preferred_channels.clear();
  EXPECT_EQ(ChannelOf(Reminder1(customer)), "email");
  EXPECT_EQ(ChannelOf(Reminder1(customer, {"email"})), "whatsapp");
  EXPECT_EQ(ChannelOf(Reminder1(customer, {"email", "whatsapp"})), "sms");
  EXPECT_EQ(ChannelOf(Reminder1(customer, {"email", "whatsapp", "sms"})), "letter");
}

TEST_F(DecideChannelTest, OptedOutPreferredChannelLeavesNoChannel) {
  const TimerOutcome outcome = Reminder1(C1(), {"email"});  // C1 prefers only e-mail
  EXPECT_TRUE(outcome.messages.empty());
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"reminder-1=skipped:no_channel"});
  EXPECT_EQ(Payload(outcome, "step.skipped")["reason"], "no_channel");
  EXPECT_EQ(outcome.next->step, "reminder-2");
}

TEST_F(DecideChannelTest, ListFallsBackToTheFirstReachableChannel) {
  Customer customer = C1();
  EXPECT_EQ(ChannelOf(Reminder2(customer)), "whatsapp");
  customer.whatsapp = false;
  EXPECT_EQ(ChannelOf(Reminder2(customer)), "sms");
  customer.phone.clear();
  EXPECT_EQ(ChannelOf(Reminder2(customer)), "email");
  customer.email.clear();
  customer.contacts = {Contact{"Piet", "accounts payable", "piet@jansen.example", ""}};
  EXPECT_EQ(ChannelOf(Reminder2(customer)), "email");  // a contact's address will do
  customer.contacts.clear();
  const TimerOutcome none = Reminder2(customer);
  EXPECT_EQ(RunOutcomes(none), std::vector<std::string>{"reminder-2=skipped:no_channel"});
}

TEST_F(DecideChannelTest, SmsDueOnASundayMovesToMonday0800) {
  // Due Thursday 2026-03-12: reminder-1 (due+3d) falls on Sunday 03-15 09:00.
  Customer customer = C1();
  customer.preferred_channels = {"sms"};
  const Instant sunday = Local("2026-03-15", 9);
  const Invoice invoice = Inv1("2026-03-12");
  const TimerOutcome outcome = Decide(
      Input(TimerKind::kStep, "reminder-1", sunday, Running("reminder-1"), invoice, customer),
      sunday);
  EXPECT_TRUE(outcome.messages.empty());
  EXPECT_TRUE(outcome.runs.empty());
  EXPECT_TRUE(outcome.events.empty());
  ASSERT_TRUE(outcome.next.has_value());
  EXPECT_EQ(Text(outcome.next->due_at), "2026-03-16T08:00:00.000+01:00");
  EXPECT_EQ(outcome.next->step, "reminder-1");
  EXPECT_EQ(outcome.instance->next_step, "reminder-1");

  // Monday 08:00 the moved timer fires and the SMS goes out.
  const Instant monday = outcome.next->due_at;
  const TimerOutcome sent = Decide(
      Input(TimerKind::kStep, "reminder-1", monday, outcome.instance, invoice, customer), monday);
  EXPECT_EQ(ChannelOf(sent), "sms");
  EXPECT_EQ(sent.messages.at(0).local_day, *ParseCalendarDate("2026-03-16"));
  EXPECT_EQ(RunOutcomes(sent), std::vector<std::string>{"reminder-1=ran"});
  EXPECT_EQ(sent.next->step, "reminder-2");
}

TEST_F(DecideChannelTest, SmsOrEmailOnASundaySendsEmailNow) {
  Customer customer = C1();
  customer.preferred_channels = {"sms", "email"};
  const Instant sunday = Local("2026-03-15", 9);
  const TimerOutcome outcome = Decide(Input(TimerKind::kStep, "reminder-1", sunday,
                                            Running("reminder-1"), Inv1("2026-03-12"), customer),
                                      sunday);
  EXPECT_EQ(ChannelOf(outcome), "email");
  EXPECT_EQ(outcome.messages.at(0).due_at, sunday);
}

TEST_F(DecideChannelTest, CallTaskOnASaturdayWaitsForMondayInSummerTime) {
  // Due 2026-03-11: follow-up-call (due+17d) falls on Saturday 03-28; Monday 03-30 is CEST.
  const Instant saturday = Local("2026-03-28", 9);
  const TimerOutcome outcome = Decide(Input(TimerKind::kStep, "follow-up-call", saturday,
                                            Running("follow-up-call"), Inv1("2026-03-11")),
                                      saturday);
  EXPECT_TRUE(outcome.call_tasks.empty());
  EXPECT_TRUE(outcome.events.empty());
  EXPECT_EQ(Text(outcome.next->due_at), "2026-03-30T08:00:00.000+02:00");
  EXPECT_EQ(outcome.next->step, "follow-up-call");
}

TEST_F(DecideChannelTest, LetterNeedsAnAddress) {
  Customer customer = C1();
  customer.address.street.clear();
  const Instant at = Local("2026-04-03", 9);
  const TimerOutcome outcome = Decide(
      Input(TimerKind::kStep, "final-notice", at, Running("final-notice"), Inv1(), customer), at);
  EXPECT_EQ(RunOutcomes(outcome), (std::vector<std::string>{"final-notice=skipped:no_channel",
                                                            "tell-account-manager=ran"}));
  EXPECT_TRUE(outcome.messages.empty());
  EXPECT_EQ(outcome.notifications.size(), 1u);
}

}  // namespace
}  // namespace duly
