#include "workflows/record_json.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

json InvoiceBody() {
  return {{"id", "INV-1"},
          {"customer", "C1"},
          {"kind", "invoice"},
          {"issued", "2026-03-01"},
          {"due", "2026-03-31"},
          {"amount", "1250.5"},
          {"currency", "EUR"},
          {"po_number", "PO-9"},
          {"reference", ""},
          {"document",
           {{"filename", "INV-1.pdf"},
            {"media_type", "application/pdf"},
            {"content_base64", "JVBERi0xLjQK"}}}};
}

TEST(RecordJsonTest, DecodesAnInvoice) {
  auto invoice = InvoiceFromJson(InvoiceBody(), "/invoices/0");
  ASSERT_TRUE(invoice.has_value()) << invoice.error().message;
  EXPECT_EQ(invoice->id, "INV-1");
  EXPECT_EQ(invoice->amount.cents(), 125050);
  EXPECT_EQ(invoice->open_amount.cents(), 125050);
  EXPECT_EQ(FormatCalendarDate(invoice->due), "2026-03-31");
  ASSERT_TRUE(invoice->document.has_value());
  EXPECT_EQ(invoice->document->content, "%PDF-1.4\n");
}

TEST(RecordJsonTest, InvoiceProblemsAreNamedUnderThePrefix) {
  json body = InvoiceBody();
  body["issued"] = "2026-02-30";
  body["amount"] = "-1.00";
  body["document"]["content_base64"] = "JVBER*0xLjQK";
  body.erase("customer");
  auto invoice = InvoiceFromJson(body, "/invoices/3");
  ASSERT_FALSE(invoice.has_value());
  EXPECT_EQ(invoice.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(invoice.error().fields,
              ElementsAre(Field(&FieldError::field, "/invoices/3/customer"),
                          Field(&FieldError::field, "/invoices/3/issued"),
                          Field(&FieldError::field, "/invoices/3/amount"),
                          Field(&FieldError::field, "/invoices/3/document/content_base64")));
  EXPECT_EQ(invoice.error().fields[2].message, "must not be negative");
  EXPECT_THAT(invoice.error().fields[3].message, HasSubstr("character 6"));
  EXPECT_THAT(invoice.error().message, HasSubstr("/invoices/3/customer is required"));
}

TEST(RecordJsonTest, ThreeDecimalsAndNumbersAreRejected) {
  json body = InvoiceBody();
  body["amount"] = "1.005";
  auto three = InvoiceFromJson(body, "");
  ASSERT_FALSE(three.has_value());
  EXPECT_EQ(three.error().fields.at(0).field, "/amount");
  body["amount"] = 12.5;
  auto number = InvoiceFromJson(body, "");
  ASSERT_FALSE(number.has_value());
  EXPECT_THAT(number.error().fields.at(0).message, HasSubstr("not a JSON number"));
}

TEST(RecordJsonTest, OutputOnlyFieldsAreIgnoredOnInput) {
  json body = InvoiceBody();
  body["open_amount"] = "1.00";
  body["status"] = "paid";
  auto invoice = InvoiceFromJson(body, "");
  ASSERT_TRUE(invoice.has_value());
  EXPECT_EQ(invoice->open_amount, invoice->amount);
  EXPECT_EQ(invoice->status, InvoiceStatus::kOpen);
}

TEST(RecordJsonTest, InvoiceToJsonUsesStringsForAmountsAndDates) {
  Invoice invoice = *InvoiceFromJson(InvoiceBody(), "");
  invoice.open_amount = Money::FromCents(5);
  json out = ToJson(invoice);
  EXPECT_EQ(out["amount"], "1250.50");
  EXPECT_EQ(out["open_amount"], "0.05");
  EXPECT_EQ(out["issued"], "2026-03-01");
  EXPECT_EQ(out["status"], "open");
  EXPECT_EQ(out["document"], (json{{"filename", "INV-1.pdf"}, {"media_type", "application/pdf"}}));
}

TEST(RecordJsonTest, CustomerRoundTrips) {
  json body = {
      {"id", "C1"},
      {"name", "Robert'); DROP TABLE customers;--"},
      {"kind", "b2c"},
      {"language", "fr"},
      {"email", "a@b.be"},
      {"phone", "+32470123456"},
      {"whatsapp", true},
      {"preferred_channels", {"whatsapp", "email"}},
      {"contacts", {{{"name", "Ann"}, {"role", "owner"}, {"email", ""}, {"phone", ""}}}},
      {"address",
       {{"street", "Rue 1"}, {"postal_code", "1000"}, {"city", "Brussel"}, {"country", "BE"}}},
      {"account_manager", "M1"},
      {"tags", {"vip"}},
      {"vat_number", ""},
      {"iban", ""},
      {"time_zone", "Europe/Brussels"},
      {"credit_limit", "500.00"},
      {"currency", "EUR"},
      {"risk_rating", "high"}};
  auto customer = CustomerFromJson(body, "/customers/0");
  ASSERT_TRUE(customer.has_value()) << customer.error().message;
  EXPECT_EQ(customer->kind, CustomerKind::kB2c);
  EXPECT_EQ(customer->risk_rating, "high");
  EXPECT_EQ(customer->name, "Robert'); DROP TABLE customers;--");
  EXPECT_EQ(ToJson(*customer), body);
}

TEST(RecordJsonTest, CustomerRiskRatingIsOptionalAndChecked) {
  auto unrated = CustomerFromJson(json{{"id", "C1"}, {"name", "X"}}, "/customers/0");
  ASSERT_TRUE(unrated.has_value()) << unrated.error().message;
  EXPECT_EQ(unrated->risk_rating, "");
  EXPECT_EQ(ToJson(*unrated).at("risk_rating"), "");
  // The codec checks shapes; the word itself is Validate()'s (the store's) to refuse.
  auto wrong = CustomerFromJson(json{{"id", "C1"}, {"name", "X"}, {"risk_rating", "severe"}},
                                "/customers/2");
  ASSERT_TRUE(wrong.has_value()) << wrong.error().message;
  EXPECT_THAT(Validate(*wrong), ElementsAre(Field(&FieldError::field, "/risk_rating")));
  auto not_text =
      CustomerFromJson(json{{"id", "C1"}, {"name", "X"}, {"risk_rating", 3}}, "/customers/3");
  ASSERT_FALSE(not_text.has_value());
  EXPECT_THAT(not_text.error().fields,
              ElementsAre(Field(&FieldError::field, "/customers/3/risk_rating")));
}

TEST(RecordJsonTest, CustomerWrongTypesAreNamed) {
  auto customer = CustomerFromJson(
      json{{"id", 7}, {"name", "X"}, {"tags", {"a", 2}}, {"whatsapp", "yes"}, {"kind", "b2x"}},
      "/customers/1");
  ASSERT_FALSE(customer.has_value());
  EXPECT_THAT(customer.error().fields,
              ElementsAre(Field(&FieldError::field, "/customers/1/id"),
                          Field(&FieldError::field, "/customers/1/kind"),
                          Field(&FieldError::field, "/customers/1/whatsapp"),
                          Field(&FieldError::field, "/customers/1/tags/1")));
}

TEST(RecordJsonTest, ColleagueRoundTrips) {
  json body = {{"id", "A1"},
               {"name", "Anna"},
               {"role", "collector"},
               {"department", "credit"},
               {"manager", "M1"},
               {"email", "anna@x.nl"},
               {"phone", ""},
               {"notify", "chat"},
               {"chat_webhook", "https://chat/x"},
               {"active", false}};
  auto colleague = ColleagueFromJson(body, "");
  ASSERT_TRUE(colleague.has_value());
  EXPECT_EQ(ToJson(*colleague), body);
}

TEST(RecordJsonTest, PaymentRoundTripsWithAllocations) {
  json body = {{"id", "P1"},
               {"customer", "C1"},
               {"amount", "100.00"},
               {"currency", "EUR"},
               {"received", "2026-04-02"},
               {"method", "bank_transfer"},
               {"reference", ""},
               {"counterparty_name", "X"},
               {"counterparty_iban", ""},
               {"remittance", "INV-1"},
               {"allocations", {{{"invoice", "INV-1"}, {"amount", "60.00"}}}}};
  auto payment = PaymentFromJson(body, "");
  ASSERT_TRUE(payment.has_value()) << payment.error().message;
  EXPECT_EQ(payment->allocations.at(0).amount.cents(), 6000);
  EXPECT_EQ(ToJson(*payment), body);
  body["allocations"][0]["amount"] = "1.999";
  auto bad = PaymentFromJson(body, "/payments/2");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields.at(0).field, "/payments/2/allocations/0/amount");
}

