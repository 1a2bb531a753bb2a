#include "daemon/csv/payment_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(PaymentCsvTest, ExportThenImportRoundTripsWithAllocationsAndLineBreaks) {
  Payment payment;
  payment.id = "BANK-2026-03-14-001";
  payment.customer = "C-1001";
  payment.amount = Money::FromCents(15000);
  payment.received = *ParseCalendarDate("2026-03-14");
  payment.method = "bank_transfer";
  payment.reference = "+++090/9337/55493+++";
  payment.counterparty_name = "Bakkerij \"De Korenschoof\"";
  payment.counterparty_iban = "NL91ABNA0417164300";
  payment.remittance = "INV-1, INV-2\nthanks";
  payment.allocations = {{"INV-1", Money::FromCents(10000)}, {"INV-2", Money::FromCents(5000)}};
  Payment plain;
  plain.id = "P2";
  plain.customer = "C-1002";
  plain.amount = Money::FromCents(1);
  plain.received = *ParseCalendarDate("2026-01-01");
  const std::vector<Payment> payments = {payment, plain};
  const std::string text = EncodePaymentCsv(payments);
  EXPECT_THAT(text, HasSubstr("INV-1=100.00|INV-2=50.00"));
  auto decoded = ParsePaymentCsv(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, payments);
}

TEST(PaymentCsvTest, BadAllocationsAreNamedByItem) {
  auto decoded = ParsePaymentCsv(
      "id,customer,amount,received,allocations\n"
      "P1,C1,100.00,2026-03-01,INV-1=50.00|INV-2\n"
      "P2,C1,100.00,2026-03-01,INV-1=5x\n");
  ASSERT_FALSE(decoded);
  ASSERT_EQ(decoded.error().fields.size(), 2u);
  EXPECT_EQ(decoded.error().fields[0].field, "row 2, column allocations");
  EXPECT_THAT(decoded.error().fields[0].message, HasSubstr("item 2 (INV-2)"));
  EXPECT_EQ(decoded.error().fields[1].field, "row 3, column allocations");
}

TEST(PaymentCsvTest, OverAllocationAndBadFieldsAreNamed) {
  auto decoded = ParsePaymentCsv(
      "id,customer,amount,received,method,counterparty_iban,allocations\n"
      "P1,C1,10.00,2026-13-01,cheque,NL00BANK0000000000,INV-1=50.00\n");
  ASSERT_FALSE(decoded);
  std::vector<std::string> places;
  for (const FieldError& error : decoded.error().fields) places.push_back(error.field);
  EXPECT_THAT(places, ::testing::IsSupersetOf({"row 2, column received", "row 2, column method",
                                               "row 2, column counterparty_iban",
                                               "row 2, column allocations"}));
}

TEST(PaymentCsvTest, UnknownColumnIsNamed) {
  auto decoded = ParsePaymentCsv("id,customer,amount,received,colour\nP1,C1,1.00,2026-01-01,red\n");
  ASSERT_FALSE(decoded);
  ASSERT_EQ(decoded.error().fields.size(), 1u);
  EXPECT_EQ(decoded.error().fields[0].field, "row 1, column colour");
  EXPECT_THAT(decoded.error().fields[0].message, HasSubstr("not a known column"));
}

}  // namespace
}  // namespace duly::daemon
