// duly::Condition: a rule over facts that decides whether a workflow step runs or a customer is in
// a segment.
//
// JSON form (schemas/workflow.schema.json#/definitions/condition):
//   {}                                             always holds
//   { "invoice.amount": { "gte": 5000 } }          one comparison
//   { "customer.kind": { "eq": "b2b" }, "customer.open_disputes": { "eq": 0 } }
//                                                  several keys: all must hold
//   { "invoice.amount": { "gte": 100, "lt": 500 } } several operators: all must hold
//   { "all": [ ... ] }, { "any": [ ... ] }, { "not": { ... } }
// Operators: eq, ne (any fact but a list), gt, gte, lt, lte (amounts and numbers), in (a list of
// values; any fact but a list), contains (a list fact holds the word).
//
// Promise: FromJson() accepts only known facts (facts.h) with values of the fact's type and
// reports every problem as a FieldError under the given JSON pointer. Amounts compare exactly:
// the literal 5000 or "5000.00" becomes Money 5000.00, and a literal with more than two decimals
// is refused. A comparison whose fact is missing from the Facts is false, whatever the operator
// (so { "not": ... } of it is true). Evaluate() has no side effects. Immutable after
// construction; safe to evaluate from many threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "workflows/facts.h"
#include "workflows/status.h"

namespace duly {

enum class ComparisonOperator { kEq, kNe, kGt, kGte, kLt, kLte, kIn, kContains };
const char* ComparisonOperatorName(ComparisonOperator op);  // "eq", "gte", ...

class Condition {
 public:
  // The condition that always holds ({}).
  Condition() = default;

  // Builds a condition from its JSON form. `pointer` names `json` in the enclosing document
  // ("/steps/0/when") and prefixes every FieldError. Errors (kInvalidArgument, one FieldError per
  // problem): not an object; an unknown fact or operator; an operator the fact's type does not
  // support; a value of the wrong type or outside the fact's words; an empty all/any.
  static Result<Condition> FromJson(const nlohmann::json& document, const std::string& pointer);

  // One comparison. REQUIRES: `fact` is known and `operands` match its type (one operand except
  // for kIn). For code that builds conditions without JSON.
  static Condition Compare(std::string fact, ComparisonOperator op,
                           std::vector<FactValue> operands);
  static Condition All(std::vector<Condition> conditions);
  static Condition Any(std::vector<Condition> conditions);
  static Condition Not(Condition condition);

  // True when the condition holds for `facts`.
  bool Evaluate(const Facts& facts) const;

  // True for {} (an empty "all").
  bool IsAlways() const { return kind_ == Kind::kAll && children_.empty(); }

  // The facts this condition reads, each once, in first-use order.
  std::vector<std::string> FactNames() const;

 private:
  enum class Kind { kAll, kAny, kNot, kCompare };
  bool Compares(const FactValue& value) const;
  void CollectFacts(std::vector<std::string>& names) const;

  Kind kind_ = Kind::kAll;
  std::vector<Condition> children_;  // kAll, kAny: the parts; kNot: exactly one
  std::string fact_;                 // kCompare
  ComparisonOperator op_ = ComparisonOperator::kEq;
  std::vector<FactValue> operands_;  // kCompare: one value, or the list for kIn
};

}  // namespace duly