TEST(RecordJsonTest, EventAndSummaryAndVerdictToJson) {
  Event event;
  event.seq = 7;
  event.at = FromEpochMillis(1773129600000);
  event.type = "invoice.created";
  event.payload = R"({"amount":125000})";
  json out = ToJson(event);
  EXPECT_EQ(out["at"], "2026-03-10T08:00:00.000Z");
  EXPECT_EQ(out["payload"]["amount"], 125000);
  event.payload = "not json";
  EXPECT_EQ(ToJson(event)["payload"], "not json");

  UpsertSummary summary{2, 1, 3};
  EXPECT_EQ(ToJson(summary), (json{{"created", 2}, {"updated", 1}, {"unchanged", 3}}));
  EXPECT_EQ(*UpsertSummaryFromJson(ToJson(summary), ""), summary);

  HistoryVerdict intact{true, 5, "abc", 0, ""};
  EXPECT_FALSE(ToJson(intact).contains("problem"));
  HistoryVerdict broken{false, 5, "abc", 3, "hash mismatch"};
  EXPECT_EQ(ToJson(broken)["first_bad_seq"], 3);
}

TEST(RecordJsonTest, ParseJsonNamesMalformedInputAndInvalidUtf8) {
  auto malformed = ParseJson(R"({"customers": [)");
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(malformed.error().message, HasSubstr("not valid JSON"));
  EXPECT_THAT(malformed.error().message, HasSubstr("line 1"));

  auto invalid_utf8 = ParseJson("{\"name\": \"caf\xC3\x28\"}");
  ASSERT_FALSE(invalid_utf8.has_value());
  EXPECT_THAT(invalid_utf8.error().message, HasSubstr("UTF-8"));
  ASSERT_EQ(invalid_utf8.error().fields.size(), 1U);
  EXPECT_EQ(invalid_utf8.error().fields[0].field, "");

  EXPECT_TRUE(ParseJson(R"({"a": [1, "é"]})").has_value());
}

TEST(RecordJsonTest, DumpJsonReportsInvalidUtf8AsInternal) {
  auto dumped = DumpJson(json{{"name", "caf\xC3"}});
  ASSERT_FALSE(dumped.has_value());
  EXPECT_EQ(dumped.error().code, ErrorCode::kInternal);
  EXPECT_EQ(*DumpJson(json{{"a", 1}}), R"({"a":1})");
}

}  // namespace
}  // namespace duly
