// The store conformance suite, cases (SociCaseStore over the SociStore's connections): opening
// routes, assigns and messages in one transaction; reminders and escalations run once; every
// invoice of an open case is held; resolutions act on the invoices.
#include "daemon/store/store_conformance_cases.h"

#include <gtest/gtest.h>

#include "daemon/store/soci_case_store.h"
#include "daemon/store/store_conformance.h"
#include "daemon/store/store_conformance_channels.h"
#include "daemon/store/store_conformance_engine.h"

namespace duly::daemon {
namespace {

TEST_P(StoreConformance, CasesOpeningRoutesAssignsAndMessagesTheAssignee) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const ComplaintCase first = Open(*cases_, {"I1", "I2"}, "wrong_price");
  EXPECT_EQ(first.department, "billing");
  EXPECT_EQ(first.assignee, "b1");
  EXPECT_EQ(first.state, CaseState::kOpen);
  EXPECT_EQ(first.invoices, (std::vector<std::string>{"I1", "I2"}));
  EXPECT_EQ(first.deadline_at, clock_.Now() + std::chrono::hours(24 * 7));
  // 2026-01-08 is a Thursday: two working days before is Tuesday the 6th.
  EXPECT_EQ(first.reminder_at, At("2026-01-06"));
  EXPECT_EQ(Messages("recipient_kind = 'colleague' AND recipient = 'b1' AND template ="
                     " 'case_assigned' AND case_id = '" +
                     std::to_string(first.id) + "' AND channel = 'email' AND state = 'pending'"),
            1);
  EXPECT_NE(LastPayload(*store_, "C1", "case.opened").find("\"assignee\":\"b1\""),
            std::string::npos);
  // The next billing case goes to the colleague with fewer open cases.
  EXPECT_EQ(Open(*cases_, {"I3"}, "missing_po", "C2").assignee, "b2");
  // Sales cases go to the account manager; "other" to a collector.
  EXPECT_EQ(Open(*cases_, {"I1"}, "quality").assignee, "am");
  EXPECT_EQ(Open(*cases_, {"I3"}, "quality", "C2").assignee,
            "am");  // C2 has none: the sales member
  EXPECT_EQ(Open(*cases_, {"I3"}, "other", "C2").assignee, "k1");
  EXPECT_EQ(Open(*cases_, {"I3"}, "damaged", "C2").assignee, "");  // no operations member: refused
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, CasesBadOpeningsNameTheFieldAndWriteNothing) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const std::int64_t events = EventCount(*store_);
  auto bad =
      cases_->OpenCase(NewCase{"C1", {"I1", "I3", "I9"}, "wrong_price", "x", "api", ""}, kActor);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(bad.error(), "/invoices/1"));
  EXPECT_TRUE(HasField(bad.error(), "/invoices/2"));
  auto unknown = cases_->OpenCase(NewCase{"C9", {"I1"}, "wrong_price", "x", "api", ""}, kActor);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(HasField(unknown.error(), "/customer"));
  auto nobody = cases_->OpenCase(NewCase{"C1", {"I1"}, "damaged", "x", "api", ""}, kActor);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, ErrorCode::kPolicy);
  auto inactive = cases_->OpenCase(NewCase{"C1", {"I1"}, "damaged", "x", "api", "ghost"}, kActor);
  ASSERT_FALSE(inactive);
  EXPECT_TRUE(HasField(inactive.error(), "/assignee"));
  EXPECT_EQ(EventCount(*store_), events);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM cases"), 0);
  EXPECT_EQ(Messages("1 = 1"), 0);
}

