// The statement store (SociStatementStore) in the conformance suite: import, matching rules as
// the store applies them, idempotency, the reconciliation queue, and learning payer accounts.
#include <gtest/gtest.h>

#include "daemon/store/soci_statement_store.h"
#include "daemon/store/store_conformance.h"
#include "workflows/payment_reference.h"

namespace duly::daemon {
namespace {

constexpr const char* kPayerIban = "NL91ABNA0417164300";

StatementLine Line(const std::string& key, long long cents, const std::string& reference,
                   const std::string& text = "", const std::string& iban = "") {
  StatementLine line;
  line.key = "NL02RABO0123456789|" + key;
  line.bank_reference = key;
  line.credit.amount = Money::FromCents(cents);
  line.credit.currency = "EUR";
  line.credit.value_date = ParseCalendarDate("2026-02-10").value();
  line.credit.counterparty_name = "Some Payer";
  line.credit.counterparty_iban = iban;
  line.credit.creditor_reference = reference;
  line.credit.remittance_text = text;
  return line;
}

StatementFile File(const std::string& digest, std::vector<StatementLine> lines) {
  StatementFile file;
  file.digest = digest;
  file.format = "camt.053";
  file.account = "NL02RABO0123456789";
  file.statement_id = "STMT-" + digest;
  file.entries = std::move(lines);
  return file;
}

// A statement store over the test's SociStore, with customers C1 and C2.
struct Scenario {
  Scenario(SociStore& opened, const Clock& clock)
      : store(opened), statements(opened.SharedConnections(), clock) {
    EXPECT_TRUE(store.UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  }
  void AddInvoice(const std::string& id, const std::string& customer, long long cents,
                  const std::string& reference = "", int due_day = 1,
                  InvoiceKind kind = InvoiceKind::kInvoice) {
    Invoice invoice = MakeInvoice(id, customer, cents, due_day);
    invoice.reference = reference;
    invoice.kind = kind;
    auto done = store.UpsertInvoices({invoice}, kActor);
    ASSERT_TRUE(done) << done.error().message;
  }
  ImportReport Import(const StatementFile& file) {
    auto report = statements.ImportStatement(file, kActor);
    EXPECT_TRUE(report) << (report ? "" : report.error().message);
    return report ? *report : ImportReport{};
  }
  Invoice Get(const std::string& id) { return store.GetInvoice(id).value(); }

  SociStore& store;
  SociStatementStore statements;
};

TEST_P(StoreConformance, StatementStoreIsBuiltOverTheSharedConnections) {
  SociStatementStore statements(store_->SharedConnections(), clock_);
  auto page = statements.ListQueue(0, 10);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(statements.ListQueue(0, 0).error().fields[0].field, "/limit");
}

TEST_P(StoreConformance, StatementsOgmReferencePostsThePaymentAndSettlesTheInvoice) {
  Scenario s(*store_, clock_);
  const std::string ogm = MakeOgm(1234567);
  s.AddInvoice("INV-1", "C1", 12100, ogm);
  ImportReport report = s.Import(File("d1", {Line("E1", 12100, ogm, "", kPayerIban)}));
  EXPECT_EQ(report.entries, 1);
  EXPECT_EQ(report.posted, 1);
  EXPECT_EQ(report.queued, 0);
  ASSERT_EQ(report.outcomes.size(), 1U);
  EXPECT_EQ(report.outcomes[0].state, EntryState::kPosted);
  EXPECT_EQ(report.outcomes[0].customer, "C1");
  EXPECT_EQ(s.Get("INV-1").status, InvoiceStatus::kPaid);
  auto payment = store_->GetPayment(report.outcomes[0].payment);
  ASSERT_TRUE(payment) << payment.error().message;
  EXPECT_EQ(payment->allocations, (std::vector<Allocation>{{"INV-1", Money::FromCents(12100)}}));
  EXPECT_EQ(payment->counterparty_iban, kPayerIban);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, StatementsTheSameFileTwicePostsNothingNew) {
  Scenario s(*store_, clock_);
  s.AddInvoice("INV-1", "C1", 5000, MakeOgm(42));
  s.AddInvoice("INV-2", "C1", 7000);
  StatementFile file = File("d1", {Line("E1", 5000, MakeOgm(42)), Line("E2", 999, "")});
  s.Import(file);
  const long long payments = SqlNumber("SELECT COUNT(*) FROM payments");
  const long long entries = SqlNumber("SELECT COUNT(*) FROM statement_entries");
  ImportReport again = s.Import(file);
  EXPECT_EQ(again.duplicates, 2);
  EXPECT_EQ(again.posted, 0);
  EXPECT_EQ(again.queued, 0);
  EXPECT_TRUE(again.outcomes[0].duplicate);
  EXPECT_EQ(again.outcomes[0].state, EntryState::kPosted);
  EXPECT_EQ(again.outcomes[0].customer, "C1");
  EXPECT_EQ(again.outcomes[1].state, EntryState::kQueued);
  // Another file that repeats an entry (an overlapping statement) posts only the new one.
  ImportReport overlap =
      s.Import(File("d2", {Line("E1", 5000, MakeOgm(42)), Line("E3", 7000, "", "INV-2")}));
  EXPECT_EQ(overlap.duplicates, 1);
  EXPECT_EQ(overlap.posted, 1);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM payments"), payments + 1);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM statement_entries"), entries + 1);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM statement_imports"), 2);
}

TEST_P(StoreConformance, StatementsBetalingskenmerkRfAndInvoiceNumbersMatch) {
  Scenario s(*store_, clock_);
  const std::string kenmerk = MakeBetalingskenmerk("1234567").value();
  const std::string rf = MakeRfReference("INV2024001").value();
  s.AddInvoice("INV-10", "C1", 1000, kenmerk);
  s.AddInvoice("INV-11", "C1", 2000, rf);
  s.AddInvoice("2026-0042", "C2", 3000);
  s.AddInvoice("2026-0043", "C2", 4000);
  ImportReport report =
      s.Import(File("d1", {Line("K", 1000, kenmerk), Line("R", 2000, "", "payment " + rf),
                           Line("N", 7000, "", "facturen 2026-0042 en 2026-0043")}));
  EXPECT_EQ(report.posted, 3);
  for (const char* id : {"INV-10", "INV-11", "2026-0042", "2026-0043"}) {
    EXPECT_EQ(s.Get(id).status, InvoiceStatus::kPaid) << id;
  }
}

TEST_P(StoreConformance, StatementsPartialAndOverpaymentsLeaveOpenAmountsAndCredit) {
  Scenario s(*store_, clock_);
  s.AddInvoice("INV-1", "C1", 10000, MakeOgm(1));
  s.AddInvoice("INV-2", "C2", 10000, MakeOgm(2));
  ImportReport report =
      s.Import(File("d1", {Line("P", 4000, MakeOgm(1)), Line("O", 12500, MakeOgm(2))}));
  EXPECT_EQ(report.posted, 2);
  EXPECT_EQ(s.Get("INV-1").open_amount, Money::FromCents(6000));
  EXPECT_EQ(s.Get("INV-1").status, InvoiceStatus::kOpen);
  EXPECT_EQ(s.Get("INV-2").status, InvoiceStatus::kPaid);
  EXPECT_EQ(SqlNumber("SELECT unallocated FROM payments WHERE customer = 'C2'"), 2500);
}

TEST_P(StoreConformance, StatementsCreditNotesAreNettedBeforeThePayment) {
  Scenario s(*store_, clock_);
  s.AddInvoice("INV-1", "C1", 10000, MakeOgm(7));
  s.AddInvoice("CN-1", "C1", 2500, "", 1, InvoiceKind::kCreditNote);
  ImportReport report = s.Import(File("d1", {Line("E", 7500, MakeOgm(7))}));
  EXPECT_EQ(report.posted, 1);
  EXPECT_EQ(s.Get("INV-1").status, InvoiceStatus::kPaid);
  EXPECT_EQ(s.Get("CN-1").open_amount, Money());
}

TEST_P(StoreConformance, StatementsAmbiguousEntriesWaitForAPersonWhoAllocates) {
  Scenario s(*store_, clock_);
  s.AddInvoice("INV-1", "C1", 5000);
  s.AddInvoice("INV-2", "C2", 5000);
  ImportReport report = s.Import(File("d1", {Line("E", 5000, "", "thanks")}));
  EXPECT_EQ(report.queued, 1);
  auto queue = s.statements.ListQueue(0, 10);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->items.size(), 1U);
  const StatementEntryRecord& entry = queue->items[0];
  EXPECT_EQ(entry.id, report.outcomes[0].entry);
  EXPECT_EQ(entry.state, EntryState::kQueued);
  EXPECT_GE(entry.candidates.size(), 2U);
  EXPECT_GT(entry.candidates[0].score, 0);
  EXPECT_FALSE(entry.reason.empty());

