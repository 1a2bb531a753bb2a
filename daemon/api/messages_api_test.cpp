// GET /v1/customers/{id}/messages: the customer's outbox rows and what became of them.
#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

OutboxRecord Row(const std::string& customer, const std::string& channel,
                 const std::string& state) {
  OutboxRecord record;
  record.message.recipient = customer;
  record.message.customer = customer;
  record.message.channel = channel;
  record.message.template_id = "reminder-friendly";
  record.message.language = "nl";
  record.message.items = {{"INV-1", "reminder-1", "reminder-friendly"},
                          {"INV-2", "reminder-1", "reminder-friendly"}};
  record.message.local_day = *ParseCalendarDate("2026-03-10");
  record.message.due_at = FromEpochMillis(1773129600000);
  record.state = state;
  return record;
}

TEST_F(ApiTest, MessagesListTheCustomersOutboxNewestFirst) {
  SeedCustomerAndInvoice();
  OutboxRecord failed = Row("C1", "sms", "failed");
  failed.message.attempt = 1;
  failed.last_error = "Twilio 21211: invalid 'To' phone number";
  const std::int64_t first = outbox_->Seed(failed);
  OutboxRecord sent = Row("C1", "email", "sent");
  sent.message.provider_id = "<1@duly.example.com>";
  sent.delivery = MessageDelivery::kDelivered;
  sent.sent_at = FromEpochMillis(1773133200000);
  const std::int64_t second = outbox_->Seed(sent);
  outbox_->Seed(Row("C2", "letter", "pending"));

  HttpResponse response = Call("GET", "/v1/customers/C1/messages", tokens_.at(Role::kColleague));
  ASSERT_EQ(response.status, 200) << response.body;
  const nlohmann::json items = Json(response)["items"];
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0]["id"], second);
  EXPECT_EQ(items[0]["channel"], "email");
  EXPECT_EQ(items[0]["state"], "sent");
  EXPECT_EQ(items[0]["delivery"], "delivered");
  EXPECT_EQ(items[0]["sent_at"], "2026-03-10T09:00:00.000Z");
  EXPECT_EQ(items[0]["provider_id"], "<1@duly.example.com>");
  EXPECT_EQ(items[0]["template"], "reminder-friendly");
  EXPECT_EQ(items[0]["invoices"], nlohmann::json::array({"INV-1", "INV-2"}));
  EXPECT_EQ(items[0]["items"][1]["step"], "reminder-1");
  EXPECT_EQ(items[1]["id"], first);
  EXPECT_EQ(items[1]["state"], "failed");
  EXPECT_FALSE(items[1].contains("delivery"));
  EXPECT_FALSE(items[1].contains("sent_at"));
  EXPECT_EQ(items[1]["attempt"], 1);
  EXPECT_EQ(items[1]["last_error"], "Twilio 21211: invalid 'To' phone number");
  EXPECT_EQ(items[1]["local_day"], "2026-03-10");
  EXPECT_EQ(items[1]["recipient_kind"], "customer");

  EXPECT_EQ(Json(Admin("GET", "/v1/customers/C1/messages?limit=1"))["items"].size(), 1U);
  EXPECT_EQ(Admin("GET", "/v1/customers/C1/messages?limit=0").status, 400);
  EXPECT_EQ(Admin("GET", "/v1/customers/C1/messages?after=3").status, 400);
  EXPECT_EQ(Admin("GET", "/v1/customers/NOPE/messages").status, 404);
  EXPECT_EQ(Call("GET", "/v1/customers/C1/messages", tokens_.at(Role::kIntegration)).status, 403);
}

}  // namespace
}  // namespace duly::daemon
