#include "daemon/csv/invoice_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows/payment_reference.h"

namespace duly::daemon {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

std::vector<Invoice> SampleInvoices() {
  Invoice invoice;
  invoice.id = "INV-2026-0001";
  invoice.customer = "C-1001";
  invoice.issued = Day("2026-03-01");
  invoice.due = Day("2026-03-31");
  invoice.amount = Money::FromCents(123456);
  invoice.open_amount = invoice.amount;
  invoice.po_number = "PO, 77";
  invoice.reference = MakeOgm(2026000001);
  Invoice credit = invoice;
  credit.id = "CN-2026-0001";
  credit.kind = InvoiceKind::kCreditNote;
  credit.amount = Money::FromCents(1000);
  credit.open_amount = credit.amount;
  credit.reference.clear();
  credit.po_number.clear();
  credit.credits_invoice = "INV-2026-0001";
  return {invoice, credit};
}

TEST(InvoiceCsvTest, ExportThenImportRoundTrips) {
  const std::vector<Invoice> invoices = SampleInvoices();
  auto decoded = ParseInvoiceCsv(EncodeInvoiceCsv(invoices));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, invoices);
}

TEST(InvoiceCsvTest, BadAmountIsReportedOnceByRowAndColumn) {
  auto decoded = ParseInvoiceCsv(
      "id,customer,issued,due,amount\n"
      "I1,C1,2026-03-01,2026-03-31,10.00\n"
      "I2,C1,2026-03-01,2026-03-31,12.345\n"
      "I3,C1,2026-03-01,2026-03-31,abc\n");
  ASSERT_FALSE(decoded);
  ASSERT_EQ(decoded.error().fields.size(), 2u);
  EXPECT_EQ(decoded.error().fields[0].field, "row 3, column amount");
  EXPECT_EQ(decoded.error().fields[1].field, "row 4, column amount");
}

TEST(InvoiceCsvTest, DatesKindReferenceAndDueBeforeIssue) {
  auto decoded = ParseInvoiceCsv(
      "id,customer,kind,issued,due,amount,reference\n"
      "I1,C1,bill,2026-02-30,2026-03-31,10.00,\n"
      "I2,C1,invoice,2026-03-10,2026-03-01,10.00,+++123/4567/89000+++\n");
  ASSERT_FALSE(decoded);
  std::vector<std::string> places;
  for (const FieldError& error : decoded.error().fields) places.push_back(error.field);
  EXPECT_THAT(places, ElementsAre("row 2, column kind", "row 2, column issued", "row 3, column due",
                                  "row 3, column reference"));
}

TEST(InvoiceCsvTest, NegativeAmountNamesTheAmountColumn) {
  auto decoded = ParseInvoiceCsv("id,customer,issued,due,amount\nI1,C1,2026-03-01,2026-03-31,-5\n");
  ASSERT_FALSE(decoded);
  ASSERT_FALSE(decoded.error().fields.empty());
  EXPECT_EQ(decoded.error().fields[0].field, "row 2, column amount");
  EXPECT_THAT(decoded.error().fields[0].message, HasSubstr("more than 0"));
}

TEST(InvoiceCsvTest, MissingRequiredColumnsAreNamed) {
  auto decoded = ParseInvoiceCsv("id,customer,amount\nI1,C1,1.00\n");
  ASSERT_FALSE(decoded);
  EXPECT_THAT(decoded.error().fields,
              ElementsAre(FieldError{"row 1, column issued", "is a required column and is missing"},
                          FieldError{"row 1, column due", "is a required column and is missing"}));
}

}  // namespace
}  // namespace duly::daemon
