#include "daemon/csv/customer_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Customer FullCustomer() {
  Customer customer;
  customer.id = "C-1001";
  customer.name = "Bakkerij \"De Korenschoof\", Utrecht";
  customer.kind = CustomerKind::kB2b;
  customer.language = "nl";
  customer.email = "boekhouding@korenschoof.nl";
  customer.phone = "+31302345678";
  customer.whatsapp = true;
  customer.preferred_channels = {"email", "whatsapp", "letter"};
  customer.account_manager = "sanne.visser";
  customer.tags = {"key-account", "horeca"};
  customer.address = {"Oudegracht 12, achterom", "3511 AB", "Utrecht", "NL"};
  customer.vat_number = "NL123456789B01";
  customer.iban = "NL91ABNA0417164300";
  customer.time_zone = "Europe/Amsterdam";
  customer.credit_limit = Money::FromCents(2500000);
  customer.currency = "EUR";
  customer.risk_rating = "medium";
  return customer;
}

TEST(CustomerCsvTest, ExportThenImportRoundTrips) {
  Customer consumer;
  consumer.id = "C-2002";
  consumer.name = "Élise Dubois";
  consumer.kind = CustomerKind::kB2c;
  consumer.language = "fr";
  const std::vector<Customer> customers = {FullCustomer(), consumer};
  auto decoded = ParseCustomerCsv(EncodeCustomerCsv(customers));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, customers);
}

TEST(CustomerCsvTest, OnlyRequiredColumnsUseDefaults) {
  auto decoded = ParseCustomerCsv("name,id\nJan Jansen,C1\n");
  ASSERT_TRUE(decoded) << decoded.error().message;
  ASSERT_EQ(decoded->size(), 1u);
  EXPECT_EQ((*decoded)[0].id, "C1");
  EXPECT_EQ((*decoded)[0].language, "nl");
  EXPECT_EQ((*decoded)[0].currency, "EUR");
  EXPECT_FALSE((*decoded)[0].credit_limit);
  EXPECT_EQ((*decoded)[0].risk_rating, "");
}

TEST(CustomerCsvTest, RiskRatingColumnIsReadWrittenAndChecked) {
  EXPECT_EQ(kCustomerCsvColumns.back(), "risk_rating");
  EXPECT_EQ(CustomerCsvFields(FullCustomer()).back(), "medium");
  auto decoded = ParseCustomerCsv("id,name,risk_rating\nC1,Jan,high\nC2,Piet,\n");
  ASSERT_TRUE(decoded) << decoded.error().message;
  ASSERT_EQ(decoded->size(), 2u);
  EXPECT_EQ((*decoded)[0].risk_rating, "high");
  EXPECT_EQ((*decoded)[1].risk_rating, "");
  auto wrong = ParseCustomerCsv("id,name,risk_rating\nC1,Jan,HIGH\n");
  ASSERT_FALSE(wrong);
  ASSERT_EQ(wrong.error().fields.size(), 1u);
  EXPECT_EQ(wrong.error().fields[0].field, "row 2, column risk_rating");
}

TEST(CustomerCsvTest, UnknownAndMissingColumnsAreNamed) {
  auto decoded = ParseCustomerCsv("id,nmae\nC1,Jan\n");
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().fields,
              ElementsAre(::testing::Field(&FieldError::field, "row 1, column nmae"),
                          FieldError{"row 1, column name", "is a required column and is missing"}));
}

TEST(CustomerCsvTest, EveryBadFieldIsNamedByRowAndColumn) {
  auto decoded = ParseCustomerCsv(
      "id,name,kind,email,whatsapp,preferred_channels,city,credit_limit,tags\n"
      "C1,Good,b2b,a@b.nl,false,email,Gent,10.00,\n"
      "C2,Bad,b2x,not-an-email,maybe,email|fax,\"Gent\x01\",1.234,vip|vip\n");
  ASSERT_FALSE(decoded);
  std::vector<std::string> places;
  for (const FieldError& error : decoded.error().fields) places.push_back(error.field);
  EXPECT_THAT(places, Contains("row 3, column kind"));
  EXPECT_THAT(places, Contains("row 3, column email"));
  EXPECT_THAT(places, Contains("row 3, column whatsapp"));
  EXPECT_THAT(places, Contains("row 3, column preferred_channels"));
  EXPECT_THAT(places, Contains("row 3, column city"));
  EXPECT_THAT(places, Contains("row 3, column credit_limit"));
  EXPECT_THAT(places, Contains("row 3, column tags"));
  for (const std::string& place : places) EXPECT_THAT(place, HasSubstr("row 3"));
  EXPECT_THAT(decoded.error().message, HasSubstr("nothing was imported"));
}

TEST(CustomerCsvTest, ListItemsAreNumberedInMessages) {
  auto decoded = ParseCustomerCsv("id,name,preferred_channels\nC1,Jan,email|fax\n");
  ASSERT_FALSE(decoded);
  ASSERT_EQ(decoded.error().fields.size(), 1u);
  EXPECT_EQ(decoded.error().fields[0].field, "row 2, column preferred_channels");
  EXPECT_THAT(decoded.error().fields[0].message, HasSubstr("item 2: "));
}

TEST(CustomerCsvTest, RepeatedIdIsAnError) {
  auto decoded = ParseCustomerCsv("id,name\nC1,Jan\nC1,Piet\n");
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().fields,
              ElementsAre(FieldError{"row 3, column id", "repeats the customer of row 2"}));
}

}  // namespace
}  // namespace duly::daemon
