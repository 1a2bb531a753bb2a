#include "workflows/engine/collection_facts.h"

#include <algorithm>
#include <array>

namespace duly {
namespace {

constexpr std::array<std::string_view, 8> kRecordFacts = {
    "invoice.amount", "invoice.open_amount", "invoice.days_overdue", "invoice.currency",
    "customer.kind",  "customer.tags",       "customer.language",    "customer.risk_rating",
};

}  // namespace

bool IsAggregateFact(std::string_view name) {
  if (FindFact(name) == nullptr) return false;
  return std::none_of(kRecordFacts.begin(), kRecordFacts.end(),
                      [name](std::string_view record) { return record == name; });
}

Facts CollectionFacts(const TimerInput& input, Instant now, std::string_view time_zone) {
  Facts facts = input.facts;
  if (input.invoice) {
    const Invoice& invoice = *input.invoice;
    facts.SetMoney("invoice.amount", invoice.amount);
    facts.SetMoney("invoice.open_amount", invoice.open_amount);
    facts.SetText("invoice.currency", invoice.currency);
    const CalendarDate today = LocalDay(now, time_zone);
    facts.SetInteger("invoice.days_overdue", (today - invoice.due).count());
  }
  if (input.customer) {
    const Customer& customer = *input.customer;
    facts.SetText("customer.kind", CustomerKindName(customer.kind));
    facts.SetTextList("customer.tags", customer.tags);
    facts.SetText("customer.language", customer.language);
    if (!customer.risk_rating.empty()) facts.SetText("customer.risk_rating", customer.risk_rating);
  }
  return facts;
}

}  // namespace duly
