// SociCaseStore's due work (reminders and escalations) and the report's facts
// (soci_case_store.h, case_store.h).
#include <nlohmann/json.hpp>

#include "daemon/store/case_messages.h"
#include "daemon/store/case_table.h"
#include "daemon/store/colleague_table.h"
#include "daemon/store/soci_case_store.h"
#include "workflows/cases/case_assignee.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

const Actor kCasesActor{"cases"};

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

const Colleague* FindActive(const std::vector<Colleague>& colleagues, const std::string& id) {
  for (const Colleague& colleague : colleagues) {
    if (colleague.id == id) return &colleague;
  }
  return nullptr;
}

}  // namespace

Result<std::int64_t> SociCaseStore::RemindDue(Instant now, int limit) {
  if (limit < 1) return FieldInvalid("/limit", "must be at least 1");
  return Write<std::int64_t>(
      "reminding assignees of cases", kCasesActor,
      [&](soci::session& s, HistoryChain& chain) -> Result<std::int64_t> {
        const DatabaseKind kind = connections_->kind();
        CaseTable cases(s, kind);
        const std::vector<std::int64_t> due = cases.DueReminders(now, limit);
        if (due.empty()) return std::int64_t{0};
        const std::vector<Colleague> colleagues = ColleagueTable(s, kind).ListActive();
        CaseMessages messages(s, chain.at(), policy_.time_zone);
        for (std::int64_t id : due) {
          ComplaintCase subject = *cases.Find(id);
          const Colleague* assignee = FindActive(colleagues, subject.assignee);
          std::int64_t message = 0;
          if (assignee != nullptr) {
            message = messages.ToColleague(subject, *assignee, "case_reminder", "reminder",
                                           policy_.colleague_language);
          }
          cases.SetReminded(id, chain.at());
          chain.Append("case.reminder_sent", subject.customer, subject.invoices.front(),
                       Dump(json{{"case", id},
                                 {"assignee", subject.assignee},
                                 {"deadline_at", FormatInstantUtc(subject.deadline_at)},
                                 {"message", message}}));
        }
        return static_cast<std::int64_t>(due.size());
      });
}

Result<std::int64_t> SociCaseStore::EscalateDue(Instant now, int limit) {
  if (limit < 1) return FieldInvalid("/limit", "must be at least 1");
  return Write<std::int64_t>(
      "escalating cases", kCasesActor,
      [&](soci::session& s, HistoryChain& chain) -> Result<std::int64_t> {
        const DatabaseKind kind = connections_->kind();
        CaseTable cases(s, kind);
        const std::vector<std::int64_t> due = cases.DueEscalations(now, limit);
        if (due.empty()) return std::int64_t{0};
        const std::vector<Colleague> colleagues = ColleagueTable(s, kind).ListActive();
        CaseMessages messages(s, chain.at(), policy_.time_zone);
        for (std::int64_t id : due) {
          ComplaintCase subject = *cases.Find(id);
          const std::int64_t level = subject.escalation_level + 1;
          const std::string to = ManagerAbove(subject.assignee, level, colleagues);
          std::int64_t message = 0;
          std::optional<Instant> next;
          if (!to.empty()) {
            message = messages.ToColleague(subject, *FindActive(colleagues, to), "case_escalated",
                                           "escalated", policy_.colleague_language);
            next = NextEscalationAt(policy_, subject.category, chain.at());
          }
          // At the top of the chain the case stays escalated at its level, with nobody left.
          cases.SetEscalated(id, to.empty() ? subject.escalation_level : level, chain.at(), next);
          chain.Append("case.escalated", subject.customer, subject.invoices.front(),
                       Dump(json{{"case", id},
                                 {"level", to.empty() ? subject.escalation_level : level},
                                 {"assignee", subject.assignee},
                                 {"to", to},
                                 {"message", message}}));
        }
        return static_cast<std::int64_t>(due.size());
      });
}

Result<std::optional<Instant>> SociCaseStore::NextCaseDue() {
  return Read<std::optional<Instant>>("reading when cases are due", [&](soci::session& s) {
    return Result<std::optional<Instant>>(CaseTable(s, connections_->kind()).NextDue());
  });
}

Result<std::vector<ComplaintFact>> SociCaseStore::ComplaintFacts(std::optional<Instant> from,
                                                                 std::optional<Instant> to) {
  return Read<std::vector<ComplaintFact>>("reading the complaints report", [&](soci::session& s) {
    return Result<std::vector<ComplaintFact>>(CaseTable(s, connections_->kind()).Facts(from, to));
  });
}

}  // namespace duly::daemon
