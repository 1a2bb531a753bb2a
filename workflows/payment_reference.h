// Structured payment references: Belgian OGM/VCS, Dutch betalingskenmerk and ISO 11649 RF.
//
// Promise: ParsePaymentReference recognises the kind from the text's shape, checks the check
// digits by the published algorithm (shared/domain/RULES.md §5) and returns the normalised form
// (what banks match on) and the display form (what letters print). The Make* functions compute
// check digits for a new reference. Errors are kInvalidArgument without a field name (callers
// add it) and say what is wrong. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly {

enum class PaymentReferenceKind {
  kOgm,               // BE "gestructureerde mededeling": 12 digits, +++123/4567/89002+++
  kBetalingskenmerk,  // NL: 7, 9..14 or 16 digits, weighted mod-11 check digit first
  kRf,                // ISO 11649: "RF", 2 check digits (mod 97-10), 1..21 letters or digits
};
const char* PaymentReferenceKindName(PaymentReferenceKind kind);  // "ogm", "betalingskenmerk", "rf"
std::optional<PaymentReferenceKind> ParsePaymentReferenceKind(std::string_view text);

struct PaymentReference {
  PaymentReferenceKind kind = PaymentReferenceKind::kOgm;
  std::string normalised;  // OGM and kenmerk: digits only; RF: "RF18539007547034"
  std::string display;     // "+++123/4567/89002+++", "5000 0567 8901 2345", "RF18 5390 0754 7034"
  friend bool operator==(const PaymentReference&, const PaymentReference&) = default;
};

// Reads a reference as a payer or an ERP writes it. Surrounding spaces are ignored.
// - "RF…" (any case, inner spaces allowed) is ISO 11649.
// - "+++…+++" or "***…***" around 12 digits (with '/' or spaces between) is an OGM.
// - Bare digits (spaces and dots between allowed) are a betalingskenmerk; 12 bare digits that
//   fail as a kenmerk but pass as an OGM are an OGM.
// Errors: kInvalidArgument when the shape is none of these or the check digits do not match.
Result<PaymentReference> ParsePaymentReference(std::string_view text);

// The OGM "+++ddd/dddd/ddddd+++" for a base number of up to 10 digits (zero-padded).
// REQUIRES: base <= 9999999999.
std::string MakeOgm(std::uint64_t base);

// The betalingskenmerk (digits only) for a reference of 7..12 digits (check digit + length code
// + digits, so 9..14 digits) or of 15 digits (check digit + digits, 16 digits).
// Errors: kInvalidArgument for a non-digit or another length.
Result<std::string> MakeBetalingskenmerk(std::string_view digits);

// "RF" + check digits + `ref` (spaces removed, upper case) for 1..21 letters and digits.
// Errors: kInvalidArgument for other characters or lengths.
Result<std::string> MakeRfReference(std::string_view ref);

}  // namespace duly
