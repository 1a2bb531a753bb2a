#include "workflows/matching/payment_match.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "workflows/matching/allocation_plan.h"
#include "workflows/matching/match_keys.h"
#include "workflows/matching/remittance_scan.h"

namespace duly {
namespace {

using ItemId = MatchIndex::ItemId;
using CustomerId = MatchIndex::CustomerId;

constexpr int kScoreStructuredReference = 100;
constexpr int kScoreReferenceInText = 95;
constexpr int kScoreInvoiceNumber = 90;
constexpr int kScoreIbanOneCustomer = 85;
constexpr int kScoreIbanShared = 75;
constexpr int kScoreNameOneCustomer = 60;
constexpr int kScoreNameShared = 50;
constexpr int kWholeBalancePenalty = 5;
constexpr int kScoreCustomerOpenItems = 30;
constexpr int kScoreAmountOnly = 20;
constexpr int kScoreCurrencyMismatchCap = 40;

// One item a rule found.
struct Hit {
  ItemId item;
  MatchRule rule;
  int score;
};

// Items one credit could settle, and the rule that proposed them.
struct Proposal {
  std::vector<ItemId> invoices;
  std::vector<ItemId> credit_notes;
  MatchRule rule;
  int score;
};

template <typename T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

class Matcher {
 public:
  Matcher(const IncomingCredit& credit, const MatchIndex& index, const MatchOptions& options)
      : credit_(credit), index_(index), options_(options) {}

  MatchDecision Decide() const {
    if (std::vector<Hit> hits = NamedItems(); !hits.empty()) return DecideNamed(hits);
    if (const std::string iban = IbanKey(credit_.counterparty_iban); !iban.empty()) {
      const auto customers = index_.CustomersByIban(iban);
      if (!customers.empty()) {
        return DecideByCustomers(customers, MatchRule::kAmountAndIban,
                                 customers.size() == 1 ? kScoreIbanOneCustomer : kScoreIbanShared);
      }
    }
    if (const std::string name = CustomerNameKey(credit_.counterparty_name); !name.empty()) {
      const auto customers = index_.CustomersByName(name);
      if (!customers.empty()) {
        return DecideByCustomers(customers, MatchRule::kAmountAndName,
                                 customers.size() == 1 ? kScoreNameOneCustomer : kScoreNameShared);
      }
    }
    return DecideByAmountOnly();
  }

 private:
  bool SameCurrency(ItemId id) const { return index_.item(id).currency == credit_.currency; }
  bool IsCreditNote(ItemId id) const { return index_.item(id).kind == InvoiceKind::kCreditNote; }

  MatchCandidate Candidate(ItemId id, MatchRule rule, int score) const {
    const OpenItem& item = index_.item(id);
    const bool mismatch = !SameCurrency(id);
    return {item.id,       item.customer,
            item.kind,     item.open_amount,
            item.currency, item.due,
            rule,          mismatch ? std::min(score, kScoreCurrencyMismatchCap) : score,
            mismatch};
  }

  // Rules 1 and 2: open items whose reference or number the credit names.
  std::vector<Hit> NamedItems() const {
    std::vector<Hit> hits;
    auto add = [&](ItemId id, MatchRule rule, int score) {
      if (!index_.IsOpen(id)) return;
      for (Hit& hit : hits) {
        if (hit.item != id) continue;
        if (score > hit.score) hit = {id, rule, score};
        return;
      }
      hits.push_back({id, rule, score});
    };
    RemittanceClues clues = ScanRemittance(credit_.remittance_text);
    if (!credit_.creditor_reference.empty()) {
      if (auto key = ReferenceKey(credit_.creditor_reference)) {
        for (ItemId id : index_.ItemsByReference(*key)) {
          add(id, MatchRule::kStructuredReference, kScoreStructuredReference);
        }
      } else {
        // Not a valid reference (a wrong check digit never matches as one); banks put invoice
        // numbers in this field too.
        for (std::string& number : ScanRemittance(credit_.creditor_reference).invoice_numbers) {
          if (!Contains(clues.invoice_numbers, number)) {
            clues.invoice_numbers.push_back(std::move(number));
          }
        }
      }
    }
    for (const std::string& key : clues.references) {
      for (ItemId id : index_.ItemsByReference(key)) {
        add(id, MatchRule::kReferenceInText, kScoreReferenceInText);
      }
    }
    std::vector<CustomerId> referenced;
    for (const Hit& hit : hits) referenced.push_back(index_.CustomerOf(hit.item));
    for (const std::string& key : clues.invoice_numbers) {
      for (ItemId id : index_.ItemsByNumber(key)) {
        if (!referenced.empty() && !Contains(referenced, index_.CustomerOf(id))) continue;
        add(id, MatchRule::kInvoiceNumber, kScoreInvoiceNumber);
      }
    }
    return hits;
  }

