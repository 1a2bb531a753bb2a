#include "daemon/statements/mt940_details.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "daemon/statements/statement_amount.h"

namespace duly::statements {
namespace {

// Collapses runs of whitespace to one space and trims.
std::string Tidy(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string WithoutSlashes(std::string_view text) {
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  while (!text.empty() && text.front() == '/') text.remove_prefix(1);
  return Tidy(text);
}

constexpr std::array<std::string_view, 23> kSlashCodes = {
    "EREF", "PREF", "CNTP", "REMI", "ORDP", "BENM", "NAME", "ADDR", "ISDT", "RTRN", "MARF", "CSID",
    "TRCD", "IBAN", "BIC",  "PURP", "ULTC", "ULTD", "ULTB", "BUSP", "TRTP", "SUM",  "MREF"};

bool IsSlashCode(std::string_view code) {
  for (const std::string_view known : kSlashCodes) {
    if (known == code) return true;
  }
  return false;
}

// Splits "/EREF/x//CNTP/a/b/c///REMI/USTD//t/" at each "/CODE/" with a known code.
std::vector<std::pair<std::string, std::string>> SlashFields(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t value_start = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '/') continue;
    const auto close = text.find('/', i + 1);
    if (close == std::string_view::npos) break;
    const std::string_view code = text.substr(i + 1, close - i - 1);
    if (!IsSlashCode(code)) continue;
    if (!fields.empty())
      fields.back().second = std::string(text.substr(value_start, i - value_start));
    fields.emplace_back(std::string(code), std::string());
    value_start = close + 1;
    i = close - 1;  // the closing slash may open the next code ("/BENM//NAME/")
  }
  if (!fields.empty()) fields.back().second = std::string(text.substr(value_start));
  return fields;
}

void ApplySlashCodes(std::string_view text, StatementEntry& entry) {
  for (const auto& [code, raw] : SlashFields(text)) {
    const std::string value = WithoutSlashes(raw);
    if (code == "EREF") {
      if (value != "NOTPROVIDED") entry.end_to_end_id = value;
    } else if (code == "NAME") {
      entry.counterparty_name = value;
    } else if (code == "IBAN") {
      entry.counterparty_iban = value;
    } else if (code == "CNTP") {
      // account/BIC/name/city
      std::vector<std::string> parts;
      std::string_view rest = raw;
      while (true) {
        const auto slash = rest.find('/');
        parts.push_back(Tidy(rest.substr(0, slash)));
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
      }
      if (!parts.empty() && !parts[0].empty()) entry.counterparty_iban = parts[0];
      if (parts.size() > 2 && !parts[2].empty()) entry.counterparty_name = parts[2];
    } else if (code == "REMI") {
      std::string_view remi = raw;
      if (remi.substr(0, 6) == "USTD//") {
        entry.remittance_text = WithoutSlashes(remi.substr(6));
      } else if (remi.substr(0, 9) == "STRD/CUR/") {
        entry.creditor_reference = WithoutSlashes(remi.substr(9));
      } else {
        entry.remittance_text = value;
      }
    }
  }
}

// German "?20..." (Triodos ">20...") numbered subfields.
void ApplyNumbered(std::string_view text, char separator, StatementEntry& entry) {
  std::map<int, std::string> fields;
  std::size_t i = 3;
  while (i + 2 < text.size() && text[i] == separator) {
    const int number = (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    std::size_t end = i + 3;
    while (end < text.size() &&
           !(text[end] == separator && end + 2 < text.size() && text[end + 1] >= '0' &&
             text[end + 1] <= '9' && text[end + 2] >= '0' && text[end + 2] <= '9')) {
      ++end;
    }
    fields[number] += std::string(text.substr(i + 3, end - i - 3));
    i = end;
  }
  std::string purpose;
  for (const auto& [number, value] : fields) {
    if ((number >= 20 && number <= 29) || (number >= 60 && number <= 63)) purpose += value;
  }
  const std::string account = Tidy(fields[31]);
  if (HasIbanShape(account)) entry.counterparty_iban = account;
  entry.counterparty_name = Tidy(fields[32] + fields[33]);
  // SEPA keys inside the purpose: EREF+, KREF+, MREF+, CRED+, DEBT+, SVWZ+, ABWA+, ABWE+.
  constexpr std::array<std::string_view, 8> kKeys = {"EREF+", "KREF+", "MREF+", "CRED+",
                                                     "DEBT+", "SVWZ+", "ABWA+", "ABWE+"};
  std::vector<std::pair<std::size_t, std::string_view>> found;
  for (const std::string_view key : kKeys) {
    if (const auto at = purpose.find(key); at != std::string::npos) found.emplace_back(at, key);
  }
  if (found.empty()) {
    entry.remittance_text = Tidy(purpose);
    return;
  }
  std::sort(found.begin(), found.end());
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t begin = found[k].first + 5;
    const std::size_t end = k + 1 < found.size() ? found[k + 1].first : purpose.size();
    const std::string value = Tidy(std::string_view(purpose).substr(begin, end - begin));
    if (found[k].second == "EREF+") entry.end_to_end_id = value;
    if (found[k].second == "SVWZ+") entry.remittance_text = value;
  }
  if (entry.remittance_text.empty()) entry.remittance_text = Tidy(purpose);
}

}  // namespace

void ApplyMt940Details(std::string_view text, StatementEntry& entry) {
  const std::string tidy = Tidy(text);
  const std::string_view view = tidy;
  if (view.size() >= 4 && view[0] >= '0' && view[0] <= '9' && view[1] >= '0' && view[1] <= '9' &&
      view[2] >= '0' && view[2] <= '9' && (view[3] == '?' || view[3] == '>')) {
    ApplyNumbered(text.substr(text.find(view[3]) - 3), view[3], entry);
    return;
  }
  if (!view.empty() && view.front() == '/' && !SlashFields(view).empty()) {
    ApplySlashCodes(text, entry);
    return;
  }
  entry.remittance_text = tidy;
}

}  // namespace duly::statements
