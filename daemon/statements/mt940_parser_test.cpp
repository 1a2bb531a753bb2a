#include "daemon/statements/mt940_parser.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "daemon/statements/statement_files_test_support.h"

namespace duly::statements {
namespace {

using testing::OwnTestdata;
using testing::ReadWhole;
using testing::SharedFixtures;

std::string FirstErrorField(const Result<std::vector<Statement>>& parsed) {
  if (parsed.has_value() || parsed.error().fields.empty()) return "(no field)";
  return parsed.error().fields.front().field;
}

constexpr std::string_view kStatement =
    "{1:F01INGBNL2ABXXX0000000000}\n{2:I940INGBNL2AXXXN}\n{4:\n"
    ":20:DULY1\n:25:NL91ABNA0417164300EUR\n:28C:1/1\n:60F:D261231EUR10,5\n"
    ":61:2612310102C125,50NTRFCUST1//BANK1\n"
    ":86:/EREF/E2E-1//CNTP/NL91ABNA0417164300/ABNANL2A/Acme\n BV/Utrecht///REMI/USTD//IN\nV-7/\n"
    ":61:261231RD7,NMSCNONREF\nNL39RABO0300065264\n"
    ":86:Plain text\n  for the owner\n"
    ":62F:C270102EUR108,\n:86:/SUM/ statement level information, not an entry's/\n-}\n";

TEST(Mt940Parser, ReadsFieldsEntriesAndDetails) {
  auto parsed = ParseMt940(kStatement);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1U);
  const Statement& s = parsed->front();
  EXPECT_EQ(s.statement_id, "DULY1");
  EXPECT_EQ(s.account_id, "NL91ABNA0417164300EUR");
  EXPECT_EQ(s.account_iban, "NL91ABNA0417164300");
  EXPECT_EQ(s.currency, "EUR");
  ASSERT_TRUE(s.opening_balance && s.closing_balance);
  EXPECT_EQ(s.opening_balance->amount.cents(), -1050);
  EXPECT_EQ(FormatCalendarDate(s.opening_balance->date), "2026-12-31");
  EXPECT_EQ(s.closing_balance->amount.cents(), 10800);
  ASSERT_EQ(s.entries.size(), 2U);
  const StatementEntry& a = s.entries[0];
  EXPECT_EQ(FormatCalendarDate(a.value_date), "2026-12-31");
  EXPECT_EQ(FormatCalendarDate(a.booking_date), "2027-01-02");  // entry date in the next year
  EXPECT_EQ(a.side, EntrySide::kCredit);
  EXPECT_FALSE(a.reversal);
  EXPECT_EQ(a.amount.cents(), 12550);
  EXPECT_EQ(a.currency, "EUR");
  EXPECT_EQ(a.bank_transaction_code, "NTRF");
  EXPECT_EQ(a.entry_reference, "CUST1");
  EXPECT_EQ(a.servicer_reference, "BANK1");
  EXPECT_EQ(a.end_to_end_id, "E2E-1");
  EXPECT_EQ(a.counterparty_iban, "NL91ABNA0417164300");
  EXPECT_EQ(a.counterparty_name, "Acme BV");  // lines join without a separator
  EXPECT_EQ(a.remittance_text, "INV-7");
  const StatementEntry& b = s.entries[1];
  EXPECT_TRUE(b.reversal);
  EXPECT_EQ(b.side, EntrySide::kDebit);
  EXPECT_EQ(b.amount.cents(), 700);
  EXPECT_EQ(b.entry_reference, "");
  EXPECT_EQ(b.counterparty_iban, "NL39RABO0300065264");  // from the supplementary details
  EXPECT_EQ(b.remittance_text, "Plain text for the owner");
}

TEST(Mt940Parser, CrlfReadsLikeLf) {
  std::string crlf;
  for (const char c : kStatement) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto lf = ParseMt940(kStatement);
  auto windows = ParseMt940(crlf);
  ASSERT_TRUE(lf.has_value() && windows.has_value());
  ASSERT_EQ(windows->front().entries.size(), 2U);
  EXPECT_EQ(windows->front().entries[0].counterparty_name, "Acme BV");
  EXPECT_EQ(windows->front().entries[1].remittance_text, "Plain text for the owner");
  EXPECT_EQ(windows->front().account_iban, lf->front().account_iban);
}

TEST(Mt940Parser, BadAmountNamesItsLine) {
  auto parsed = ParseMt940(ReadWhole(OwnTestdata() / "mt940_bad_amount.sta"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(FirstErrorField(parsed), "line 7");
  EXPECT_NE(parsed.error().message.find("decimal comma"), std::string::npos);
}

TEST(Mt940Parser, BadDateNamesItsLine) {
  auto parsed = ParseMt940(ReadWhole(OwnTestdata() / "mt940_bad_date.sta"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(FirstErrorField(parsed), "line 8");
  EXPECT_NE(parsed.error().message.find("261310"), std::string::npos);
}

TEST(Mt940Parser, MissingStatementNumberNamesItsLine) {
  auto parsed = ParseMt940(ReadWhole(OwnTestdata() / "mt940_missing_20.sta"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(FirstErrorField(parsed), "line 1");
  EXPECT_NE(parsed.error().message.find(":20:"), std::string::npos);
}

TEST(Mt940Parser, RefusesIncompleteStatements) {
  EXPECT_EQ(FirstErrorField(ParseMt940("")), "line 1");
  EXPECT_EQ(FirstErrorField(ParseMt940("just text\n")), "line 1");
  EXPECT_EQ(FirstErrorField(ParseMt940("x\n:20:A\n:60F:C260101EUR1,00\n:62F:C260101EUR1,00\n")),
            "line 2");  // no :25:
  EXPECT_EQ(FirstErrorField(ParseMt940(":20:A\n:25:X\n:60F:C260101EUR1,00\n")), "line 1");
  EXPECT_EQ(FirstErrorField(ParseMt940(":20:A\n:25:X\n:60F:C260101EUR1,005\n")), "line 3");
  EXPECT_EQ(FirstErrorField(ParseMt940(":20:A\n:25:X\n:60F:C260101EU1,00\n")), "line 3");
  EXPECT_EQ(FirstErrorField(ParseMt940(":20:A\n:25:X\n:61:260101C1,00NTRF\n")), "line 3");
  EXPECT_EQ(FirstErrorField(ParseMt940(":20:A\n:25:X\n:60F:C260101EUR1,00\n:61:260101X1,00NTRF\n")),
            "line 4");
  EXPECT_EQ(FirstErrorField(ParseMt940(":20:A\n:25:X\n:60F:C260101EUR1,00\n:61:260101C1,00\n")),
            "line 4");
}

TEST(Mt940Parser, ReadsGermanSubfields) {
  const auto file = SharedFixtures() / "mt940" / "betterplace-sepa_snippet.sta";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared fixture not found: " << file;
  auto parsed = ParseMt940(ReadWhole(file));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const StatementEntry& e = parsed->front().entries.front();
  EXPECT_EQ(e.amount.cents(), 5099005);
  EXPECT_EQ(e.side, EntrySide::kCredit);
  EXPECT_EQ(FormatCalendarDate(e.value_date), "2007-09-07");
  EXPECT_EQ(FormatCalendarDate(e.booking_date), "2007-09-04");
  EXPECT_EQ(e.counterparty_name, "KARL KAUFMANN");
  EXPECT_EQ(e.counterparty_iban, "DE14508800500194785000");
  EXPECT_EQ(e.end_to_end_id, "EndToEndId TFNR 22 004 00001");
  EXPECT_EQ(e.remittance_text, "Verw CTSc-01 BC-PPP TFNr 22 004");
  EXPECT_EQ(parsed->front().account_iban, "");  // a German BLZ/account number, not an IBAN
}

TEST(Mt940Parser, ReadsIngAndRabobankLayouts) {
  const auto ing_file = SharedFixtures() / "mt940" / "oca-nl-ing.940";
  const auto rabo_file = SharedFixtures() / "mt940" / "oca-nl-rabo.swi";
  if (!std::filesystem::exists(ing_file) || !std::filesystem::exists(rabo_file)) {
    GTEST_SKIP() << "shared fixtures not found under " << SharedFixtures();
  }
  auto ing = ParseMt940(ReadWhole(ing_file));
  ASSERT_TRUE(ing.has_value()) << ing.error().message;
  ASSERT_EQ(ing->size(), 1U);
  EXPECT_EQ(ing->front().account_iban, "NL77INGB0574908765");
  ASSERT_EQ(ing->front().entries.size(), 8U);
  const StatementEntry& janssen = ing->front().entries[2];
  EXPECT_EQ(janssen.counterparty_name, "J.Janssen");
  EXPECT_EQ(janssen.counterparty_iban, "NL32INGB0000012345");
  EXPECT_EQ(janssen.end_to_end_id, "20120123456789");
  EXPECT_EQ(janssen.remittance_text, "Factuurnr 123456 Klantnr 00123");
  EXPECT_EQ(ing->front().entries[6].creditor_reference, "9001123412341234");
  auto rabo = ParseMt940(ReadWhole(rabo_file));
  ASSERT_TRUE(rabo.has_value()) << rabo.error().message;
  ASSERT_EQ(rabo->size(), 4U);
  const StatementEntry& smith = rabo->front().entries.front();
  EXPECT_EQ(smith.amount.cents(), 40000);
  EXPECT_EQ(smith.counterparty_name, "R. SMITH");
  EXPECT_EQ(smith.counterparty_iban, "NL66RABO0160878799");
  EXPECT_EQ(smith.remittance_text, "Test money paid by other partner:");
  EXPECT_EQ(rabo->back().closing_balance->amount.cents(), 479891);
}

}  // namespace
}  // namespace duly::statements