  MatchDecision DecideNamed(const std::vector<Hit>& hits) const {
    MatchDecision decision;
    const Hit* weakest = &hits.front();
    std::vector<CustomerId> customers;
    std::vector<ItemId> invoices;
    std::vector<ItemId> named_credit_notes;
    const OpenItem* mismatch = nullptr;
    for (const Hit& hit : hits) {
      decision.candidates.push_back(Candidate(hit.item, hit.rule, hit.score));
      if (hit.score < weakest->score) weakest = &hit;
      if (!Contains(customers, index_.CustomerOf(hit.item))) {
        customers.push_back(index_.CustomerOf(hit.item));
      }
      (IsCreditNote(hit.item) ? named_credit_notes : invoices).push_back(hit.item);
      if (!SameCurrency(hit.item) && mismatch == nullptr) mismatch = &index_.item(hit.item);
    }
    decision.rule = weakest->rule;
    decision.score = weakest->score;
    if (customers.size() == 1) decision.customer = index_.customer_id(customers.front());
    if (customers.size() > 1) {
      return Finish(std::move(decision), "the credit names open items of " +
                                             std::to_string(customers.size()) + " customers");
    }
    if (mismatch != nullptr) {
      return Finish(std::move(decision), "open item " + mismatch->id + " is in " +
                                             mismatch->currency + ", the credit in " +
                                             credit_.currency);
    }
    if (invoices.empty()) {
      return Finish(std::move(decision), "the credit names only credit notes");
    }
    Proposal proposal{invoices, ChooseCreditNotes(invoices, named_credit_notes, customers.front()),
                      weakest->rule, weakest->score};
    return Settle(proposal, std::move(decision));
  }

  // The credit notes netted against named invoices: those named and those correcting a named
  // invoice, unless leaving the latter out, or adding all the customer's, makes the amount exact.
  std::vector<ItemId> ChooseCreditNotes(const std::vector<ItemId>& invoices,
                                        const std::vector<ItemId>& named,
                                        CustomerId customer) const {
    auto usable = [&](ItemId id) {
      return index_.IsOpen(id) && SameCurrency(id) && IsCreditNote(id) &&
             index_.CustomerOf(id) == customer;
    };
    std::vector<ItemId> linked = named;
    for (ItemId invoice : invoices) {
      for (ItemId note : index_.CreditNotesFor(invoice)) {
        if (usable(note) && !Contains(linked, note)) linked.push_back(note);
      }
    }
    if (Fits(invoices, linked)) return linked;
    if (Fits(invoices, named)) return named;
    std::vector<ItemId> all = linked;
    for (ItemId note : index_.CreditNotesOfCustomer(customer)) {
      if (usable(note) && !Contains(all, note)) all.push_back(note);
    }
    if (Fits(invoices, all)) return all;
    return linked;
  }

  std::vector<const OpenItem*> Items(const std::vector<ItemId>& ids) const {
    std::vector<const OpenItem*> items;
    items.reserve(ids.size());
    for (ItemId id : ids) items.push_back(&index_.item(id));
    return items;
  }

