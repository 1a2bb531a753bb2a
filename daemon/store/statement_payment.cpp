#include "daemon/store/statement_payment.h"

#include <cstddef>

#include "workflows/customer.h"
#include "workflows/matching/match_keys.h"
#include "workflows/utf8.h"

namespace duly::daemon {
namespace {

// `text` with control characters as spaces, cut to `max_chars` code points, trimmed; empty
// when it is not UTF-8.
std::string Clean(const std::string& text, std::size_t max_chars) {
  if (!IsValidUtf8(text)) return "";
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool starts_char = (byte & 0xC0U) != 0x80U;
    if (starts_char && ++chars > max_chars) break;
    out.push_back(byte < 0x20U || byte == 0x7FU ? ' ' : text[i]);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::size_t start = 0;
  while (start < out.size() && out[start] == ' ') ++start;
  return out.substr(start);
}

}  // namespace

Payment PaymentOfCredit(const IncomingCredit& credit, const std::string& id,
                        const std::string& customer, std::vector<Allocation> allocations) {
  Payment payment;
  payment.id = id;
  payment.customer = customer;
  payment.amount = credit.amount;
  payment.currency = credit.currency;
  payment.received = credit.value_date;
  payment.method = "bank_transfer";
  payment.reference = Clean(credit.creditor_reference, 140);
  payment.counterparty_name = Clean(credit.counterparty_name, 200);
  const std::string iban = IbanKey(credit.counterparty_iban);
  payment.counterparty_iban = IsIban(iban) ? iban : "";
  payment.remittance = Clean(credit.remittance_text, 1000);
  payment.allocations = std::move(allocations);
  return payment;
}

}  // namespace duly::daemon