TEST_P(StoreConformance, CasesRemindersAndEscalationsRunOnceEach) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const ComplaintCase opened = Open(*cases_, {"I1"}, "wrong_price");
  const std::string of_case = " AND case_id = '" + std::to_string(opened.id) + "'";
  EXPECT_EQ(*cases_->NextCaseDue(), At("2026-01-06"));
  EXPECT_EQ(*cases_->RemindDue(At("2026-01-05T23:59"), 10), 0);
  EXPECT_EQ(*cases_->RemindDue(At("2026-01-06T08:00"), 10), 1);
  EXPECT_EQ(*cases_->RemindDue(At("2026-01-06T09:00"), 10), 0);  // once
  EXPECT_EQ(Messages("template = 'case_reminder' AND recipient = 'b1'" + of_case), 1);
  EXPECT_EQ(*cases_->NextCaseDue(), At("2026-01-08"));
  EXPECT_EQ(*cases_->EscalateDue(At("2026-01-07T23:00"), 10), 0);
  clock_.Set(At("2026-01-08T00:05"));
  EXPECT_EQ(*cases_->EscalateDue(clock_.Now(), 10), 1);
  EXPECT_EQ(*cases_->EscalateDue(clock_.Now(), 10), 0);  // once per level
  EXPECT_EQ(
      Messages("template = 'case_escalated' AND recipient = 'bm' AND channel = 'sms'" + of_case),
      1);
  ComplaintCase escalated = *cases_->GetCase(opened.id);
  EXPECT_EQ(escalated.state, CaseState::kEscalated);
  EXPECT_EQ(escalated.escalation_level, 1);
  EXPECT_EQ(escalated.next_escalation_at, At("2026-01-15T00:05"));
  // Still open a period later: one level up, to the CFO; then nobody is left above.
  clock_.Set(At("2026-01-15T00:05"));
  EXPECT_EQ(*cases_->EscalateDue(clock_.Now(), 10), 1);
  EXPECT_EQ(Messages("template = 'case_escalated' AND recipient = 'cfo'" + of_case), 1);
  clock_.Set(At("2026-01-22T00:05"));
  EXPECT_EQ(*cases_->EscalateDue(clock_.Now(), 10), 1);
  escalated = *cases_->GetCase(opened.id);
  EXPECT_EQ(escalated.escalation_level, 2);
  EXPECT_EQ(escalated.next_escalation_at, std::nullopt);
  EXPECT_EQ(*cases_->EscalateDue(At("2026-12-31"), 10), 0);
  EXPECT_EQ(*cases_->NextCaseDue(), std::nullopt);
  EXPECT_EQ(Messages("template = 'case_escalated'" + of_case), 2);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM events WHERE type = 'case.escalated'"), 3);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM events WHERE type = 'case.reminder_sent'"), 1);
}

TEST_P(StoreConformance, CasesColleaguesAcknowledgeCommentAndReassign) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const ComplaintCase opened = Open(*cases_, {"I1"}, "wrong_price");
  EXPECT_TRUE(cases_->AcknowledgeCase(opened.id, "b1", kActor)->acknowledged_at.has_value());
  auto comment = cases_->CommentCase(opened.id, "b1", "Checking the quote", kActor);
  ASSERT_TRUE(comment);
  EXPECT_EQ(cases_->CommentCase(opened.id, "b1", "", kActor).error().fields[0].field, "/text");
  auto moved = cases_->ReassignCase(opened.id, "b2", "b2 made the quote", kActor);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->assignee, "b2");
  EXPECT_EQ(moved->comments.size(), 1U);
  EXPECT_EQ(moved->comments[0].text, "Checking the quote");
  EXPECT_EQ(Messages("template = 'case_assigned' AND recipient = 'b2'"), 1);
  EXPECT_TRUE(HasField(cases_->ReassignCase(opened.id, "b2", "", kActor).error(), "/assignee"));
  EXPECT_TRUE(HasField(cases_->ReassignCase(opened.id, "nobody", "", kActor).error(), "/assignee"));
  EXPECT_EQ(cases_->GetCase(999).error().code, ErrorCode::kNotFound);
  // Listing: filters and pages, newest first.
  Open(*cases_, {"I3"}, "missing_po", "C2");
  Open(*cases_, {"I2"}, "quality");
  CaseFilter billing;
  billing.department = "billing";
  auto page = cases_->ListCases(billing, PageRequest{"", 1});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1U);
  EXPECT_EQ(page->items[0].customer, "C2");
  auto rest = cases_->ListCases(billing, PageRequest{page->next_after, 10});
  ASSERT_EQ(rest->items.size(), 1U);
  EXPECT_EQ(rest->items[0].id, opened.id);
  EXPECT_TRUE(rest->next_after.empty());
  CaseFilter mine;
  mine.assignee = "am";
  EXPECT_EQ(cases_->ListCases(mine, PageRequest{})->items.size(), 1U);
  EXPECT_TRUE(HasField(cases_->ListCases({}, PageRequest{"x", 10}).error(), "/after"));
  for (const char* type : {"case.acknowledged", "case.commented", "case.reassigned"}) {
    EXPECT_NE(LastPayload(*store_, "C1", type), "") << type;
  }
}

TEST_P(StoreConformance, CasesEveryInvoiceOfAnOpenCaseIsHeld) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const ComplaintCase opened = Open(*cases_, {"I1", "I2"}, "wrong_price");
  Recorder recorder;
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, recorder.Decide()));
  EXPECT_TRUE(recorder.seen["I1"].hold.disputed);
  EXPECT_TRUE(recorder.seen["I2"].hold.disputed);
  EXPECT_FALSE(recorder.seen["I3"].hold.disputed);
  CaseResolution other;
  other.note = "settled by phone";
  ASSERT_TRUE(cases_->ResolveCase(opened.id, other, kActor));
  RawSql(
      "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
      " VALUES ('recheck', 'I2', '', 0, 0, 0)");
  Recorder after;
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, after.Decide()));
  EXPECT_FALSE(after.seen["I2"].hold.Any());
}

