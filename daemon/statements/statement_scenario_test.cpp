// The issue's scenario: an invoice falls due, a CAMT.053 file with its OGM reference arrives the
// day before reminder-1, and no reminder goes out (the real engine over the real store, on a
// manual clock). Another customer's unpaid invoice shows the workflow does run.
#include <string>

#include <gtest/gtest.h>

#include "daemon/statements/statement_store_fixture.h"
#include "workflows/engine/engine.h"
#include "workflows/engine/testdata/fixture.h"
#include "workflows/payment_reference.h"
#include "workflows/workflow_parser.h"

namespace duly::statements {
namespace {

std::string CamtPaying(const std::string& reference, const std::string& amount) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-02-03T07:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-2026-02-03</Id><Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-02-02</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">)" +
         amount + R"(</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-02-03</Dt></Dt></Bal>
<Ntry><NtryRef>N1</NtryRef><Amt Ccy="EUR">)" +
         amount + R"(</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-02-03</Dt></BookgDt><ValDt><Dt>2026-02-02</Dt></ValDt><AcctSvcrRef>N1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Brasserie</Nm></Dbtr></RltdPties>
<RmtInf><Strd><CdtrRefInf><Ref>)" +
         reference + R"(</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>)";
}

// "YYYY-MM-DDTHH:MM" (UTC) as an Instant.
Instant At(const std::string& utc) {
  Instant at = std::chrono::time_point_cast<std::chrono::milliseconds>(
      CalendarDate(ParseCalendarDate(utc.substr(0, 10)).value()));
  if (utc.size() >= 16) {
    at += std::chrono::hours(std::stoi(utc.substr(11, 2))) +
          std::chrono::minutes(std::stoi(utc.substr(14, 2)));
  }
  return at;
}

class StatementScenarioTest : public testing::StatementStoreFixture {};

TEST_F(StatementScenarioTest, AStatementTheDayBeforeReminderOneStopsIt) {
  auto workflow = ParseWorkflowText(duly::testdata::kB2bStandard);
  ASSERT_TRUE(workflow) << workflow.error().message;
  ASSERT_TRUE(
      store_->SaveWorkflow(*workflow, std::string(duly::testdata::kB2bStandard), Actor{"test"}));
  ASSERT_TRUE(store_->SaveSegments(std::string(duly::testdata::kSegments), Actor{"test"}));
  AddCustomer("C1", "Brasserie", "BE");
  AddCustomer("C2", "Other", "BE");
  AddInvoice("I1", "C1", 12100);  // due 2026-02-01; reminder-1 at due+3d
  AddInvoice("I2", "C2", 5000);
  const std::string ogm = Get("I1").reference;
  ASSERT_EQ(ParsePaymentReference(ogm)->kind, PaymentReferenceKind::kOgm) << ogm;

  Engine engine(*store_, *store_, clock_, EngineOptions{});
  auto run_until = [&](const char* day) {
    while (clock_.Now() < At(day)) {
      clock_.Advance(std::chrono::hours(6));
      auto report = engine.RunDue();
      ASSERT_TRUE(report) << report.error().message;
    }
  };
  // Messages to the customer that are, or may still be, sent (a canceled row never goes out).
  auto messages_of = [&](const std::string& customer) {
    std::size_t count = 0;
    const std::vector<OutboxRecord> records = store_->ListCustomerMessages(customer, 100).value();
    for (const OutboxRecord& record : records) {
      if (record.state != "canceled") ++count;
    }
    return count;
  };
  run_until("2026-02-03T06:00");
  EXPECT_EQ(messages_of("C1"), 0U);

  // The bank's file of 2026-02-03 carries the payment, with the OGM as the payer typed it.
  auto file = ReadStatementFile(CamtPaying(ParsePaymentReference(ogm)->display, "121.00"));
  ASSERT_TRUE(file) << file.error().message;
  auto report = statements_->ImportStatement(*file, Actor{"test"});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->posted, 1);
  EXPECT_EQ(Get("I1").status, InvoiceStatus::kPaid);

  run_until("2026-02-20T00:00");
  EXPECT_EQ(messages_of("C1"), 0U);  // no reminder for the paid invoice
  EXPECT_GE(messages_of("C2"), 1U);  // the unpaid one was reminded
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

}  // namespace
}  // namespace duly::statements
