// ImportUblFiles over a real SQLite store: customers matched by endpoint, VAT number and name or
// created, credit notes applied, all-or-nothing runs, idempotent re-imports.
#include "daemon/einvoice/ubl_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/einvoice/einvoice_test_support.h"

namespace duly::einvoice {
namespace {

using ::testing::HasSubstr;
using testing::Testdata;

class UblImportTest : public testing::StoreTest {
 protected:
  Result<UblImportReport> Import(const std::vector<std::string>& names) {
    std::vector<UblFile> files;
    for (const std::string& name : names) files.push_back({name, Testdata(name)});
    return ImportUblFiles(*store_, files, Actor{"test"});
  }

  void SeedCustomer(const std::string& id, const std::string& name, const std::string& vat) {
    Customer customer;
    customer.id = id;
    customer.name = name;
    customer.vat_number = vat;
    ASSERT_TRUE(store_->UpsertCustomers({customer}, Actor{"test"}));
  }

  std::size_t CustomerCount() { return store_->ListCustomers({})->items.size(); }
  std::size_t EventCount() {
    return store_->ListEvents({.after = "", .limit = 1000})->items.size();
  }
};

TEST_F(UblImportTest, CreatesTheBuyerThenFindsItByEndpoint) {
  auto first = Import({"invoice-endpoint.xml"});
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->items.size(), 1U);
  EXPECT_EQ(first->items[0].customer, "peppol:0208:0123456749");
  EXPECT_EQ(first->items[0].matched_by, CustomerMatchRule::kCreated);
  EXPECT_EQ(first->customers.created, 1);
  EXPECT_EQ(first->invoices.created, 1);
  auto invoice = store_->GetInvoice("INV-2026-100");
  ASSERT_TRUE(invoice) << invoice.error().message;
  EXPECT_EQ(invoice->customer, "peppol:0208:0123456749");
  EXPECT_EQ(invoice->amount, Money::FromCents(121000));
  EXPECT_EQ(invoice->po_number, "PO-4711");
  ASSERT_TRUE(invoice->document.has_value());
  EXPECT_EQ(invoice->document->content, "%PDF-1.4\n% duly test invoice\n%%EOF\n");

  // The credit note's buyer has the same endpoint but a different name spelling: endpoint wins,
  // and the credit note is applied to the invoice it names.
  auto credit = Import({"creditnote-endpoint.xml"});
  ASSERT_TRUE(credit) << credit.error().message;
  EXPECT_EQ(credit->items[0].matched_by, CustomerMatchRule::kEndpoint);
  EXPECT_EQ(credit->customers, UpsertSummary{});
  EXPECT_EQ(store_->GetInvoice("CN-2026-7")->credits_invoice, "INV-2026-100");
  EXPECT_EQ(store_->GetInvoice("INV-2026-100")->open_amount, Money::FromCents(108900));
  EXPECT_EQ(CustomerCount(), 1U);
}

TEST_F(UblImportTest, MatchesAnErpCustomerByVatNumberThenByName) {
  SeedCustomer("ERP-1", "Jansen B.V.", "NL123456789B01");
  SeedCustomer("ERP-2", "Café De Hoek", "");
  auto imported = Import({"invoice-vat-only.xml", "invoice-name-only.xml"});
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->items[0].customer, "ERP-1");
  EXPECT_EQ(imported->items[0].matched_by, CustomerMatchRule::kVatNumber);
  EXPECT_EQ(imported->items[1].customer, "ERP-2");
  EXPECT_EQ(imported->items[1].matched_by, CustomerMatchRule::kName);
  EXPECT_EQ(imported->customers, UpsertSummary{});
  EXPECT_EQ(CustomerCount(), 2U);
  EXPECT_EQ(store_->GetInvoice("INV-2026-200")->customer, "ERP-1");
}

TEST_F(UblImportTest, ASharedVatNumberIsRefusedNotGuessed) {
  SeedCustomer("ERP-1", "Jansen B.V.", "NL123456789B01");
  SeedCustomer("ERP-9", "Jansen Holding", "NL123456789B01");
  auto imported = Import({"invoice-vat-only.xml"});
  ASSERT_FALSE(imported);
  EXPECT_THAT(imported.error().message, HasSubstr("matches several customers (ERP-1, ERP-9)"));
  EXPECT_EQ(imported.error().fields[0].field,
            "invoice-vat-only.xml: /Invoice/cac:AccountingCustomerParty/cac:Party/"
            "cac:PartyTaxScheme/cbc:CompanyID");
}

TEST_F(UblImportTest, NewBuyersWithoutEndpointGetDerivedIds) {
  auto imported = Import({"invoice-vat-only.xml", "invoice-name-only.xml"});
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->items[0].customer, "vat:NL123456789B01");
  EXPECT_EQ(imported->items[1].customer, "name:Café De Hoek");
  EXPECT_EQ(imported->customers.created, 2);
  auto again = Import({"invoice-vat-only.xml", "invoice-name-only.xml"});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->items[1].matched_by, CustomerMatchRule::kName);
  EXPECT_EQ(again->invoices.unchanged, 2);
}

TEST_F(UblImportTest, OneBadFileRejectsTheRunAndWritesNothing) {
  const std::size_t events = EventCount();
  auto imported =
      Import({"invoice-endpoint.xml", "error-missing-payable.xml", "invoice-vat-only.xml"});
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().message.rfind("error-missing-payable.xml: UBL: /Invoice/", 0), 0U)
      << imported.error().message;
  EXPECT_EQ(imported.error().fields[0].field,
            "error-missing-payable.xml: /Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount");
  EXPECT_EQ(CustomerCount(), 0U);
  EXPECT_EQ(EventCount(), events);
}

TEST_F(UblImportTest, ReimportChangesNothing) {
  const std::vector<std::string> files = {"invoice-endpoint.xml", "creditnote-endpoint.xml",
                                          "invoice-vat-only.xml"};
  ASSERT_TRUE(Import(files));
  const std::size_t events = EventCount();
  auto again = Import(files);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->customers, UpsertSummary{});
  EXPECT_EQ(again->invoices, (UpsertSummary{.created = 0, .updated = 0, .unchanged = 3}));
  EXPECT_EQ(EventCount(), events);
}

TEST_F(UblImportTest, TheSameInvoiceTwiceInOneRunIsNamed) {
  auto imported = Import({"invoice-endpoint.xml", "invoice-endpoint.xml"});
  ASSERT_FALSE(imported);
  EXPECT_THAT(imported.error().message,
              HasSubstr("invoice INV-2026-100 is also in invoice-endpoint.xml of this import"));
}

TEST_F(UblImportTest, AStoreRuleIsReportedAgainstItsFile) {
  ASSERT_TRUE(Import({"invoice-name-only.xml"}));
  // A credit note reusing the invoice's number: the store refuses the change of kind.
  std::string xml = Testdata("invoice-name-only.xml");
  xml.replace(xml.find(">45.000<"), 8, ">-45.00<");
  auto imported = ImportUblFiles(*store_, {{"correction.xml", xml}}, Actor{"test"});
  ASSERT_FALSE(imported);
  ASSERT_FALSE(imported.error().fields.empty());
  EXPECT_EQ(imported.error().fields[0].field, "correction.xml: invoice INV-2026-300/kind");
}

}  // namespace
}  // namespace duly::einvoice