  bool Fits(const std::vector<ItemId>& invoices, const std::vector<ItemId>& notes) const {
    return NetAmount(Items(invoices), Items(notes)) == credit_.amount;
  }

  // Rules 3 and 4: the customers the payer is known as, and the amounts that fit.
  MatchDecision DecideByCustomers(std::span<const CustomerId> customers, MatchRule rule,
                                  int score) const;
  MatchDecision DecideByAmountOnly() const;
  MatchDecision Settle(const Proposal& proposal, MatchDecision decision) const;
  MatchDecision Finish(MatchDecision decision, std::string reason) const;

  const IncomingCredit& credit_;
  const MatchIndex& index_;
  const MatchOptions& options_;
};

MatchDecision Matcher::DecideByCustomers(std::span<const CustomerId> customers, MatchRule rule,
                                         int score) const {
  std::vector<Proposal> proposals;
  auto propose = [&](Proposal proposal) {
    std::sort(proposal.invoices.begin(), proposal.invoices.end());
    std::sort(proposal.credit_notes.begin(), proposal.credit_notes.end());
    for (const Proposal& other : proposals) {
      if (other.invoices == proposal.invoices && other.credit_notes == proposal.credit_notes)
        return;
    }
    proposals.push_back(std::move(proposal));
  };
  for (CustomerId customer : customers) {
    // One open invoice of exactly this amount.
    for (ItemId id : index_.ItemsByCustomerAmount(customer, credit_.amount)) {
      if (index_.IsOpen(id) && !IsCreditNote(id) && SameCurrency(id)) {
        propose({{id}, {}, rule, score});
      }
    }
    // One invoice net of the credit notes correcting it.
    for (ItemId note : index_.CreditNotesOfCustomer(customer)) {
      const auto invoice = index_.FindItem(index_.item(note).credits_invoice);
      if (!index_.IsOpen(note) || !invoice || !index_.IsOpen(*invoice) || IsCreditNote(*invoice) ||
          !SameCurrency(*invoice) || !SameCurrency(note)) {
        continue;
      }
      std::vector<ItemId> notes;
      for (ItemId linked : index_.CreditNotesFor(*invoice)) {
        if (index_.IsOpen(linked) && SameCurrency(linked)) notes.push_back(linked);
      }
      if (Fits({*invoice}, notes)) propose({{*invoice}, notes, rule, score});
    }
    // Everything the customer has open, net of credit notes (IBAN only: a name is too weak).
    const auto* totals = index_.TotalsOf(customer, credit_.currency);
    if (rule == MatchRule::kAmountAndIban && totals != nullptr && totals->open_invoices >= 2 &&
        totals->credit_notes < totals->invoices &&
        totals->invoices - totals->credit_notes == credit_.amount) {
      Proposal all{{}, {}, rule, score - kWholeBalancePenalty};
      for (ItemId id : index_.ItemsOfCustomer(customer)) {
        if (!index_.IsOpen(id) || !SameCurrency(id)) continue;
        (IsCreditNote(id) ? all.credit_notes : all.invoices).push_back(id);
      }
      propose(std::move(all));
    }
  }

  MatchDecision decision;
  decision.rule = rule;
  decision.score = score;
  if (customers.size() == 1) decision.customer = index_.customer_id(customers.front());
  if (proposals.size() == 1) return Settle(proposals.front(), std::move(decision));
  if (proposals.size() > 1) {
    for (const Proposal& proposal : proposals) {
      for (const auto* ids : {&proposal.invoices, &proposal.credit_notes}) {
        for (ItemId id : *ids) decision.candidates.push_back(Candidate(id, rule, proposal.score));
      }
    }
    return Finish(std::move(decision), std::to_string(proposals.size()) + " ways to settle " +
                                           credit_.amount.ToString() + " " + credit_.currency +
                                           " fit the payer's items");
  }
  // The payer is known but no amount fits (a partial payment, a typo): its oldest open items.
  decision.rule = MatchRule::kCustomerOpenItems;
  decision.score = kScoreCustomerOpenItems;
  for (CustomerId customer : customers) {
    for (ItemId id : index_.ItemsOfCustomer(customer)) {
      if (index_.IsOpen(id)) {
        decision.candidates.push_back(
            Candidate(id, MatchRule::kCustomerOpenItems, kScoreCustomerOpenItems));
      }
    }
  }
  if (decision.candidates.empty()) {
    decision.outcome = MatchOutcome::kUnmatched;
    decision.rule.reset();
    decision.score = 0;
    decision.reason = "the payer is a known customer with nothing open";
    return decision;
  }
  return Finish(std::move(decision), "no open amount of the payer equals " +
                                         credit_.amount.ToString() + " " + credit_.currency);
}

MatchDecision Matcher::DecideByAmountOnly() const {
  MatchDecision decision;
  for (ItemId id : index_.ItemsByAmount(credit_.amount)) {
    if (index_.IsOpen(id) && !IsCreditNote(id) && SameCurrency(id)) {
      decision.candidates.push_back(Candidate(id, MatchRule::kAmountOnly, kScoreAmountOnly));
    }
  }
  if (decision.candidates.empty()) {
    decision.reason = "no reference, invoice number, known payer or open amount fits";
    return decision;
  }
  decision.rule = MatchRule::kAmountOnly;
  decision.score = kScoreAmountOnly;
  return Finish(std::move(decision), "the payer is unknown; open invoices of this amount");
}

MatchDecision Matcher::Settle(const Proposal& proposal, MatchDecision decision) const {
  decision.rule = proposal.rule;
  decision.score = proposal.score;
  decision.customer = index_.customer_id(index_.CustomerOf(proposal.invoices.front()));
  for (const auto* ids : {&proposal.invoices, &proposal.credit_notes}) {
    for (ItemId id : *ids) {
      const bool listed =
          std::any_of(decision.candidates.begin(), decision.candidates.end(),
                      [&](const MatchCandidate& c) { return c.item == index_.item(id).id; });
      if (!listed) decision.candidates.push_back(Candidate(id, proposal.rule, proposal.score));
    }
  }
  if (proposal.score < options_.min_automatic_score) {
    return Finish(std::move(decision), "only " + std::string(MatchRuleName(proposal.rule)) +
                                           " fits, below the automatic threshold");
  }
  AllocationPlan plan =
      PlanAllocation(credit_.amount, Items(proposal.invoices), Items(proposal.credit_notes));
  decision.outcome = MatchOutcome::kMatched;
  decision.allocations = std::move(plan.allocations);
  decision.credit_notes = std::move(plan.credit_notes);
  decision.credit_balance = plan.credit_balance;
  return Finish(std::move(decision), std::string("matched by ") + MatchRuleName(proposal.rule));
}

// Orders and caps the candidates and gives the reason; an outcome other than kMatched becomes
// kAmbiguous (every caller has candidates).
MatchDecision Matcher::Finish(MatchDecision decision, std::string reason) const {
  if (decision.outcome != MatchOutcome::kMatched) decision.outcome = MatchOutcome::kAmbiguous;
  decision.reason = std::move(reason);
  auto& candidates = decision.candidates;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const MatchCandidate& a, const MatchCandidate& b) {
                     if (a.score != b.score) return a.score > b.score;
                     if (a.due != b.due) return a.due < b.due;
                     return a.item < b.item;
                   });
  if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
  return decision;
}

}  // namespace

Result<MatchDecision> MatchPayment(const IncomingCredit& credit, const MatchIndex& index,
                                   const MatchOptions& options) {
  if (auto errors = Validate(credit); !errors.empty()) {
    return InvalidArgument("the incoming credit cannot be matched", std::move(errors));
  }
  return Matcher(credit, index, options).Decide();
}

}  // namespace duly
