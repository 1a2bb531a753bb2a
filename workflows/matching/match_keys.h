// The normalised keys the matcher indexes and looks up: references, invoice numbers, IBANs, names.
//
// Promise: the same function normalises the stored side and the payer's side, so equal keys mean
// "the payer wrote this item's reference / number / account / name":
// - ReferenceKey: the normalised form of a structured reference that passes its check digits
//   (workflows/payment_reference.h), nullopt otherwise. A wrong check digit never yields a key.
// - InvoiceNumberKey: upper-case ASCII letters and digits only ("inv-2026/001" -> "INV2026001");
//   empty when the result has fewer than 3 characters or no digit (too weak to match on).
// - IbanKey: upper-case letters and digits only ("nl91 abna 0417 1643 00" -> "NL91ABNA0417164300").
// - CustomerNameKey: ASCII lower case, dots dropped, other punctuation as spaces, legal-form words
//   (bv, nv, vof, cv, bvba, srl, sa, sprl, vzw, gmbh, ltd, inc, llc) removed, single spaces.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duly {

std::optional<std::string> ReferenceKey(std::string_view text);
std::string InvoiceNumberKey(std::string_view text);
std::string IbanKey(std::string_view text);
std::string CustomerNameKey(std::string_view text);

}  // namespace duly
