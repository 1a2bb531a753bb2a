#include "workflows/plans/plan_policy.h"

namespace duly {
namespace {

std::string InstallmentField(std::size_t index, const char* name) {
  return "/installments/" + std::to_string(index) + "/" + name;
}

}  // namespace

const PlanPolicy& PlanPolicies::For(const std::string& segment) const {
  auto found = by_segment.find(segment);
  return found == by_segment.end() ? fallback : found->second;
}

std::string Ordinal(int n) {
  const int last_two = n % 100;
  const int last = n % 10;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    if (last == 2) suffix = "nd";
    if (last == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string AmountText(Money amount, const std::string& currency) {
  return currency + " " + amount.ToString();
}

CalendarDate AddMonths(CalendarDate day, int months) {
  const date::year_month_day ymd{day};
  const date::year_month target = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  const date::day last =
      date::year_month_day_last{target.year(), date::month_day_last{target.month()}}.day();
  return date::sys_days{target / (ymd.day() < last ? ymd.day() : last)};
}

PlanCheck CheckPlan(const PlanDraft& draft, const PlanPolicy& policy, Money open_amount,
                    const std::string& currency) {
  PlanCheck check;
  if (draft.invoices.empty()) {
    check.errors.push_back({"/invoices", "must name at least one invoice"});
  }
  if (draft.installments.empty()) {
    check.errors.push_back({"/installments", "must have at least one installment"});
    return check;
  }
  Money sum;
  for (std::size_t i = 0; i < draft.installments.size(); ++i) {
    const InstallmentDraft& installment = draft.installments[i];
    const std::string nth = Ordinal(static_cast<int>(i + 1));
    sum += installment.amount;
    if (installment.amount <= Money()) {
      check.errors.push_back(
          {InstallmentField(i, "amount"),
           "the " + nth + " installment must be more than " + AmountText(Money(), currency)});
    } else if (installment.amount < policy.min_installment) {
      check.exceptions.push_back(
          {InstallmentField(i, "amount"),
           "the " + nth + " installment is " + AmountText(installment.amount, currency) +
               "; the minimum is " + AmountText(policy.min_installment, currency)});
    }
    if (installment.due_on < draft.starts_on) {
      check.errors.push_back(
          {InstallmentField(i, "due_on"),
           "the " + nth + " installment is due " + FormatCalendarDate(installment.due_on) +
               ", before the plan starts on " + FormatCalendarDate(draft.starts_on)});
    } else if (i > 0 && installment.due_on <= draft.installments[i - 1].due_on) {
      check.errors.push_back(
          {InstallmentField(i, "due_on"),
           "the " + nth + " installment is due " + FormatCalendarDate(installment.due_on) +
               "; it must be due after the " + Ordinal(static_cast<int>(i)) + " (" +
               FormatCalendarDate(draft.installments[i - 1].due_on) + ")"});
    }
  }
  const int count = static_cast<int>(draft.installments.size());
  if (count > policy.max_installments) {
    check.exceptions.push_back({"/installments", std::to_string(count) +
                                                     " installments; the maximum is " +
                                                     std::to_string(policy.max_installments)});
  }
  const CalendarDate latest = AddMonths(draft.starts_on, policy.max_months);
  const InstallmentDraft& last = draft.installments.back();
  if (last.due_on > latest) {
    check.exceptions.push_back({InstallmentField(draft.installments.size() - 1, "due_on"),
                                "the last installment is due " + FormatCalendarDate(last.due_on) +
                                    "; the latest is " + FormatCalendarDate(latest) + " (" +
                                    std::to_string(policy.max_months) +
                                    " months after the start)"});
  }
  if (sum != open_amount) {
    check.errors.push_back({"/installments", "the installments add up to " +
                                                 AmountText(sum, currency) +
                                                 "; the invoices' open amount is " +
                                                 AmountText(open_amount, currency)});
  }
  return check;
}

}  // namespace duly
