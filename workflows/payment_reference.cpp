#include "workflows/payment_reference.h"

#include <array>
#include <cctype>

namespace duly {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z'); }
int DigitValue(char c) { return c - '0'; }

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Keeps the digits of `text`; nullopt when a character is neither a digit nor in `separators`.
std::optional<std::string> DigitsOnly(std::string_view text, std::string_view separators) {
  std::string digits;
  for (char c : text) {
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (separators.find(c) == std::string_view::npos) {
      return std::nullopt;
    }
  }
  return digits;
}

// Groups `text` in blocks of four, counted from the right ("12 2345 3462 2567").
std::string GroupFromRight(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && (text.size() - i) % 4 == 0) out.push_back(' ');
    out.push_back(text[i]);
  }
  return out;
}

// Groups `text` in blocks of four, counted from the left ("RF18 5390 0754 7034").
std::string GroupFromLeft(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(text[i]);
  }
  return out;
}

// ---- OGM ----

int OgmCheck(std::uint64_t base) {
  const auto remainder = static_cast<int>(base % 97);
  return remainder == 0 ? 97 : remainder;
}

std::string TwoDigits(int value) {
  return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

std::string OgmDisplay(std::string_view digits) {
  return "+++" + std::string(digits.substr(0, 3)) + "/" + std::string(digits.substr(3, 4)) + "/" +
         std::string(digits.substr(7, 5)) + "+++";
}

Result<PaymentReference> CheckOgm(const std::string& digits) {
  if (digits.size() != 12) {
    return InvalidArgument("a Belgian structured reference (OGM) has 12 digits; this one has " +
                           std::to_string(digits.size()));
  }
  const std::uint64_t base = std::stoull(digits.substr(0, 10));
  const std::string expected = TwoDigits(OgmCheck(base));
  if (digits.substr(10) != expected) {
    return InvalidArgument("the check digits " + digits.substr(10) +
                           " of this Belgian structured reference (OGM) do not match its first "
                           "ten digits (expected " +
                           expected + "); check it for a typing error");
  }
  return PaymentReference{PaymentReferenceKind::kOgm, digits, OgmDisplay(digits)};
}

// ---- betalingskenmerk ----

// The check digit over `body` (everything right of the check digit, length code included).
int KenmerkCheck(std::string_view body) {
  static constexpr std::array<int, 10> kWeights = {2, 4, 8, 5, 10, 9, 7, 3, 6, 1};
  int sum = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    sum += DigitValue(body[body.size() - 1 - i]) * kWeights[i % kWeights.size()];
  }
  const int check = 11 - sum % 11;
  if (check == 10) return 1;
  if (check == 11) return 0;
  return check;
}

Result<PaymentReference> CheckKenmerk(const std::string& digits) {
  const std::size_t n = digits.size();
  auto valid = [&] {
    return PaymentReference{PaymentReferenceKind::kBetalingskenmerk, digits,
                            GroupFromRight(digits)};
  };
  if (n == 7) return valid();
  if (n != 16 && (n < 9 || n > 14)) {
    return InvalidArgument(
        "a Dutch payment reference (betalingskenmerk) has 7, 9 to 14 or 16 "
        "digits; this one has " +
        std::to_string(n));
  }
  if (n != 16) {
    const int length_code = static_cast<int>((n - 2) % 10);
    if (DigitValue(digits[1]) != length_code) {
      return InvalidArgument("the second digit of a " + std::to_string(n) +
                             "-digit betalingskenmerk is its length code " +
                             std::to_string(length_code) + ", not " + digits.substr(1, 1) +
                             "; check it for a typing error");
    }
  }
  const int expected = KenmerkCheck(std::string_view(digits).substr(1));
  if (DigitValue(digits[0]) != expected) {
    return InvalidArgument("the check digit " + digits.substr(0, 1) +
                           " of this betalingskenmerk does not match the other digits "
                           "(expected " +
                           std::to_string(expected) + "); check it for a typing error");
  }
  return valid();
}

// ---- ISO 11649 RF ----

// `text` (upper-case letters and digits) as a number with A=10..Z=35, modulo 97.
int Mod97(std::string_view text) {
  int remainder = 0;
  for (char c : text) {
    const int value = IsDigit(c) ? DigitValue(c) : c - 'A' + 10;
    remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value;
    remainder %= 97;
  }
  return remainder;
}

