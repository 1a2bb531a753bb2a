#include "daemon/cli/import_invoices_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

// A UBL document of `root` (Invoice or CreditNote) with id `id` for the buyer with endpoint
// 0208:0123456749; `body` goes before the LegalMonetaryTotal.
std::string Ubl(const std::string& root, const std::string& id, const std::string& amount,
                const std::string& body = "") {
  return "<?xml version=\"1.0\"?>\n<" + root +
         " xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:" + root +
         "-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
         "CommonAggregateComponents-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:"
         "xsd:CommonBasicComponents-2\">\n"
         "  <cbc:ID>" +
         id +
         "</cbc:ID>\n  <cbc:IssueDate>2026-03-01</cbc:IssueDate>\n"
         "  <cbc:DueDate>2026-03-31</cbc:DueDate>\n"
         "  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n" +
         body +
         "  <cac:AccountingCustomerParty><cac:Party>\n"
         "    <cbc:EndpointID schemeID=\"0208\">0123456749</cbc:EndpointID>\n"
         "    <cac:PartyLegalEntity><cbc:RegistrationName>Peeters BV</cbc:RegistrationName>"
         "</cac:PartyLegalEntity>\n  </cac:Party></cac:AccountingCustomerParty>\n"
         "  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">" +
         amount + "</cbc:PayableAmount></cac:LegalMonetaryTotal>\n</" + root + ">\n";
}

class ImportInvoicesCommandTest : public CommandTest {};

TEST_F(ImportInvoicesCommandTest, ImportsInvoicesAndCreditNotesOnce) {
  const std::vector<std::string> paths = {
      WriteFile("a.xml", Ubl("Invoice", "E-1", "100.00")),
      WriteFile("b.xml",
                Ubl("CreditNote", "E-2", "25.00",
                    "  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>E-1</cbc:ID>"
                    "</cac:InvoiceDocumentReference></cac:BillingReference>\n"))};
  ASSERT_EQ(RunImportInvoices(*store_, paths, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("a.xml: invoice E-1 for customer peppol:0208:0123456749 "
                                    "(new customer)"));
  EXPECT_THAT(out_.str(), HasSubstr("b.xml: credit note E-2 for customer "
                                    "peppol:0208:0123456749 (matched by endpoint)"));
  EXPECT_THAT(out_.str(), HasSubstr("1 customers created; invoices 2 created, 0 updated"));
  EXPECT_EQ(store_->GetInvoice("E-1")->open_amount, Money::FromCents(7500));

  ClearOutput();
  ASSERT_EQ(RunImportInvoices(*store_, paths, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("0 customers created; invoices 0 created, 0 updated, 2 "
                                    "unchanged"));
}

TEST_F(ImportInvoicesCommandTest, OneBadFileRejectsTheRun) {
  const std::string good = WriteFile("good.xml", Ubl("Invoice", "E-1", "100.00"));
  const std::string bad = WriteFile("bad.xml", Ubl("Invoice", "E-2", "ten euro"));
  EXPECT_EQ(RunImportInvoices(*store_, {good, bad}, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr(bad + ": UBL: /Invoice/cac:LegalMonetaryTotal/"
                                          "cbc:PayableAmount: must be a decimal amount"));
  EXPECT_THAT(err_.str(), HasSubstr("nothing was imported"));
  EXPECT_EQ(out_.str(), "");
  EXPECT_FALSE(store_->GetInvoice("E-1"));
  EXPECT_TRUE(store_->ListCustomers({})->items.empty());
}

TEST_F(ImportInvoicesCommandTest, AMissingFileFailsBeforeAnything) {
  EXPECT_EQ(RunImportInvoices(*store_, {dir_.File("absent.xml")}, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("cannot open"));
}

}  // namespace
}  // namespace duly::daemon
