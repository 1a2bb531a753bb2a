// Statement files through the store: our own fixtures, one entry per matching rule (testdata/
// camt_matching.xml, mt940_matching.sta), every shared CAMT.053 and MT940 example, idempotency
// and the refusal of malformed files.
#include <filesystem>

#include <gtest/gtest.h>

#include "daemon/statements/statement_store_fixture.h"
#include "workflows/payment_reference.h"

namespace duly::statements {
namespace {

namespace fs = std::filesystem;
using testing::OwnTestdata;
using testing::ReadWhole;
using testing::SharedFixtures;

class StatementImportTest : public testing::StatementStoreFixture {
 protected:
  // The customers and invoices camt_matching.xml's entries pay.
  void SeedMatchingRules() {
    AddCustomer("C-BE", "Brasserie Liege", "BE");
    AddCustomer("C-EN", "London Traders", "GB");
    AddCustomer("C-NL", "Bakkerij Jansen", "NL");
    AddCustomer("C-IBAN", "Groothandel Smit", "NL", "NL20INGB0001234567");
    AddCustomer("C-A", "Alpha", "NL");
    AddCustomer("C-B", "Beta", "NL");
    AddCustomer("C-NAME", "Drukkerij De Vries", "NL");
    AddInvoice("INV-OGM", "C-BE", 12100, "+++090/9337/55493+++");
    AddInvoice("INV-RF", "C-EN", 8000, "RF18539007547034");
    AddInvoice("INV-2026-001", "C-NL", 10000, "", "2026-02-01");
    AddInvoice("INV-2026-002", "C-NL", 20000, "", "2026-02-02");
    AddInvoice("INV-IBAN", "C-IBAN", 7500);
    AddInvoice("INV-OVER", "C-BE", 5000, MakeOgm(42));
    AddInvoice("AMB-1", "C-A", 4000);
    AddInvoice("AMB-2", "C-B", 4000);
    AddInvoice("INV-NAME", "C-NAME", 9000);
  }
};

TEST_F(StatementImportTest, EachMatchingRulePostsOrQueuesItsEntry) {
  SeedMatchingRules();
  ImportReport report = ImportFile(OwnTestdata() / "camt_matching.xml");
  ASSERT_EQ(report.entries, 7);  // the debit is not a payment
  EXPECT_EQ(report.posted, 6);
  EXPECT_EQ(report.queued, 1);
  EXPECT_EQ(report.duplicates, 0);
  EXPECT_EQ(Get("INV-OGM").status, InvoiceStatus::kPaid);        // OGM
  EXPECT_EQ(Get("INV-RF").open_amount, Money::FromCents(3000));  // RF, partial
  EXPECT_EQ(Get("INV-2026-001").status, InvoiceStatus::kPaid);   // invoice numbers in text,
  EXPECT_EQ(Get("INV-2026-002").status, InvoiceStatus::kPaid);   // one payment for two
  EXPECT_EQ(Get("INV-IBAN").status, InvoiceStatus::kPaid);       // amount + known IBAN
  EXPECT_EQ(Get("INV-OVER").status, InvoiceStatus::kPaid);       // overpaid by 10.00
  EXPECT_EQ(store_->GetPayment(report.outcomes[4].payment)->customer, "C-BE");
  EXPECT_EQ(Get("INV-NAME").status, InvoiceStatus::kPaid);  // name + single amount
  EXPECT_EQ(Get("AMB-1").status, InvoiceStatus::kOpen);     // ambiguous: queued
  EXPECT_EQ(report.outcomes[5].state, EntryState::kQueued);
  auto queue = statements_->ListQueue(0, 10);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->items.size(), 1U);
  EXPECT_EQ(queue->items[0].candidates.size(), 2U);
  EXPECT_EQ(queue->items[0].credit.counterparty_name, "Unknown Payer");

