#include "daemon/statements/camt053_parser.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "daemon/statements/statement_files_test_support.h"

namespace duly::statements {
namespace {

using testing::OwnTestdata;
using testing::ReadWhole;

std::string FirstErrorField(const Result<std::vector<Statement>>& parsed) {
  if (parsed.has_value() || parsed.error().fields.empty()) return "(no field)";
  return parsed.error().fields.front().field;
}

TEST(Camt053Parser, BadAmountNamesItsPath) {
  auto parsed = ParseCamt053(ReadWhole(OwnTestdata() / "camt_bad_amount.xml"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(FirstErrorField(parsed), "/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt");
  EXPECT_NE(parsed.error().message.find("12,50"), std::string::npos) << parsed.error().message;
}

TEST(Camt053Parser, BadDateNamesItsPath) {
  auto parsed = ParseCamt053(ReadWhole(OwnTestdata() / "camt_bad_date.xml"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(FirstErrorField(parsed), "/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/BookgDt/Dt");
  EXPECT_NE(parsed.error().message.find("2026-02-30"), std::string::npos);
}

TEST(Camt053Parser, RefusesToRoundAThirdDecimal) {
  auto parsed = ParseCamt053(ReadWhole(OwnTestdata() / "camt_rounding.xml"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(FirstErrorField(parsed), "/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt");
  EXPECT_NE(parsed.error().message.find("does not round"), std::string::npos);
}

TEST(Camt053Parser, RefusesADoctype) {
  auto parsed = ParseCamt053(ReadWhole(OwnTestdata() / "camt_doctype.xml"));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("DOCTYPE"), std::string::npos);
  auto lower = ParseCamt053("<!doctype Document><Document/>");
  ASSERT_FALSE(lower.has_value());
  EXPECT_NE(lower.error().message.find("DOCTYPE"), std::string::npos);
}

TEST(Camt053Parser, RefusesWhatIsNotXmlOrNotAStatement) {
  EXPECT_FALSE(ParseCamt053("").has_value());
  EXPECT_FALSE(ParseCamt053("<Document><BkToCstmrStmt>").has_value());
  auto other = ParseCamt053("<Document><BkToCstmrNtfctn/></Document>");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(FirstErrorField(other), "/Document/BkToCstmrStmt");
}

TEST(Camt053Parser, ReadsTheFirstGoodEntryOfOwnFixture) {
  // The bad-date file differs from a good one only in its second entry; fix it and parse.
  std::string text = ReadWhole(OwnTestdata() / "camt_bad_date.xml");
  text.replace(text.find("2026-02-30"), 10, "2026-03-10");
  auto parsed = ParseCamt053(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1U);
  const Statement& s = parsed->front();
  EXPECT_EQ(s.statement_id, "DULY-STMT-1");
  EXPECT_EQ(s.account_iban, "NL91ABNA0417164300");
  EXPECT_EQ(s.currency, "EUR");
  ASSERT_TRUE(s.opening_balance && s.closing_balance);
  EXPECT_EQ(s.opening_balance->amount.cents(), 10000);
  EXPECT_EQ(s.closing_balance->amount.cents(), 22550);
  ASSERT_EQ(s.entries.size(), 2U);
  EXPECT_EQ(s.entries[0].amount.cents(), 12550);
  EXPECT_EQ(s.entries[1].amount.cents(), 1250);
  EXPECT_EQ(FormatCalendarDate(s.entries[1].value_date), "2026-03-10");  // no ValDt: booking
}

// camt.053.001.08 with a namespace prefix, DtTm dates, Pty-wrapped parties and a batch whose
// transactions carry their amounts in AmtDtls.
TEST(Camt053Parser, ReadsPrefixedVersion08Batch) {
  const std::string xml = R"(<?xml version="1.0"?>
<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <c:BkToCstmrStmt><c:Stmt><c:Id>S8</c:Id>
  <c:Acct><c:Id><c:IBAN>BE68539007547034</c:IBAN></c:Id></c:Acct>
  <c:Bal><c:Tp><c:CdOrPrtry><c:Cd>PRCD</c:Cd></c:CdOrPrtry></c:Tp><c:Amt Ccy="EUR">5.00</c:Amt>
   <c:CdtDbtInd>DBIT</c:CdtDbtInd><c:Dt><c:DtTm>2026-01-31T23:00:00+01:00</c:DtTm></c:Dt></c:Bal>
  <c:Ntry><c:NtryRef>N1</c:NtryRef><c:Amt Ccy="EUR">30.00</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd>
   <c:RvslInd>true</c:RvslInd>
   <c:BookgDt><c:DtTm>2026-02-01T10:00:00</c:DtTm></c:BookgDt><c:ValDt><c:Dt>2026-02-02</c:Dt></c:ValDt>
   <c:NtryDtls>
    <c:TxDtls><c:Refs><c:EndToEndId>E1</c:EndToEndId></c:Refs>
     <c:AmtDtls><c:TxAmt><c:Amt Ccy="EUR">10.00</c:Amt></c:TxAmt></c:AmtDtls>
     <c:RltdPties><c:Dbtr><c:Pty><c:Nm>Klant A</c:Nm></c:Pty></c:Dbtr>
      <c:DbtrAcct><c:Id><c:IBAN>NL91ABNA0417164300</c:IBAN></c:Id></c:DbtrAcct></c:RltdPties>
     <c:RmtInf><c:Strd><c:CdtrRefInf><c:Ref>+++090/9337/55493+++</c:Ref></c:CdtrRefInf></c:Strd></c:RmtInf>
    </c:TxDtls>
    <c:TxDtls><c:Refs><c:EndToEndId>NOTPROVIDED</c:EndToEndId></c:Refs>
     <c:AmtDtls><c:TxAmt><c:Amt Ccy="EUR">20.00</c:Amt></c:TxAmt></c:AmtDtls>
     <c:RmtInf><c:Ustrd>INV-1</c:Ustrd><c:Ustrd>INV-2</c:Ustrd></c:RmtInf>
    </c:TxDtls>
   </c:NtryDtls></c:Ntry>
 </c:Stmt></c:BkToCstmrStmt></c:Document>)";
  auto parsed = ParseCamt053(xml);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const Statement& s = parsed->front();
  EXPECT_EQ(s.currency, "EUR");  // from the balance when Acct/Ccy is absent
  ASSERT_TRUE(s.opening_balance.has_value());
  EXPECT_EQ(s.opening_balance->amount.cents(), -500);
  EXPECT_EQ(FormatCalendarDate(s.opening_balance->date), "2026-01-31");
  EXPECT_FALSE(s.closing_balance.has_value());
  ASSERT_EQ(s.entries.size(), 2U);
  const StatementEntry& a = s.entries[0];
  EXPECT_EQ(a.amount.cents(), 1000);
  EXPECT_TRUE(a.reversal);
  EXPECT_EQ(a.entry_reference, "N1");
  EXPECT_EQ(FormatCalendarDate(a.booking_date), "2026-02-01");
  EXPECT_EQ(FormatCalendarDate(a.value_date), "2026-02-02");
  EXPECT_EQ(a.counterparty_name, "Klant A");
  EXPECT_EQ(a.counterparty_iban, "NL91ABNA0417164300");
  EXPECT_EQ(a.creditor_reference, "+++090/9337/55493+++");
  EXPECT_EQ(a.end_to_end_id, "E1");
  const StatementEntry& b = s.entries[1];
  EXPECT_EQ(b.amount.cents(), 2000);
  EXPECT_EQ(b.end_to_end_id, "");
  EXPECT_EQ(b.remittance_text, "INV-1 INV-2");
}

TEST(Camt053Parser, SplitsSharedBatchFixtureIntoTransactions) {
  const auto file = testing::SharedFixtures() / "camt" / "oca-test-camt053-txdtls.v04.xml";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared fixture not found: " << file;
  auto parsed = ParseCamt053(ReadWhole(file));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const auto& entries = parsed->front().entries;
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0].amount.cents(), 218700);
  EXPECT_EQ(entries[1].amount.cents(), 129600);
  EXPECT_EQ(entries[0].currency, "CHF");
  EXPECT_EQ(entries[0].creditor_reference, "302388292000011111111111111");
  EXPECT_EQ(entries[1].creditor_reference, "302388292000022222222222222");
  EXPECT_EQ(entries[0].counterparty_iban, "CH2222000000123456789");
  EXPECT_EQ(entries[0].bank_transaction_code, "PMNT/RCDT/AUTT");
}

}  // namespace
}  // namespace duly::statements