Result<std::string> RfBody(std::string_view ref) {
  std::string body;
  for (char c : ref) {
    if (c == ' ') continue;
    const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!IsUpperAlnum(upper)) {
      return InvalidArgument("an RF creditor reference may hold only letters and digits, not '" +
                             std::string(1, c) + "'");
    }
    body.push_back(upper);
  }
  if (body.empty() || body.size() > 21) {
    return InvalidArgument(
        "the reference inside an RF creditor reference has 1 to 21 letters "
        "or digits; this one has " +
        std::to_string(body.size()));
  }
  return body;
}

Result<PaymentReference> CheckRf(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (compact.size() < 5 || !IsDigit(compact[2]) || !IsDigit(compact[3])) {
    return InvalidArgument(
        "an RF creditor reference is 'RF', two check digits and 1 to 21 "
        "letters or digits");
  }
  auto body = RfBody(std::string_view(compact).substr(4));
  if (!body) return std::move(body).error();
  if (Mod97(*body + compact.substr(0, 4)) != 1) {
    return InvalidArgument("the check digits " + compact.substr(2, 2) +
                           " of this RF creditor reference do not match the reference; check it "
                           "for a typing error");
  }
  return PaymentReference{PaymentReferenceKind::kRf, compact, GroupFromLeft(compact)};
}

}  // namespace

const char* PaymentReferenceKindName(PaymentReferenceKind kind) {
  switch (kind) {
    case PaymentReferenceKind::kOgm:
      return "ogm";
    case PaymentReferenceKind::kBetalingskenmerk:
      return "betalingskenmerk";
    case PaymentReferenceKind::kRf:
      return "rf";
  }
  return "ogm";
}

std::optional<PaymentReferenceKind> ParsePaymentReferenceKind(std::string_view text) {
  for (auto kind : {PaymentReferenceKind::kOgm, PaymentReferenceKind::kBetalingskenmerk,
                    PaymentReferenceKind::kRf}) {
    if (text == PaymentReferenceKindName(kind)) return kind;
  }
  return std::nullopt;
}

Result<PaymentReference> ParsePaymentReference(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return InvalidArgument("the payment reference is empty");
  if (trimmed.size() >= 2 && (trimmed[0] == 'R' || trimmed[0] == 'r') &&
      (trimmed[1] == 'F' || trimmed[1] == 'f')) {
    return CheckRf(trimmed);
  }
  for (std::string_view wrap : {"+++", "***"}) {
    if (trimmed.starts_with(wrap)) {
      if (trimmed.size() < 6 || !trimmed.ends_with(wrap)) {
        return InvalidArgument("a Belgian structured reference (OGM) must end with " +
                               std::string(wrap) + " as it starts");
      }
      auto digits = DigitsOnly(trimmed.substr(3, trimmed.size() - 6), "/ ");
      if (!digits) {
        return InvalidArgument(
            "a Belgian structured reference (OGM) holds only digits and '/' "
            "between its " +
            std::string(wrap) + " marks");
      }
      return CheckOgm(*digits);
    }
  }
  auto digits = DigitsOnly(trimmed, " .");
  if (!digits || digits->empty()) {
    return InvalidArgument(
        "not a structured payment reference: expected an RF reference, a "
        "Belgian +++123/4567/89002+++ or a Dutch betalingskenmerk of digits");
  }
  auto kenmerk = CheckKenmerk(*digits);
  if (!kenmerk && digits->size() == 12) {
    auto ogm = CheckOgm(*digits);
    if (ogm) return ogm;
  }
  return kenmerk;
}

std::string MakeOgm(std::uint64_t base) {
  DULY_CHECK(base <= 9999999999ULL);
  std::string digits = std::to_string(base);
  digits.insert(0, 10 - digits.size(), '0');
  digits += TwoDigits(OgmCheck(base));
  return OgmDisplay(digits);
}

Result<std::string> MakeBetalingskenmerk(std::string_view digits) {
  for (char c : digits) {
    if (!IsDigit(c)) {
      return InvalidArgument("a betalingskenmerk is made from digits only, not '" +
                             std::string(1, c) + "'");
    }
  }
  std::string body;
  if (digits.size() == 15) {
    body = std::string(digits);
  } else if (digits.size() >= 7 && digits.size() <= 12) {
    body = std::to_string(digits.size() % 10) + std::string(digits);
  } else {
    return InvalidArgument("a betalingskenmerk is made from 7 to 12 or 15 digits; this has " +
                           std::to_string(digits.size()));
  }
  return std::to_string(KenmerkCheck(body)) + body;
}

Result<std::string> MakeRfReference(std::string_view ref) {
  auto body = RfBody(ref);
  if (!body) return std::move(body).error();
  const int check = 98 - Mod97(*body + "RF00");
  return "RF" + TwoDigits(check) + *body;
}

}  // namespace duly