  auto wrong =
      s.statements.AllocateEntry(entry.id, "", {{"INV-2", Money::FromCents(9000)}}, Actor{"anna"});
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(HasField(wrong.error(), "/allocations")) << wrong.error().message;

  const std::int64_t events = EventCount(*store_);
  auto done =
      s.statements.AllocateEntry(entry.id, "", {{"INV-2", Money::FromCents(5000)}}, Actor{"anna"});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->state, EntryState::kAllocated);
  EXPECT_EQ(done->decided_by, "anna");
  EXPECT_EQ(s.Get("INV-2").status, InvoiceStatus::kPaid);
  EXPECT_EQ(s.Get("INV-1").status, InvoiceStatus::kOpen);
  EXPECT_GT(EventCount(*store_), events);
  EXPECT_EQ(SqlText("SELECT actor FROM events WHERE type = 'reconciliation.allocated'"), "anna");
  EXPECT_TRUE(s.statements.ListQueue(0, 10)->items.empty());
  EXPECT_EQ(s.statements.AllocateEntry(entry.id, "C2", {}, kActor).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(s.statements.AllocateEntry(999, "C2", {}, kActor).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, StatementsAPersonDismissesWithAReason) {
  Scenario s(*store_, clock_);
  ImportReport report = s.Import(File("d1", {Line("E", 123, "", "interest")}));
  const std::int64_t id = report.outcomes[0].entry;
  EXPECT_TRUE(HasField(s.statements.DismissEntry(id, "  ", kActor).error(), "/reason"));
  auto dismissed = s.statements.DismissEntry(id, "not a customer payment", Actor{"ben"});
  ASSERT_TRUE(dismissed) << dismissed.error().message;
  EXPECT_EQ(dismissed->state, EntryState::kDismissed);
  EXPECT_EQ(dismissed->reason, "not a customer payment");
  EXPECT_EQ(s.statements.DismissEntry(id, "again", kActor).error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.statements.GetEntry(id)->decided_by, "ben");
}

TEST_P(StoreConformance, StatementsAPayerAccountLearntFromAReferenceMatchesByAmountNextTime) {
  Scenario s(*store_, clock_);
  s.AddInvoice("INV-1", "C1", 5000, MakeOgm(11));
  s.AddInvoice("INV-2", "C1", 6000, "", 20);
  s.AddInvoice("INV-3", "C2", 6000, "", 20);
  s.Import(File("d1", {Line("E1", 5000, MakeOgm(11), "", kPayerIban)}));
  EXPECT_EQ(SqlText("SELECT iban FROM payer_accounts WHERE customer = 'C1'"), kPayerIban);
  ImportReport report = s.Import(File("d2", {Line("E2", 6000, "", "", kPayerIban)}));
  EXPECT_EQ(report.posted, 1);
  EXPECT_EQ(s.Get("INV-2").status, InvoiceStatus::kPaid);
  EXPECT_EQ(s.Get("INV-3").status, InvoiceStatus::kOpen);
}

TEST_P(StoreConformance, StatementsABadLineRefusesTheWholeFile) {
  Scenario s(*store_, clock_);
  s.AddInvoice("INV-1", "C1", 5000, MakeOgm(3));
  StatementLine bad = Line("E2", 100, "");
  bad.credit.currency = "eur";
  const std::int64_t events = EventCount(*store_);
  auto report = s.statements.ImportStatement(
      File("d1", {Line("E1", 5000, MakeOgm(3)), bad, Line("E1", 1, "")}), kActor);
  ASSERT_FALSE(report);
  EXPECT_TRUE(HasField(report.error(), "/entries/1/credit/currency")) << report.error().message;
  EXPECT_TRUE(HasField(report.error(), "/entries/2/key"));
  EXPECT_EQ(EventCount(*store_), events);
  EXPECT_EQ(s.Get("INV-1").status, InvoiceStatus::kOpen);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM statement_imports"), 0);
}

}  // namespace
}  // namespace duly::daemon
