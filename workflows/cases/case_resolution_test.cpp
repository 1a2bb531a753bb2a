#include "workflows/cases/case_resolution.h"

#include <gtest/gtest.h>

#include "workflows/cases/case_record.h"

namespace duly {
namespace {

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> fields;
  for (const FieldError& error : errors) fields.push_back(error.field);
  return fields;
}

using Strings = std::vector<std::string>;

TEST(CaseResolution, KindsRoundTrip) {
  for (const char* name : {"credit_note", "corrected_invoice", "explained", "other"}) {
    EXPECT_STREQ(ResolutionKindName(*ParseResolutionKind(name)), name);
  }
  EXPECT_EQ(ParseResolutionKind("refund"), std::nullopt);
}

TEST(CaseResolution, CorrectedInvoiceNeedsAChangeAndAnInvoice) {
  CaseResolution corrected;
  corrected.kind = ResolutionKind::kCorrectedInvoice;
  EXPECT_EQ(Fields(Validate(corrected, {"I1"})), Strings{"/new_amount"});
  corrected.new_due = ParseCalendarDate("2026-04-01").value();
  EXPECT_TRUE(Validate(corrected, {"I1"}).empty());
  EXPECT_EQ(CorrectedInvoice(corrected, {"I1"}), "I1");
  EXPECT_EQ(Fields(Validate(corrected, {"I1", "I2"})), Strings{"/invoice"});
  corrected.invoice = "I9";
  EXPECT_EQ(Fields(Validate(corrected, {"I1", "I2"})), Strings{"/invoice"});
  corrected.invoice = "I2";
  corrected.new_amount = Money::FromCents(0);
  EXPECT_EQ(Fields(Validate(corrected, {"I1", "I2"})), Strings{"/new_amount"});
}

TEST(CaseResolution, ExplainedNeedsTheExplanationAndOthersRefuseIt) {
  CaseResolution explained;
  explained.kind = ResolutionKind::kExplained;
  EXPECT_EQ(Fields(Validate(explained, {"I1"})), Strings{"/explanation"});
  explained.explanation = "The price follows the signed quote of 3 February.";
  EXPECT_TRUE(Validate(explained, {"I1"}).empty());
  CaseResolution credit;
  credit.kind = ResolutionKind::kCreditNote;
  credit.explanation = "x";
  credit.new_amount = Money::FromCents(5);
  EXPECT_EQ(Fields(Validate(credit, {"I1"})), (Strings{"/new_amount", "/explanation"}));
}

TEST(NewCase, ValidateNamesEachBadField) {
  NewCase opened;
  opened.invoices = {"I1", "", "I1"};
  opened.category = "bad_mood";
  opened.source = "fax";
  EXPECT_EQ(Fields(Validate(opened)), (Strings{"/customer", "/invoices/1", "/invoices/2",
                                               "/category", "/description", "/source"}));
  opened = NewCase{"C1", {"I1"}, "wrong_price", "Price should be 10.00", "call", ""};
  EXPECT_TRUE(Validate(opened).empty());
}

}  // namespace
}  // namespace duly