TEST_P(StoreConformance, CasesResolutionsActOnTheInvoices) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const ComplaintCase credited = Open(*cases_, {"I1", "I2"}, "duplicate_invoice");
  CaseResolution credit_note;
  credit_note.kind = ResolutionKind::kCreditNote;
  auto resolved = cases_->ResolveCase(credited.id, credit_note, kActor);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->state, CaseState::kResolved);
  EXPECT_EQ(resolved->resolution, credit_note);
  EXPECT_EQ(store_->GetInvoice("I1")->status, InvoiceStatus::kCredited);
  EXPECT_EQ(store_->GetInvoice("I2")->open_amount, Money::FromCents(0));
  EXPECT_EQ(cases_->ResolveCase(credited.id, credit_note, kActor).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(cases_->CommentCase(credited.id, "b1", "late", kActor).error().code,
            ErrorCode::kConflict);

  const ComplaintCase corrected = Open(*cases_, {"I3"}, "wrong_price", "C2");
  CaseResolution correction;
  correction.kind = ResolutionKind::kCorrectedInvoice;
  correction.new_amount = Money::FromCents(500);
  correction.new_due = ParseCalendarDate("2026-03-01").value();
  auto fixed = cases_->ResolveCase(corrected.id, correction, kActor);
  ASSERT_TRUE(fixed) << fixed.error().message;
  const Invoice i3 = *store_->GetInvoice("I3");
  EXPECT_EQ(i3.amount, Money::FromCents(500));
  EXPECT_EQ(i3.open_amount, Money::FromCents(500));
  EXPECT_EQ(i3.due, ParseCalendarDate("2026-03-01").value());

  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I4", "C1", 900)}, kActor));
  const ComplaintCase rejected = Open(*cases_, {"I4"}, "contract_terms");
  CaseResolution explained;
  explained.kind = ResolutionKind::kExplained;
  EXPECT_TRUE(
      HasField(cases_->ResolveCase(rejected.id, explained, kActor).error(), "/explanation"));
  explained.explanation = "The contract of 2025 sets this price.";
  auto answered = cases_->ResolveCase(rejected.id, explained, kActor);
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->state, CaseState::kRejected);
  EXPECT_EQ(Messages("recipient_kind = 'customer' AND recipient = 'C1' AND template ="
                     " 'complaint_explained' AND case_id = '" +
                     std::to_string(rejected.id) + "'"),
            1);
  EXPECT_NE(LastPayload(*store_, "C1", "case.resolved").find("\"kind\":\"explained\""),
            std::string::npos);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, CasesCorrectionBelowWhatIsPaidIsRefused) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  Payment paid = MakePayment("P1", "C1", 6000);
  paid.allocations = {{"I1", Money::FromCents(6000)}};
  ASSERT_TRUE(store_->PostPayments({paid}, kActor));
  const ComplaintCase opened = Open(*cases_, {"I1"}, "wrong_price");
  CaseResolution correction;
  correction.kind = ResolutionKind::kCorrectedInvoice;
  correction.new_amount = Money::FromCents(5000);
  auto refused = cases_->ResolveCase(opened.id, correction, kActor);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPolicy);
  EXPECT_TRUE(HasField(refused.error(), "/new_amount"));
  correction.new_amount = Money::FromCents(8000);
  ASSERT_TRUE(cases_->ResolveCase(opened.id, correction, kActor));
  EXPECT_EQ(store_->GetInvoice("I1")->open_amount, Money::FromCents(2000));
}

TEST_P(StoreConformance, CasesComplaintFactsFeedTheReport) {
  auto cases_ = SeedCases(*store_);
  [[maybe_unused]] auto Messages = [&](const std::string& where) {
    return SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE " + where);
  };
  const ComplaintCase first = Open(*cases_, {"I1", "I2"}, "wrong_price");
  Open(*cases_, {"I3"}, "wrong_price", "C2");
  clock_.Set(At("2026-01-03"));
  CaseResolution other;
  ASSERT_TRUE(cases_->ResolveCase(first.id, other, kActor));
  auto facts = cases_->ComplaintFacts(std::nullopt, std::nullopt);
  ASSERT_TRUE(facts);
  const ComplaintReport report = BuildComplaintReport(*facts);
  ASSERT_EQ(report.groups.size(), 1U);
  EXPECT_EQ(report.groups[0].count, 2);
  EXPECT_EQ(report.groups[0].customers, 2);
  EXPECT_EQ(report.groups[0].amount_held, Money::FromCents(700));
  EXPECT_EQ(report.groups[0].median_hours_to_resolve, 48.0);
  EXPECT_EQ(report.groups[0].resolved_within_deadline, 1.0);
  EXPECT_TRUE(cases_->ComplaintFacts(At("2026-02-01"), std::nullopt)->empty());
}

}  // namespace
}  // namespace duly::daemon
