// Every UBL and Peppol example under ../shared/fixtures imports into a fresh store, or is refused
// for one of duly's documented, deliberate limits (docs/einvoices.md, "Limits"):
//   - no due date: an Invoice without cbc:DueDate and without a cbc:PaymentDueDate in
//     cac:PaymentMeans or cac:PaymentTerms (the free text of cac:PaymentTerms/cbc:Note, such as
//     "Payment within 30 days", is not interpreted): vat-category-E.xml and vat-category-Z.xml.
//   - not an invoice: a UBL document other than Invoice-2 and CreditNote-2 (reference/
//     UBL-Reminder-2.1-Example.xml).
// The folders are skipped with a message when ../shared/fixtures is absent.
#include <filesystem>
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/einvoice/einvoice_test_support.h"
#include "daemon/einvoice/ubl_import.h"
#include "daemon/einvoice/ubl_parser.h"

namespace duly::einvoice {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::ReadWhole;
using testing::SharedFixtures;

#define SKIP_WITHOUT(folder)                                                  \
  if (!fs::is_directory(folder)) {                                            \
    GTEST_SKIP() << "shared fixtures not found at " << (folder)               \
                 << " (set DULY_SHARED_DIR to the folder holding fixtures/)"; \
  }

// Files refused on purpose: the XML path and the words of the named limit.
const std::map<std::string, std::pair<std::string, std::string>>& DocumentedRefusals() {
  static const std::map<std::string, std::pair<std::string, std::string>> refusals = {
      {"vat-category-E.xml", {"/Invoice/cbc:DueDate", "duly cannot remind without one"}},
      {"vat-category-Z.xml", {"/Invoice/cbc:DueDate", "duly cannot remind without one"}},
  };
  return refusals;
}

class UblFixturesTest : public testing::StoreTest {
 protected:
  // Imports every file of `folder`, each into a fresh store (the examples reuse ids such as
  // "Snippet1"), twice: the second run must change nothing.
  void ImportFolder(const fs::path& folder, int at_least) {
    int files = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
      const std::string name = entry.path().filename().string();
      SCOPED_TRACE(name);
      auto store = OpenFresh();
      ASSERT_NE(store, nullptr);
      const std::vector<UblFile> run = {{name, ReadWhole(entry.path())}};
      auto imported = ImportUblFiles(*store, run, Actor{"test"});
      ++files;
      if (auto refusal = DocumentedRefusals().find(name); refusal != DocumentedRefusals().end()) {
        ASSERT_FALSE(imported) << "expected the documented refusal";
        EXPECT_EQ(imported.error().fields[0].field, name + ": " + refusal->second.first);
        EXPECT_THAT(imported.error().message, HasSubstr(refusal->second.second));
        continue;
      }
      ASSERT_TRUE(imported) << imported.error().message;
      ASSERT_EQ(imported->items.size(), 1U);
      EXPECT_EQ(imported->invoices.created, 1);
      auto invoice = store->GetInvoice(imported->items[0].invoice);
      ASSERT_TRUE(invoice) << invoice.error().message;
      EXPECT_GT(invoice->amount.cents(), 0);
      auto again = ImportUblFiles(*store, run, Actor{"test"});
      ASSERT_TRUE(again) << again.error().message;
      EXPECT_EQ(again->invoices.unchanged, 1);
      EXPECT_EQ(again->customers, UpsertSummary{});
      imported_[name] = *invoice;
    }
    EXPECT_GE(files, at_least);
  }

  std::map<std::string, Invoice> imported_;
};

TEST_F(UblFixturesTest, EveryPeppolExampleImports) {
  const fs::path folder = SharedFixtures() / "peppol";
  SKIP_WITHOUT(folder);
  ImportFolder(folder, 8);
  if (HasFailure()) return;
  const Invoice& base = imported_.at("base-example.xml");
  EXPECT_EQ(base.id, "Snippet1");
  EXPECT_EQ(base.customer, "peppol:0002:FR23342");
  EXPECT_EQ(base.amount, Money::FromCents(165625));
  EXPECT_EQ(base.po_number, "0150abc");  // BuyerReference: no OrderReference
  // PaymentID "Snippet1" is free text: no reference from the document (the store may generate
  // an RF reference of its own).
  EXPECT_TRUE(base.reference.empty() || base.reference.starts_with("RF")) << base.reference;
  EXPECT_EQ(imported_.at("base-creditnote-correction.xml").kind, InvoiceKind::kCreditNote);
  const Invoice& negative = imported_.at("base-negative-inv-correction.xml");
  EXPECT_EQ(negative.kind, InvoiceKind::kCreditNote);
  const Invoice& norwegian = imported_.at("Norwegian-example-1.xml");
  EXPECT_EQ(norwegian.currency, "NOK");
  ASSERT_TRUE(norwegian.document.has_value());
  EXPECT_EQ(norwegian.document->filename, "Hours-spent.csv");
  EXPECT_EQ(norwegian.document->content, "Test base 64 encoding");
}

TEST_F(UblFixturesTest, EveryUblExampleImports) {
  const fs::path folder = SharedFixtures() / "ubl";
  SKIP_WITHOUT(folder);
  ImportFolder(folder, 6);
  if (HasFailure()) return;
  const Invoice& oasis = imported_.at("UBL-Invoice-2.1-Example.xml");
  EXPECT_EQ(oasis.id, "TOSL108");
  EXPECT_EQ(oasis.due, *ParseCalendarDate("2009-12-31"));  // cac:PaymentMeans/cbc:PaymentDueDate
  EXPECT_EQ(oasis.customer, "peppol:GLN:1234567987654");
  EXPECT_EQ(imported_.at("UBL-CreditNote-2.1-Example.xml").kind, InvoiceKind::kCreditNote);
  EXPECT_EQ(imported_.at("ubl-tc434-creditnote1.xml").reference, "+++010/6766/09538+++");
  const Invoice& example2 = imported_.at("ubl-tc434-example2.xml");
  ASSERT_TRUE(example2.document.has_value());
  EXPECT_EQ(example2.document->filename, "test.pdf");
  EXPECT_EQ(imported_.at("ubl-tc434-example5.xml").customer, "peppol:EM:info@buyercompany.dk");
}

TEST(UblFixtures, TheUblReminderIsNotAnInvoice) {
  const fs::path file = SharedFixtures() / "reference" / "UBL-Reminder-2.1-Example.xml";
  SKIP_WITHOUT(file.parent_path());
  auto parsed = ParseUblDocument(ReadWhole(file));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().fields[0].field, "/Reminder");
  EXPECT_THAT(parsed.error().message, HasSubstr("is a UBL Reminder-2 document"));
}

}  // namespace
}  // namespace duly::einvoice
