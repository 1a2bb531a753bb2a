#include "workflows/condition.h"

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "workflows/schema_validator.h"

namespace duly {

using nlohmann::json;

namespace {

struct OperatorName {
  std::string_view name;
  ComparisonOperator op;
};

constexpr OperatorName kOperators[] = {
    {"eq", ComparisonOperator::kEq}, {"ne", ComparisonOperator::kNe},
    {"gt", ComparisonOperator::kGt}, {"gte", ComparisonOperator::kGte},
    {"lt", ComparisonOperator::kLt}, {"lte", ComparisonOperator::kLte},
    {"in", ComparisonOperator::kIn}, {"contains", ComparisonOperator::kContains},
};

bool IsOrdering(ComparisonOperator op) {
  return op == ComparisonOperator::kGt || op == ComparisonOperator::kGte ||
         op == ComparisonOperator::kLt || op == ComparisonOperator::kLte;
}

// Why `fact` cannot take `op`; empty when it can.
std::string OperatorProblem(const FactDefinition& fact, ComparisonOperator op) {
  const bool list = fact.type == FactType::kTextList;
  const bool ordered = fact.type == FactType::kMoney || fact.type == FactType::kInteger ||
                       fact.type == FactType::kNumber;
  if (op == ComparisonOperator::kContains && !list) {
    return "contains works on lists of words only; " + std::string(fact.name) + " is a " +
           FactTypeName(fact.type) + " (use eq or in)";
  }
  if (op != ComparisonOperator::kContains && list) {
    return std::string(fact.name) + " is a list of words: use contains";
  }
  if (IsOrdering(op) && !ordered) {
    return std::string(ComparisonOperatorName(op)) + " works on amounts and numbers only; " +
           std::string(fact.name) + " is a " + FactTypeName(fact.type);
  }
  return "";
}

// "low, medium, high" for the words "low|medium|high".
std::string AllowedWords(const FactDefinition& fact) {
  std::string words;
  for (char c : fact.values) words += c == '|' ? std::string(", ") : std::string(1, c);
  return words;
}

bool IsAllowedWord(const FactDefinition& fact, const std::string& word) {
  if (fact.values.empty()) return true;
  std::string_view rest = fact.values;
  while (!rest.empty()) {
    const std::size_t bar = rest.find('|');
    if (rest.substr(0, bar) == word) return true;
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return false;
}

// Converts one JSON literal to a value of the fact's type, or says why it cannot.
Result<FactValue> Literal(const FactDefinition& fact, const json& value) {
  switch (fact.type) {
    case FactType::kMoney: {
      std::string text;
      if (value.is_string()) {
        text = value.get<std::string>();
      } else if (value.is_number()) {
        text = value.dump();
        if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
      } else {
        return InvalidArgument("must be an amount such as 5000 or \"5000.00\"");
      }
      auto money = Money::Parse(text);
      if (!money) {
        return InvalidArgument("must be an amount with at most two decimals, not " + value.dump());
      }
      return FactValue(*money);
    }
    case FactType::kInteger:
      if (value.is_number_integer()) {
        if (value.is_number_unsigned() &&
            value.get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          return InvalidArgument("is too large");
        }
        return FactValue(value.get<std::int64_t>());
      }
      return InvalidArgument("must be a whole number, not " + value.dump());
    case FactType::kNumber:
      if (value.is_number()) return FactValue(value.get<double>());
      return InvalidArgument("must be a number, not " + value.dump());
    case FactType::kText:
    case FactType::kTextList:
      if (!value.is_string()) return InvalidArgument("must be a word, not " + value.dump());
      if (!IsAllowedWord(fact, value.get<std::string>())) {
        return InvalidArgument("must be one of: " + AllowedWords(fact) + "; not " + value.dump());
      }
      return FactValue(value.get<std::string>());
    case FactType::kBool:
      if (value.is_boolean()) return FactValue(value.get<bool>());
      return InvalidArgument("must be true or false, not " + value.dump());
  }
  return InternalError("unknown fact type");
}

// Builds the comparisons of one fact ({ "gte": 1, "lt": 5 }); adds problems to `fields`.
std::vector<Condition> Comparisons(const FactDefinition& fact, const json& operators,
                                   const std::string& pointer, std::vector<FieldError>& fields) {
  std::vector<Condition> parts;
  if (!operators.is_object() || operators.empty()) {
    fields.push_back({pointer, "must be an object of operators, e.g. {\"gte\": 5000}"});
    return parts;
  }
  for (const auto& item : operators.items()) {
    const std::string& name = item.key();  // not a structured binding: clang 14 cannot capture one
    const json& value = item.value();
    const std::string at = pointer + "/" + EscapePointerToken(name);
    const auto* known = std::find_if(std::begin(kOperators), std::end(kOperators),
                                     [&](const OperatorName& op) { return op.name == name; });
    if (known == std::end(kOperators)) {
      fields.push_back({at, "is not an operator; use eq, ne, gt, gte, lt, lte, in or contains"});
      continue;
    }
    if (std::string problem = OperatorProblem(fact, known->op); !problem.empty()) {
      fields.push_back({at, problem});
      continue;
    }
    std::vector<FactValue> operands;
    bool ok = true;
    if (known->op == ComparisonOperator::kIn) {
      if (!value.is_array() || value.empty()) {
        fields.push_back({at, "must be a non-empty list of values"});
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto literal = Literal(fact, value[i]);
        if (!literal) {
          fields.push_back({at + "/" + std::to_string(i), literal.error().message});
          ok = false;
        } else {
          operands.push_back(std::move(*literal));
        }
      }
    } else {
      auto literal = Literal(fact, value);
      if (!literal) {
        fields.push_back({at, literal.error().message});
        ok = false;
      } else {
        operands.push_back(std::move(*literal));
      }
    }
    if (ok) {
      parts.push_back(Condition::Compare(std::string(fact.name), known->op, std::move(operands)));
    }
  }
  return parts;
}

std::optional<Condition> Build(const json& node, const std::string& pointer,
                               std::vector<FieldError>& fields);

std::vector<Condition> BuildList(const json& list, const std::string& pointer,
                                 std::vector<FieldError>& fields) {
  std::vector<Condition> parts;
  if (!list.is_array() || list.empty()) {
    fields.push_back({pointer, "must be a non-empty list of conditions"});
    return parts;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto part = Build(list[i], pointer + "/" + std::to_string(i), fields)) {
      parts.push_back(std::move(*part));
    }
  }
  return parts;
}

std::optional<Condition> Build(const json& node, const std::string& pointer,
                               std::vector<FieldError>& fields) {
  if (!node.is_object()) {
    fields.push_back({pointer,
                      "must be a condition object, e.g. {\"invoice.amount\": {\"gte\": "
                      "5000}}"});
    return std::nullopt;
  }
  const std::size_t before = fields.size();
  std::vector<Condition> parts;
  for (const auto& [key, value] : node.items()) {
    const std::string at = pointer + "/" + EscapePointerToken(key);
    if (key == "all" || key == "any") {
      std::vector<Condition> list = BuildList(value, at, fields);
      parts.push_back(key == "all" ? Condition::All(std::move(list))
                                   : Condition::Any(std::move(list)));
    } else if (key == "not") {
      if (auto inner = Build(value, at, fields)) parts.push_back(Condition::Not(*inner));
    } else if (const FactDefinition* fact = FindFact(key)) {
      for (Condition& part : Comparisons(*fact, value, at, fields)) {
        parts.push_back(std::move(part));
      }
    } else {
      fields.push_back({at, "unknown fact \"" + key + "\""});
    }
  }
  if (fields.size() != before) return std::nullopt;
  if (parts.size() == 1) return std::move(parts.front());
  return Condition::All(std::move(parts));
}

// Orders two values of the same alternative; unordered when they differ in type or are NaN.
std::partial_ordering Order(const FactValue& left, const FactValue& right) {
  if (left.index() != right.index()) return std::partial_ordering::unordered;
  return std::visit(
      [&](const auto& a) -> std::partial_ordering {
        using T = std::decay_t<decltype(a)>;
        const T& b = std::get<T>(right);
        if constexpr (std::is_same_v<T, std::vector<std::string>> || std::is_same_v<T, bool>) {
          return a == b ? std::partial_ordering::equivalent : std::partial_ordering::unordered;
        } else {
          return a <=> b;
        }
      },
      left);
}

}  // namespace

const char* ComparisonOperatorName(ComparisonOperator op) {
  for (const OperatorName& known : kOperators) {
    if (known.op == op) return known.name.data();
  }
  return "?";
}

Result<Condition> Condition::FromJson(const json& document, const std::string& pointer) {
  std::vector<FieldError> fields;
  std::optional<Condition> condition = Build(document, pointer, fields);
  if (!condition) {
    const std::string first = fields.empty() ? "invalid" : fields.front().message;
    return InvalidArgument("condition at " + pointer + ": " + first, std::move(fields));
  }
  return std::move(*condition);
}

Condition Condition::Compare(std::string fact, ComparisonOperator op,
                             std::vector<FactValue> operands) {
  const FactDefinition* definition = FindFact(fact);
  DULY_CHECK(definition != nullptr);
  DULY_CHECK(op == ComparisonOperator::kIn ? !operands.empty() : operands.size() == 1);
  for (const FactValue& operand : operands) {
    const auto type = static_cast<std::size_t>(definition->type);
    DULY_CHECK(operand.index() == type ||
               (definition->type == FactType::kTextList &&
                operand.index() == static_cast<std::size_t>(FactType::kText)));
  }
  Condition condition;
  condition.kind_ = Kind::kCompare;
  condition.fact_ = std::move(fact);
  condition.op_ = op;
  condition.operands_ = std::move(operands);
  return condition;
}

Condition Condition::All(std::vector<Condition> conditions) {
  Condition condition;
  condition.kind_ = Kind::kAll;
  condition.children_ = std::move(conditions);
  return condition;
}

Condition Condition::Any(std::vector<Condition> conditions) {
  Condition condition;
  condition.kind_ = Kind::kAny;
  condition.children_ = std::move(conditions);
  return condition;
}

Condition Condition::Not(Condition inner) {
  Condition condition;
  condition.kind_ = Kind::kNot;
  condition.children_.push_back(std::move(inner));
  return condition;
}

bool Condition::Compares(const FactValue& value) const {
  const FactValue& operand = operands_.front();
  switch (op_) {
    case ComparisonOperator::kEq:
      return Order(value, operand) == 0;
    case ComparisonOperator::kNe:
      return Order(value, operand) != 0;
    case ComparisonOperator::kGt:
      return Order(value, operand) > 0;
    case ComparisonOperator::kGte:
      return Order(value, operand) >= 0;
    case ComparisonOperator::kLt:
      return Order(value, operand) < 0;
    case ComparisonOperator::kLte:
      return Order(value, operand) <= 0;
    case ComparisonOperator::kIn:
      return std::any_of(operands_.begin(), operands_.end(),
                         [&](const FactValue& one) { return Order(value, one) == 0; });
    case ComparisonOperator::kContains: {
      const auto* list = std::get_if<std::vector<std::string>>(&value);
      const auto* word = std::get_if<std::string>(&operand);
      return list != nullptr && word != nullptr &&
             std::find(list->begin(), list->end(), *word) != list->end();
    }
  }
  return false;
}

bool Condition::Evaluate(const Facts& facts) const {
  switch (kind_) {
    case Kind::kAll:
      return std::all_of(children_.begin(), children_.end(),
                         [&](const Condition& part) { return part.Evaluate(facts); });
    case Kind::kAny:
      return std::any_of(children_.begin(), children_.end(),
                         [&](const Condition& part) { return part.Evaluate(facts); });
    case Kind::kNot:
      return !children_.front().Evaluate(facts);
    case Kind::kCompare: {
      const FactValue* value = facts.Find(fact_);
      return value != nullptr && Compares(*value);
    }
  }
  return false;
}

std::vector<std::string> Condition::FactNames() const {
  std::vector<std::string> names;
  CollectFacts(names);
  return names;
}

void Condition::CollectFacts(std::vector<std::string>& names) const {
  if (kind_ == Kind::kCompare && std::find(names.begin(), names.end(), fact_) == names.end()) {
    names.push_back(fact_);
  }
  for (const Condition& part : children_) part.CollectFacts(names);
}

}  // namespace duly