  // The same file again posts nothing new.
  ImportReport again = ImportFile(OwnTestdata() / "camt_matching.xml");
  EXPECT_EQ(again.duplicates, 7);
  EXPECT_EQ(again.posted + again.queued, 0);
  EXPECT_EQ(store_->ListPayments("", {})->items.size(), 6U);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_F(StatementImportTest, Mt940BetalingskenmerkAndInvoiceNumber) {
  ASSERT_TRUE(ParsePaymentReference("5000056789012345"));
  AddCustomer("C-NL", "Bakkerij Jansen", "NL");
  AddInvoice("INV-KENMERK", "C-NL", 25000, "5000056789012345");
  AddInvoice("INV-2026-003", "C-NL", 8000);
  ImportReport report = ImportFile(OwnTestdata() / "mt940_matching.sta");
  EXPECT_EQ(report.entries, 2);
  EXPECT_EQ(report.posted, 2);
  EXPECT_EQ(Get("INV-KENMERK").status, InvoiceStatus::kPaid);
  EXPECT_EQ(Get("INV-2026-003").status, InvoiceStatus::kPaid);
}

TEST_F(StatementImportTest, InvoicesWithoutAReferenceGetOneByCountry) {
  AddCustomer("C-BE", "Brasserie", "BE");
  AddCustomer("C-NL", "Bakkerij", "NL");
  AddCustomer("C-DE", "Bäckerei", "DE");
  AddInvoice("I-BE", "C-BE", 100);
  AddInvoice("I-NL", "C-NL", 100);
  AddInvoice("I-DE", "C-DE", 100);
  auto kind_of = [&](const std::string& id) {
    auto parsed = ParsePaymentReference(Get(id).reference);
    return parsed ? std::string(PaymentReferenceKindName(parsed->kind)) : "none";
  };
  EXPECT_EQ(kind_of("I-BE"), "ogm");
  EXPECT_EQ(kind_of("I-NL"), "betalingskenmerk");
  EXPECT_EQ(kind_of("I-DE"), "rf");
  // Sent again without it, the invoice keeps its reference.
  const std::string before = Get("I-NL").reference;
  AddInvoice("I-NL", "C-NL", 150);
  EXPECT_EQ(Get("I-NL").reference, before);
}

TEST_F(StatementImportTest, EverySharedExampleImportsTwiceWithoutPostingTwice) {
  int files = 0;
  for (const char* folder : {"camt", "mt940"}) {
    const fs::path dir = SharedFixtures() / folder;
    if (!fs::is_directory(dir)) {
      GTEST_SKIP() << "shared fixtures not found at " << dir
                   << " (set DULY_SHARED_DIR to the folder holding fixtures/)";
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      ImportReport first = ImportFile(entry.path());
      EXPECT_EQ(first.entries, first.posted + first.queued + first.duplicates);
      ImportReport second = ImportFile(entry.path());
      EXPECT_EQ(second.duplicates, first.entries);
      EXPECT_EQ(second.posted + second.queued, 0);
      ++files;
    }
  }
  EXPECT_GE(files, 14);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_F(StatementImportTest, AMalformedFileIsRefusedNamingWhere) {
  struct Case {
    const char* file;
    const char* field;
  };
  for (const Case& c : {Case{"camt_bad_amount.xml", "/Document/BkToCstmrStmt/Stmt[1]/Ntry["},
                        Case{"camt_doctype.xml", ""}, Case{"mt940_bad_date.sta", "line "},
                        Case{"mt940_missing_20.sta", "line "}}) {
    SCOPED_TRACE(c.file);
    auto file = ReadStatementFile(ReadWhole(OwnTestdata() / c.file));
    ASSERT_FALSE(file);
    ASSERT_FALSE(file.error().fields.empty());
    EXPECT_EQ(file.error().fields[0].field.rfind(c.field, 0), 0U) << file.error().fields[0].field;
  }
  auto neither = ReadStatementFile("hello, this is not a statement");
  ASSERT_FALSE(neither);
  EXPECT_EQ(neither.error().fields[0].field, "/");
}

}  // namespace
}  // namespace duly::statements
