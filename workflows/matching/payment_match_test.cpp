#include "workflows/matching/payment_match.h"

#include <algorithm>
#include <map>
#include <ostream>

#include <gtest/gtest.h>

namespace duly {
namespace {

CalendarDate Day(int month, int day) { return date::sys_days{date::year{2026} / month / day}; }
Money Eur(std::int64_t cents) { return Money::FromCents(cents); }

// The project's own fixture: five customers, references from RULES.md §5.
//   C1 Acme B.V.        NL91ABNA0417164300   INV-2026-001 100.00 OGM +++123/4567/89002+++
//                                            INV-2026-002 250.00 RF18 5390 0754 7034
//                                            INV-2026-003 250.00 OGM +++090/9337/55493+++
//                                            CN-2026-001   50.00 credit note for INV-2026-002
//   C2 Bakkerij Jansen  BE68539007547034     2026-0100     75.50 kenmerk 5000 0567 8901 2345
//                                            2026-0101    120.00
//   C3 Jansen Holding   BE68539007547034     H-7001       300.00 OGM +++012/3456/78939+++
//                       (the same account)   H-7002       120.00
//                                            H-7003        80.00 USD, RF71 2348 231
//   C4 Delta SRL        FR7630006000011234567890189  DL-0001 and DL-0002, 60.00 each
//   C5 Echo Trading     (no account known)   E-5001 42.00, E-5002 500.00
MatchIndex Fixture() {
  MatchIndex index;
  const OpenItem items[] = {
      {"INV-2026-001", "C1", InvoiceKind::kInvoice, Eur(10000), "EUR", Day(1, 10),
       "+++123/4567/89002+++", ""},
      {"INV-2026-002", "C1", InvoiceKind::kInvoice, Eur(25000), "EUR", Day(2, 10),
       "RF18539007547034", ""},
      {"INV-2026-003", "C1", InvoiceKind::kInvoice, Eur(25000), "EUR", Day(3, 10),
       "+++090/9337/55493+++", ""},
      {"CN-2026-001", "C1", InvoiceKind::kCreditNote, Eur(5000), "EUR", Day(2, 15), "",
       "INV-2026-002"},
      {"2026-0100", "C2", InvoiceKind::kInvoice, Eur(7550), "EUR", Day(1, 20),
       "5000 0567 8901 2345", ""},
      {"2026-0101", "C2", InvoiceKind::kInvoice, Eur(12000), "EUR", Day(1, 25), "", ""},
      {"H-7001", "C3", InvoiceKind::kInvoice, Eur(30000), "EUR", Day(1, 5), "+++012/3456/78939+++",
       ""},
      {"H-7002", "C3", InvoiceKind::kInvoice, Eur(12000), "EUR", Day(1, 6), "", ""},
      {"H-7003", "C3", InvoiceKind::kInvoice, Eur(8000), "USD", Day(1, 7), "RF712348231", ""},
      {"DL-0001", "C4", InvoiceKind::kInvoice, Eur(6000), "EUR", Day(1, 1), "", ""},
      {"DL-0002", "C4", InvoiceKind::kInvoice, Eur(6000), "EUR", Day(2, 1), "", ""},
      {"E-5001", "C5", InvoiceKind::kInvoice, Eur(4200), "EUR", Day(1, 1), "", ""},
      {"E-5002", "C5", InvoiceKind::kInvoice, Eur(50000), "EUR", Day(1, 2), "", ""},
  };
  for (const OpenItem& item : items) DULY_CHECK(index.AddItem(item).ok());
  const KnownCustomer customers[] = {
      {"C1", "Acme B.V.", {"NL91 ABNA 0417 1643 00"}},
      {"C2", "Bakkerij Jansen", {"BE68 5390 0754 7034"}},
      {"C3", "Jansen Holding NV", {"BE68539007547034"}},
      {"C4", "Delta SRL", {"FR76 3000 6000 0112 3456 7890 189"}},
      {"C5", "Echo Trading", {}},
  };
  for (const KnownCustomer& customer : customers) DULY_CHECK(index.AddCustomer(customer).ok());
  return index;
}

constexpr const char* kAcmeIban = "NL91ABNA0417164300";
constexpr const char* kSharedIban = "BE68 5390 0754 7034";

struct Case {
  const char* name;
  std::int64_t cents;
  const char* currency;
  const char* iban;
  const char* payer;
  const char* reference;
  const char* text;
  MatchOutcome outcome;
  std::optional<MatchRule> rule;
  const char* customer;
  std::vector<Allocation> allocations;      // when matched
  std::vector<CreditNoteUse> credit_notes;  // when matched
  std::int64_t balance;                     // when matched
  std::vector<std::string> candidates;      // ids that must be among the candidates
};

// Names the case in gtest's messages instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

const MatchOutcome kMatched = MatchOutcome::kMatched;
const MatchOutcome kAmbiguous = MatchOutcome::kAmbiguous;
const MatchOutcome kUnmatched = MatchOutcome::kUnmatched;

// clang-format off
const Case kCases[] = {
    // Rule 1: structured references.
    {"ogm_in_structured_field", 10000, "EUR", "", "", "+++123/4567/89002+++", "",
     kMatched, MatchRule::kStructuredReference, "C1", {{"INV-2026-001", Eur(10000)}}, {}, 0, {}},
    {"kenmerk_in_structured_field", 7550, "EUR", "", "", "5000 0567 8901 2345", "",
     kMatched, MatchRule::kStructuredReference, "C2", {{"2026-0100", Eur(7550)}}, {}, 0, {}},
    {"ogm_in_text_with_spaces", 25000, "EUR", "", "", "", "betaling +++090 / 9337 / 55493+++ dank",
     kMatched, MatchRule::kReferenceInText, "C1", {{"INV-2026-003", Eur(25000)}}, {}, 0, {}},
    {"rf_in_text_with_spaces", 25000, "EUR", "", "", "", "RF18 5390 0754 7034",
     kMatched, MatchRule::kReferenceInText, "C1", {{"INV-2026-002", Eur(25000)}}, {}, 0, {}},
    {"wrong_check_digit_does_not_match_by_reference", 10000, "EUR", "", "",
     "+++123/4567/89012+++", "",
     kAmbiguous, MatchRule::kAmountOnly, "", {}, {}, 0, {"INV-2026-001"}},
    {"wrong_check_digit_in_text", 10000, "EUR", "", "", "", "+++123/4567/89012+++",
     kAmbiguous, MatchRule::kAmountOnly, "", {}, {}, 0, {"INV-2026-001"}},
    // Credit note netted: 250.00 - 50.00.
    {"reference_net_of_credit_note", 20000, "EUR", "", "", "RF18539007547034", "",
     kMatched, MatchRule::kStructuredReference, "C1", {{"INV-2026-002", Eur(20000)}},
     {{"CN-2026-001", "INV-2026-002", Eur(5000)}}, 0, {"INV-2026-002", "CN-2026-001"}},
    // Partial and over payments.
    {"partial_by_reference", 4000, "EUR", "", "", "+++123/4567/89002+++", "",
     kMatched, MatchRule::kStructuredReference, "C1", {{"INV-2026-001", Eur(4000)}}, {}, 0, {}},
    {"overpayment_leaves_credit_balance", 13000, "EUR", "", "", "+++123/4567/89002+++", "",
     kMatched, MatchRule::kStructuredReference, "C1", {{"INV-2026-001", Eur(10000)}}, {}, 3000, {}},
    // Rule 2: invoice numbers, several in one payment.
    {"several_invoice_numbers", 35000, "EUR", "", "", "", "Facturen INV-2026-003 en INV 2026 001",
     kMatched, MatchRule::kInvoiceNumber, "C1", {{"INV-2026-001", Eur(10000)}, {"INV-2026-003",
     Eur(25000)}}, {}, 0, {}},
    {"several_invoices_partial_oldest_first", 12000, "EUR", "", "", "",
     "INV-2026-003, INV-2026-001",
     kMatched, MatchRule::kInvoiceNumber, "C1", {{"INV-2026-001", Eur(10000)}, {"INV-2026-003",
     Eur(2000)}}, {}, 0, {}},
    {"invoice_and_credit_note_numbers", 20000, "EUR", "", "", "", "INV-2026-002 minus CN-2026-001",
     kMatched, MatchRule::kInvoiceNumber, "C1", {{"INV-2026-002", Eur(20000)}}, {{"CN-2026-001",
     "INV-2026-002", Eur(5000)}}, 0, {}},
    {"invoice_number_in_structured_field", 25000, "EUR", "", "", "INV-2026-003", "",
     kMatched, MatchRule::kInvoiceNumber, "C1", {{"INV-2026-003", Eur(25000)}}, {}, 0, {}},
    {"reference_and_number_mixed", 35000, "EUR", "", "", "+++123/4567/89002+++", "and INV-2026-003",
     kMatched, MatchRule::kInvoiceNumber, "C1", {{"INV-2026-001", Eur(10000)}, {"INV-2026-003",
     Eur(25000)}}, {}, 0, {}},
    {"number_of_other_customer_dropped_when_reference_found", 10000, "EUR", "", "",
     "+++123/4567/89002+++", "2026-0100",
     kMatched, MatchRule::kStructuredReference, "C1", {{"INV-2026-001", Eur(10000)}}, {}, 0, {}},
    {"references_of_two_customers", 40000, "EUR", "", "", "",
     "+++123/4567/89002+++ +++012/3456/78939+++",
     kAmbiguous, MatchRule::kReferenceInText, "", {}, {}, 0, {"INV-2026-001", "H-7001"}},
    // Currency mismatch never matches automatically.
    {"currency_mismatch_by_reference", 8000, "EUR", "", "", "RF71 2348 231", "",
     kAmbiguous, MatchRule::kStructuredReference, "C3", {}, {}, 0, {"H-7003"}},
    {"currency_of_credit_differs_from_all_invoices", 10000, "USD", "", "",
     "+++123/4567/89002+++", "",
     kAmbiguous, MatchRule::kStructuredReference, "C1", {}, {}, 0, {"INV-2026-001"}},
    // Rule 3: amount + IBAN.
    {"iban_and_amount", 10000, "EUR", kAcmeIban, "", "", "",
     kMatched, MatchRule::kAmountAndIban, "C1", {{"INV-2026-001", Eur(10000)}}, {}, 0, {}},
    {"iban_and_amount_net_of_credit_note", 20000, "EUR", kAcmeIban, "", "", "",
     kMatched, MatchRule::kAmountAndIban, "C1", {{"INV-2026-002", Eur(20000)}}, {{"CN-2026-001",
     "INV-2026-002", Eur(5000)}}, 0, {}},
    {"iban_and_whole_balance", 55000, "EUR", kAcmeIban, "", "", "",
     kMatched, MatchRule::kAmountAndIban, "C1", {{"INV-2026-001", Eur(10000)}, {"INV-2026-002",
     Eur(20000)}, {"INV-2026-003", Eur(25000)}}, {{"CN-2026-001", "INV-2026-002", Eur(5000)}}, 0,
     {}},
    {"iban_two_invoices_same_amount", 25000, "EUR", kAcmeIban, "", "", "",
     kAmbiguous, MatchRule::kAmountAndIban, "C1", {}, {}, 0, {"INV-2026-002", "INV-2026-003"}},
    {"iban_known_no_amount_fits", 3300, "EUR", kAcmeIban, "", "", "",
     kAmbiguous, MatchRule::kCustomerOpenItems, "C1", {}, {}, 0, {"INV-2026-001", "INV-2026-002"}},
    {"iban_of_two_customers_one_fits", 7550, "EUR", kSharedIban, "", "", "",
     kMatched, MatchRule::kAmountAndIban, "C2", {{"2026-0100", Eur(7550)}}, {}, 0, {}},
    {"iban_of_two_customers_both_fit", 12000, "EUR", kSharedIban, "", "", "",
     kAmbiguous, MatchRule::kAmountAndIban, "", {}, {}, 0, {"2026-0101", "H-7002"}},
    {"ambiguous_same_amount_same_customer", 6000, "EUR", "FR7630006000011234567890189", "", "", "",
     kAmbiguous, MatchRule::kAmountAndIban, "C4", {}, {}, 0, {"DL-0001", "DL-0002"}},
    {"iban_amount_in_other_currency", 8000, "EUR", kSharedIban, "", "", "",
     kAmbiguous, MatchRule::kCustomerOpenItems, "", {}, {}, 0, {"H-7003"}},
    // Rule 4: amount + name.
    {"name_and_amount", 4200, "EUR", "NL02RABO0123456789", "ECHO TRADING B.V.", "", "",
     kMatched, MatchRule::kAmountAndName, "C5", {{"E-5001", Eur(4200)}}, {}, 0, {}},
    {"name_known_no_amount_fits", 4300, "EUR", "", "Echo Trading", "", "",
     kAmbiguous, MatchRule::kCustomerOpenItems, "C5", {}, {}, 0, {"E-5001", "E-5002"}},
    {"name_does_not_take_whole_balance", 54200, "EUR", "", "Echo Trading", "", "",
     kAmbiguous, MatchRule::kCustomerOpenItems, "C5", {}, {}, 0, {"E-5001"}},
    // Nothing known.
    {"amount_only_candidates", 6000, "EUR", "", "Someone Else", "", "",
     kAmbiguous, MatchRule::kAmountOnly, "", {}, {}, 0, {"DL-0001", "DL-0002"}},
    {"unmatched", 999, "EUR", "DE89370400440532013000", "Unknown GmbH", "", "no reference",
     kUnmatched, std::nullopt, "", {}, {}, 0, {}},
};
// clang-format on

// What every decision promises, whatever the rule (match_decision.h).
void ExpectPromisesHold(const IncomingCredit& credit, const MatchDecision& decision,
                        const MatchIndex& index) {
  EXPECT_LE(decision.candidates.size(), kMaxCandidates);
  for (const MatchCandidate& candidate : decision.candidates) {
    EXPECT_GE(candidate.score, 0);
    EXPECT_LE(candidate.score, 100);
  }
  if (decision.outcome != MatchOutcome::kMatched) {
    EXPECT_TRUE(decision.allocations.empty());
    EXPECT_TRUE(decision.credit_notes.empty());
    return;
  }
  Money total = decision.credit_balance;
  std::map<std::string, Money> applied;
  for (const Allocation& allocation : decision.allocations) {
    EXPECT_GT(allocation.amount, Money());
    total += allocation.amount;
    applied[allocation.invoice] += allocation.amount;
  }
  for (const CreditNoteUse& use : decision.credit_notes) applied[use.invoice] += use.amount;
  EXPECT_EQ(total, credit.amount);
  for (const auto& [invoice, amount] : applied) {
    const auto id = index.FindItem(invoice);
    ASSERT_TRUE(id.has_value()) << invoice;
    EXPECT_LE(amount, index.item(*id).open_amount) << invoice;
    EXPECT_EQ(index.item(*id).currency, credit.currency) << invoice;
  }
}

class PaymentMatchTest : public ::testing::TestWithParam<Case> {};

TEST_P(PaymentMatchTest, Decides) {
  const Case& c = GetParam();
  const MatchIndex index = Fixture();
  const IncomingCredit credit{Eur(c.cents), c.currency,  Day(3, 1), c.payer,
                              c.iban,       c.reference, c.text};
  auto decision = MatchPayment(credit, index);
  ASSERT_TRUE(decision.has_value()) << decision.error().message;
  EXPECT_EQ(decision->outcome, c.outcome)
      << MatchOutcomeName(decision->outcome) << ": " << decision->reason;
  EXPECT_EQ(decision->rule, c.rule) << (decision->rule ? MatchRuleName(*decision->rule) : "none");
  EXPECT_EQ(decision->customer, c.customer);
  EXPECT_EQ(decision->allocations, c.allocations);
  EXPECT_EQ(decision->credit_notes, c.credit_notes);
  EXPECT_EQ(decision->credit_balance, Eur(c.balance));
  for (const std::string& expected : c.candidates) {
    const bool listed =
        std::any_of(decision->candidates.begin(), decision->candidates.end(),
                    [&](const MatchCandidate& candidate) { return candidate.item == expected; });
    EXPECT_TRUE(listed) << expected << " is not a candidate";
  }
  EXPECT_FALSE(decision->reason.empty());
  ExpectPromisesHold(credit, *decision, index);
}

INSTANTIATE_TEST_SUITE_P(Rules, PaymentMatchTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& test) {
                           return std::string(test.param.name);
                         });

TEST(PaymentMatchScoreTest, ScoresFollowTheRulesConfidence) {
  const MatchIndex index = Fixture();
  struct ScoreCase {
    IncomingCredit credit;
    int score;
  };
  const ScoreCase cases[] = {
      {{Eur(10000), "EUR", Day(3, 1), "", "", "+++123/4567/89002+++", ""}, 100},
      {{Eur(10000), "EUR", Day(3, 1), "", "", "", "+++123/4567/89002+++"}, 95},
      {{Eur(10000), "EUR", Day(3, 1), "", "", "", "INV-2026-001"}, 90},
      {{Eur(10000), "EUR", Day(3, 1), "", kAcmeIban, "", ""}, 85},
      {{Eur(55000), "EUR", Day(3, 1), "", kAcmeIban, "", ""}, 80},
      {{Eur(7550), "EUR", Day(3, 1), "", kSharedIban, "", ""}, 75},
      {{Eur(4200), "EUR", Day(3, 1), "Echo Trading", "", "", ""}, 60},
      {{Eur(3300), "EUR", Day(3, 1), "", kAcmeIban, "", ""}, 30},
      {{Eur(6000), "EUR", Day(3, 1), "", "", "", ""}, 20},
  };
  for (const ScoreCase& c : cases) {
    auto decision = MatchPayment(c.credit, index);
    ASSERT_TRUE(decision.has_value());
    EXPECT_EQ(decision->score, c.score) << decision->reason;
  }
  // A currency mismatch caps the candidate's score.
  auto mismatch = MatchPayment({Eur(8000), "EUR", Day(3, 1), "", "", "RF712348231", ""}, index);
  ASSERT_TRUE(mismatch.has_value());
  ASSERT_EQ(mismatch->candidates.size(), 1u);
  EXPECT_TRUE(mismatch->candidates[0].currency_mismatch);
  EXPECT_EQ(mismatch->candidates[0].score, 40);
}

TEST(PaymentMatchOptionsTest, AHigherThresholdSendsWeakMatchesToAPerson) {
  const MatchIndex index = Fixture();
  const IncomingCredit credit{Eur(4200), "EUR", Day(3, 1), "Echo Trading", "", "", ""};
  auto decision = MatchPayment(credit, index, MatchOptions{70});
  ASSERT_TRUE(decision.has_value());
  EXPECT_EQ(decision->outcome, MatchOutcome::kAmbiguous);
  EXPECT_TRUE(decision->allocations.empty());
  ASSERT_EQ(decision->candidates.size(), 1u);
  EXPECT_EQ(decision->candidates[0].item, "E-5001");
}

TEST(PaymentMatchInputTest, RefusesACreditThatIsNoCredit) {
  const MatchIndex index = Fixture();
  struct BadCase {
    IncomingCredit credit;
    const char* field;
  };
  const BadCase cases[] = {
      {{Eur(0), "EUR", Day(3, 1), "", "", "", ""}, "/amount"},
      {{Eur(-100), "EUR", Day(3, 1), "", "", "", ""}, "/amount"},
      {{Eur(100), "euro", Day(3, 1), "", "", "", ""}, "/currency"},
  };
  for (const BadCase& c : cases) {
    auto decision = MatchPayment(c.credit, index);
    ASSERT_FALSE(decision.has_value());
    EXPECT_EQ(decision.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(decision.error().fields.size(), 1u);
    EXPECT_EQ(decision.error().fields[0].field, c.field);
  }
}

TEST(PaymentMatchSequenceTest, ASecondPaymentSeesWhatTheFirstSettled) {
  MatchIndex index = Fixture();
  const IncomingCredit first{Eur(6000), "EUR", Day(3, 1), "", "", "", "DL-0001"};
  auto decision = MatchPayment(first, index);
  ASSERT_TRUE(decision.has_value());
  ASSERT_EQ(decision->outcome, MatchOutcome::kMatched);
  ASSERT_TRUE(index.Apply(decision->allocations, decision->credit_notes));
  // DL-0001 is paid: the same amount from Delta's account now fits DL-0002 alone.
  const IncomingCredit second{Eur(6000), "EUR", Day(3, 2), "", "FR7630006000011234567890189",
                              "",        ""};
  auto next = MatchPayment(second, index);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->outcome, MatchOutcome::kMatched);
  EXPECT_EQ(next->allocations, (std::vector<Allocation>{{"DL-0002", Eur(6000)}}));
  // And the first invoice's number no longer names anything open.
  auto again = MatchPayment(first, index);
  ASSERT_TRUE(again.has_value());
  EXPECT_NE(again->rule, MatchRule::kInvoiceNumber);
}

}  // namespace
}  // namespace duly
