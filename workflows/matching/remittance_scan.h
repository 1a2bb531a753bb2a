// ScanRemittance: the references and invoice numbers a payer typed into free remittance text.
//
// Promise: reads at most kMaxScannedBytes of the text (SEPA allows 140 characters; MT940 :86: up
// to 390) and returns, without duplicates and in order of appearance:
// - references: ReferenceKey() of every structured reference found, whatever the payer's spacing
//   or wrapping ("+++090/9337/55493+++", "090/9337/55493", "RF18 5390 0754 7034",
//   "5000 0567 8901 2345"); only those whose check digits pass.
// - invoice_numbers: InvoiceNumberKey() of every run of 1 to 4 adjacent words or word parts
//   (split at spaces, '-', '_', '.', '/'; any other punctuation ends a run), so "INV 2026-001",
//   "inv2026001" and "INV-2026-001, INV-2026-002" all yield the invoice numbers they hold.
// Keys are candidates to look up, not matches: most of them name nothing. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duly {

inline constexpr std::size_t kMaxScannedBytes = 2048;

struct RemittanceClues {
  std::vector<std::string> references;
  std::vector<std::string> invoice_numbers;
  friend bool operator==(const RemittanceClues&, const RemittanceClues&) = default;
};

RemittanceClues ScanRemittance(std::string_view text);

}  // namespace duly
