// duly::Facts: the named facts that workflow conditions and segment rules are written over, and
// one set of their values for one invoice and its customer.
//
// Promise: kFactDefinitions lists every fact a condition may name ("invoice.amount",
// "customer.tags", ...) with its type; a condition naming anything else is refused by the parser.
// Amount facts are exact duly::Money, never floating point. A Facts object holds at most one
// value per fact, always of the fact's declared type: the setters check both the name and the
// type and abort on a mismatch (a programmer error, DULY_CHECK). A fact that was never set is
// missing; conditions treat a comparison with a missing fact as false (see condition.h).
// Header only. Thread-compatible: a const Facts may be read from many threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

enum class FactType {
  kMoney,     // exact amount in the invoice's currency (duly::Money)
  kInteger,   // whole number (std::int64_t)
  kNumber,    // real number (double): averages and ratios
  kText,      // one word (std::string)
  kTextList,  // a set of words (std::vector<std::string>)
  kBool,
};

struct FactDefinition {
  std::string_view name;  // "invoice.amount"
  FactType type;
  std::string_view values;   // for kText: the allowed words separated by '|'; empty = any word
  std::string_view meaning;  // one line for documentation and error messages
};

inline constexpr std::array kFactDefinitions = {
    FactDefinition{"invoice.amount", FactType::kMoney, "", "the invoice's total amount"},
    FactDefinition{"invoice.open_amount", FactType::kMoney, "", "what is still unpaid on it"},
    FactDefinition{"invoice.days_overdue", FactType::kInteger, "",
                   "days since the due date; negative before it"},
    FactDefinition{"invoice.currency", FactType::kText, "", "ISO 4217 code (\"EUR\")"},
    FactDefinition{"customer.kind", FactType::kText, "b2b|b2c", "business or consumer"},
    FactDefinition{"customer.tags", FactType::kTextList, "", "the customer's tags"},
    FactDefinition{"customer.language", FactType::kText, "", "ISO 639-1 code (\"nl\")"},
    FactDefinition{"customer.open_amount", FactType::kMoney, "",
                   "the sum of the customer's open invoices"},
    FactDefinition{"customer.revenue_rank_12m", FactType::kInteger, "",
                   "rank by revenue over the last 12 months; 1 is the largest customer"},
    FactDefinition{"customer.avg_days_late", FactType::kNumber, "",
                   "average days paid after the due date over the last 12 months"},
    FactDefinition{"customer.promise_kept_ratio", FactType::kNumber, "",
                   "share of promises to pay kept, 0 to 1"},
    FactDefinition{"customer.open_disputes", FactType::kInteger, "",
                   "number of open dispute cases"},
    FactDefinition{"customer.risk_rating", FactType::kText, "low|medium|high",
                   "credit risk rating"},
};

// Returns the definition of `name`, or nullptr when no such fact exists.
inline const FactDefinition* FindFact(std::string_view name) {
  for (const FactDefinition& fact : kFactDefinitions) {
    if (fact.name == name) return &fact;
  }
  return nullptr;
}

// "amount", "whole number", "number", "word", "list of words", "true or false".
inline const char* FactTypeName(FactType type) {
  switch (type) {
    case FactType::kMoney:
      return "amount";
    case FactType::kInteger:
      return "whole number";
    case FactType::kNumber:
      return "number";
    case FactType::kText:
      return "word";
    case FactType::kTextList:
      return "list of words";
    case FactType::kBool:
      return "true or false";
  }
  return "?";
}

// One fact's value; the alternative always matches the fact's FactType (same order).
using FactValue =
    std::variant<Money, std::int64_t, double, std::string, std::vector<std::string>, bool>;

class Facts {
 public:
  // Each setter replaces any earlier value of `name`.
  // REQUIRES: `name` is in kFactDefinitions with the setter's type.
  void SetMoney(std::string_view name, Money value) { Set(name, FactType::kMoney, value); }
  void SetInteger(std::string_view name, std::int64_t value) {
    Set(name, FactType::kInteger, value);
  }
  void SetNumber(std::string_view name, double value) { Set(name, FactType::kNumber, value); }
  void SetText(std::string_view name, std::string value) {
    Set(name, FactType::kText, std::move(value));
  }
  void SetTextList(std::string_view name, std::vector<std::string> value) {
    Set(name, FactType::kTextList, std::move(value));
  }
  void SetBool(std::string_view name, bool value) { Set(name, FactType::kBool, value); }

  // Removes the value of `name`; it is then missing.
  void Erase(std::string_view name) {
    auto found = values_.find(name);
    if (found != values_.end()) values_.erase(found);
  }

  // The value of `name`, or nullptr when it is missing.
  const FactValue* Find(std::string_view name) const {
    auto found = values_.find(name);
    return found == values_.end() ? nullptr : &found->second;
  }

 private:
  void Set(std::string_view name, FactType type, FactValue value) {
    const FactDefinition* fact = FindFact(name);
    DULY_CHECK(fact != nullptr);
    DULY_CHECK(fact->type == type);
    values_.insert_or_assign(std::string(name), std::move(value));
  }

  std::map<std::string, FactValue, std::less<>> values_;
};

}  // namespace duly
