#include "workflows/invoice.h"

#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

Invoice ValidInvoice() {
  Invoice invoice;
  invoice.id = "INV-2026-0007";
  invoice.customer = "C-1001";
  invoice.kind = InvoiceKind::kInvoice;
  invoice.issued = Day("2026-02-08");
  invoice.due = Day("2026-03-10");
  invoice.amount = Money::FromCents(121000);
  invoice.open_amount = Money::FromCents(121000);
  invoice.currency = "EUR";
  invoice.po_number = "PO-88";
  invoice.reference = "+++123/4567/89002+++";
  invoice.document = InvoiceDocument{"INV-2026-0007.pdf", "application/pdf", "%PDF-1.7"};
  return invoice;
}

std::string OnlyError(const Invoice& invoice, const std::string& field) {
  const auto errors = Validate(invoice);
  EXPECT_EQ(errors.size(), 1U) << field;
  if (errors.empty()) return {};
  EXPECT_EQ(errors[0].field, field);
  EXPECT_FALSE(errors[0].message.empty());
  return errors[0].message;
}

TEST(InvoiceTest, AcceptsValidInvoice) { EXPECT_TRUE(Validate(ValidInvoice()).empty()); }

TEST(InvoiceTest, ChecksIdAndCustomer) {
  Invoice invoice = ValidInvoice();
  invoice.id = "";
  OnlyError(invoice, "/id");
  invoice = ValidInvoice();
  invoice.customer = std::string(65, 'c');
  OnlyError(invoice, "/customer");
}

TEST(InvoiceTest, DueIsOnOrAfterIssue) {
  Invoice invoice = ValidInvoice();
  invoice.due = Day("2026-02-07");
  EXPECT_EQ(OnlyError(invoice, "/due"), "must be on or after the issue date 2026-02-08");
  invoice.due = invoice.issued;
  EXPECT_TRUE(Validate(invoice).empty());
}

TEST(InvoiceTest, AmountIsPositive) {
  Invoice invoice = ValidInvoice();
  invoice.amount = Money::FromCents(0);
  invoice.open_amount = Money::FromCents(0);
  OnlyError(invoice, "/amount");
}

TEST(InvoiceTest, OpenAmountIsNotNegative) {
  Invoice invoice = ValidInvoice();
  invoice.open_amount = Money::FromCents(-1);
  OnlyError(invoice, "/open_amount");
  invoice.open_amount = Money::FromCents(0);
  EXPECT_TRUE(Validate(invoice).empty());
}

TEST(InvoiceTest, OpenAmountIsAtMostAmount) {
  Invoice invoice = ValidInvoice();
  invoice.open_amount = Money::FromCents(121001);
  EXPECT_EQ(OnlyError(invoice, "/open_amount"), "must not be more than the amount 1210.00");
}

TEST(InvoiceTest, ChecksCurrency) {
  Invoice invoice = ValidInvoice();
  invoice.currency = "Eur";
  OnlyError(invoice, "/currency");
}

TEST(InvoiceTest, ChecksPoNumberText) {
  Invoice invoice = ValidInvoice();
  invoice.po_number = std::string(65, '9');
  OnlyError(invoice, "/po_number");
}

TEST(InvoiceTest, ReferencePassesItsCheckDigits) {
  Invoice invoice = ValidInvoice();
  invoice.reference = "+++123/4567/89012+++";
  EXPECT_NE(OnlyError(invoice, "/reference").find("expected 02"), std::string::npos);
  for (const char* good : {"5000 0567 8901 2345", "RF18 5390 0754 7034", ""}) {
    invoice.reference = good;
    EXPECT_TRUE(Validate(invoice).empty()) << good;
  }
}

TEST(InvoiceTest, OnlyCreditNoteNamesCreditedInvoice) {
  Invoice invoice = ValidInvoice();
  invoice.credits_invoice = "INV-2026-0001";
  OnlyError(invoice, "/credits_invoice");
  invoice.kind = InvoiceKind::kCreditNote;
  EXPECT_TRUE(Validate(invoice).empty());
  invoice.credits_invoice = invoice.id;
  OnlyError(invoice, "/credits_invoice");
}

TEST(InvoiceTest, ChecksDocument) {
  Invoice invoice = ValidInvoice();
  invoice.document->filename = "../etc/passwd";
  OnlyError(invoice, "/document/filename");
  invoice = ValidInvoice();
  invoice.document->media_type = "pdf";
  OnlyError(invoice, "/document/media_type");
  invoice = ValidInvoice();
  invoice.document->content.clear();
  OnlyError(invoice, "/document/content");
}

TEST(InvoiceTest, NamesKindsAndStatuses) {
  for (auto kind : {InvoiceKind::kInvoice, InvoiceKind::kCreditNote}) {
    EXPECT_EQ(ParseInvoiceKind(InvoiceKindName(kind)), kind);
  }
  for (auto status : {InvoiceStatus::kOpen, InvoiceStatus::kPaid, InvoiceStatus::kCredited,
                      InvoiceStatus::kWrittenOff}) {
    EXPECT_EQ(ParseInvoiceStatus(InvoiceStatusName(status)), status);
  }
  EXPECT_STREQ(InvoiceStatusName(InvoiceStatus::kWrittenOff), "written_off");
  EXPECT_FALSE(ParseInvoiceKind("creditnote").has_value());
  EXPECT_FALSE(ParseInvoiceStatus("closed").has_value());
}

}  // namespace
}  // namespace duly
