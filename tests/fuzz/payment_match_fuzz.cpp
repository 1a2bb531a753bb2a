// Fuzzes MatchPayment with arbitrary remittance text, references, payers and amounts against a
// small fixed index. Never crashes; a refusal is kInvalidArgument; a matched decision allocates
// no more than the credit's amount nor any invoice's open amount (payment and credit notes
// together), in the credit's currency, and allocations + credit balance == the amount. Applying
// the decision to the index succeeds, and a second credit against the lowered index keeps the
// same promises.
//
// Input: 8 bytes amount (little-endian cents, any sign), 1 byte choosing currency, IBAN and
// payer name, then creditor reference and remittance text separated by the first '\n'.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "workflows/matching/payment_match.h"

namespace {

duly::CalendarDate Day(int month, int day) {
  return date::sys_days{date::year{2026} / month / day};
}

duly::MatchIndex MakeIndex() {
  using duly::InvoiceKind;
  using duly::Money;
  duly::MatchIndex index;
  const duly::OpenItem items[] = {
      {"INV-2026-001", "C1", InvoiceKind::kInvoice, Money::FromCents(10000), "EUR", Day(1, 10),
       "+++123/4567/89002+++", ""},
      {"INV-2026-002", "C1", InvoiceKind::kInvoice, Money::FromCents(25000), "EUR", Day(2, 10),
       "RF18539007547034", ""},
      {"INV-2026-003", "C1", InvoiceKind::kInvoice, Money::FromCents(25000), "EUR", Day(3, 10),
       "+++090/9337/55493+++", ""},
      {"CN-2026-001", "C1", InvoiceKind::kCreditNote, Money::FromCents(5000), "EUR", Day(2, 15), "",
       "INV-2026-002"},
      {"CN-2026-002", "C1", InvoiceKind::kCreditNote, Money::FromCents(90000), "EUR", Day(2, 16),
       "", ""},
      {"2026-0100", "C2", InvoiceKind::kInvoice, Money::FromCents(7550), "EUR", Day(1, 20),
       "5000 0567 8901 2345", ""},
      {"2026-0101", "C2", InvoiceKind::kInvoice, Money::FromCents(12000), "EUR", Day(1, 25), "",
       ""},
      {"H-7001", "C3", InvoiceKind::kInvoice, Money::FromCents(30000), "EUR", Day(1, 5),
       "+++012/3456/78939+++", ""},
      {"H-7002", "C3", InvoiceKind::kInvoice, Money::FromCents(12000), "EUR", Day(1, 6), "", ""},
      {"H-7003", "C3", InvoiceKind::kInvoice, Money::FromCents(8000), "USD", Day(1, 7),
       "RF712348231", ""},
      {"CN-7001", "C3", InvoiceKind::kCreditNote, Money::FromCents(2000), "USD", Day(1, 8), "",
       "H-7003"},
      {"E-5001", "C5", InvoiceKind::kInvoice, Money::FromCents(4200), "EUR", Day(1, 1), "", ""},
  };
  for (const auto& item : items) DULY_FUZZ_CHECK(index.AddItem(item).ok());
  const duly::KnownCustomer customers[] = {
      {"C1", "Acme B.V.", {"NL91ABNA0417164300"}},
      {"C2", "Bakkerij Jansen", {"BE68539007547034"}},
      {"C3", "Jansen Holding NV", {"BE68539007547034"}},
      {"C5", "Echo Trading", {}},
  };
  for (const auto& customer : customers) DULY_FUZZ_CHECK(index.AddCustomer(customer).ok());
  return index;
}

// Checks the decision's promises against the index it was made on, then applies it there.
void CheckAndApply(const duly::IncomingCredit& credit, duly::MatchIndex& index) {
  auto decision = duly::MatchPayment(credit, index);
  if (!decision) {
    DULY_FUZZ_CHECK(decision.error().code == duly::ErrorCode::kInvalidArgument);
    return;
  }
  DULY_FUZZ_CHECK(decision->candidates.size() <= duly::kMaxCandidates);
  for (const auto& candidate : decision->candidates) {
    DULY_FUZZ_CHECK(candidate.score >= 0 && candidate.score <= 100);
  }
  if (decision->outcome != duly::MatchOutcome::kMatched) {
    DULY_FUZZ_CHECK(decision->allocations.empty() && decision->credit_notes.empty());
    return;
  }
  DULY_FUZZ_CHECK(!decision->customer.empty());
  DULY_FUZZ_CHECK(decision->credit_balance >= duly::Money());
  duly::Money paid;
  std::map<std::string, duly::Money> taken;  // per item: payment and credit notes together
  for (const auto& allocation : decision->allocations) {
    DULY_FUZZ_CHECK(allocation.amount > duly::Money());
    paid += allocation.amount;
    taken[allocation.invoice] += allocation.amount;
  }
  for (const auto& use : decision->credit_notes) {
    DULY_FUZZ_CHECK(use.amount > duly::Money());
    taken[use.invoice] += use.amount;
    taken[use.credit_note] += use.amount;
  }
  DULY_FUZZ_CHECK(paid <= credit.amount);
  DULY_FUZZ_CHECK(paid + decision->credit_balance == credit.amount);
  for (const auto& [id, amount] : taken) {
    const auto item = index.FindItem(id);
    DULY_FUZZ_CHECK(item.has_value());
    DULY_FUZZ_CHECK(amount <= index.item(*item).open_amount);
    DULY_FUZZ_CHECK(index.item(*item).currency == credit.currency);
    DULY_FUZZ_CHECK(index.customer_id(index.CustomerOf(*item)) == decision->customer);
  }
  DULY_FUZZ_CHECK(index.Apply(decision->allocations, decision->credit_notes).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const duly::MatchIndex kIndex = MakeIndex();
  if (size < 9) return 0;
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) bits |= static_cast<std::uint64_t>(data[i]) << (8 * i);
  const std::uint8_t choice = data[8];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 9, size - 9);
  const std::size_t split = rest.find('\n');

  static constexpr const char* kCurrencies[] = {"EUR", "USD", "eur", ""};
  static constexpr const char* kIbans[] = {"", "NL91 ABNA 0417 1643 00", "BE68539007547034",
                                           "DE89370400440532013000"};
  static constexpr const char* kPayers[] = {"", "ACME BV", "Echo Trading", "Jansen"};
  duly::IncomingCredit credit;
  // Plausible amounts (up to 10,000.00) or any 64-bit value, negative ones included.
  credit.amount =
      duly::Money::FromCents((choice & 0x40) != 0 ? static_cast<std::int64_t>(bits % 1000001)
                                                  : static_cast<std::int64_t>(bits));
  credit.currency = kCurrencies[choice & 0x3];
  credit.counterparty_iban = kIbans[(choice >> 2) & 0x3];
  credit.counterparty_name = kPayers[(choice >> 4) & 0x3];
  credit.value_date = Day(3, 1);
  credit.creditor_reference = std::string(rest.substr(0, split));
  if (split != std::string_view::npos) credit.remittance_text = std::string(rest.substr(split + 1));

  duly::MatchIndex index = kIndex;  // each input starts from the same open items
  CheckAndApply(credit, index);
  // The same credit again sees what the first one settled.
  CheckAndApply(credit, index);
  return 0;
}
