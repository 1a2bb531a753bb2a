// SociCaseStore: opening, reading and working a case (soci_case_store.h).
#include "daemon/store/soci_case_store.h"

#include <nlohmann/json.hpp>

#include "daemon/store/case_messages.h"
#include "daemon/store/case_table.h"
#include "daemon/store/colleague_table.h"
#include "daemon/store/customer_table.h"
#include "workflows/cases/case_assignee.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr const char* kInvoiceOfCase = "SELECT customer, kind, status FROM invoices WHERE id = :id";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

const Colleague* FindActive(const std::vector<Colleague>& colleagues, const std::string& id) {
  for (const Colleague& colleague : colleagues) {
    if (colleague.id == id) return &colleague;
  }
  return nullptr;
}

std::string FirstInvoice(const ComplaintCase& subject) {
  return subject.invoices.empty() ? "" : subject.invoices.front();
}

Error Closed(const ComplaintCase& subject) {
  return Conflict("case " + std::to_string(subject.id) + " is " + CaseStateName(subject.state));
}

}  // namespace

SociCaseStore::SociCaseStore(std::shared_ptr<Connections> connections, const Clock& clock,
                             CasePolicy policy)
    : StoreTransactions(std::move(connections), clock), policy_(std::move(policy)) {
  DULY_CHECK(Validate(policy_).empty());
}

Result<ComplaintCase> SociCaseStore::OpenCase(const NewCase& opened, const Actor& actor) {
  std::vector<FieldError> errors = Validate(opened);
  if (!errors.empty()) return InvalidArgument("the case is not valid", std::move(errors));
  return Write<ComplaintCase>(
      "opening a case for customer " + opened.customer, actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<ComplaintCase> {
        const DatabaseKind kind = connections_->kind();
        std::optional<Customer> customer = CustomerTable(s, kind).Find(opened.customer);
        if (!customer) {
          return Error{ErrorCode::kNotFound,
                       "customer " + opened.customer + " does not exist",
                       {{"/customer", "no such customer"}}};
        }
        std::vector<FieldError> invoice_errors;
        for (std::size_t i = 0; i < opened.invoices.size(); ++i) {
          std::string owner, invoice_kind, status;
          s << kInvoiceOfCase, soci::use(opened.invoices[i], "id"), soci::into(owner),
              soci::into(invoice_kind), soci::into(status);
          const std::string field = "/invoices/" + std::to_string(i);
          if (!s.got_data()) {
            invoice_errors.push_back({field, "invoice " + opened.invoices[i] + " does not exist"});
          } else if (owner != opened.customer) {
            invoice_errors.push_back({field, "invoice " + opened.invoices[i] + " is not customer " +
                                                 opened.customer + "'s"});
          } else if (invoice_kind != "invoice") {
            invoice_errors.push_back({field, "a credit note cannot be disputed"});
          } else if (status != "open") {
            invoice_errors.push_back({field, "invoice " + opened.invoices[i] + " is " + status});
          }
        }
        if (!invoice_errors.empty()) {
          return InvalidArgument("the case names invoices it cannot cover",
                                 std::move(invoice_errors));
        }
        CaseTable cases(s, kind);
        const std::vector<Colleague> colleagues = ColleagueTable(s, kind).ListActive();
        ComplaintCase record;
        record.customer = opened.customer;
        record.invoices = opened.invoices;
        record.category = opened.category;
        record.department = DepartmentOf(policy_, opened.category);
        record.description = opened.description;
        record.source = opened.source;
        record.opened_by = actor.name;
        if (!opened.assignee.empty()) {
          if (FindActive(colleagues, opened.assignee) == nullptr) {
            return FieldInvalid("/assignee", "no active colleague " + opened.assignee);
          }
          record.assignee = opened.assignee;
        } else {
          Result<std::string> chosen =
              ChooseCaseAssignee(record.department, customer->account_manager, colleagues,
                                 cases.OpenCasesPerAssignee());
          if (!chosen) return chosen.error();
          record.assignee = *chosen;
        }
        record.created_at = chain.at();
        record.deadline_at = CaseDeadline(policy_, record.category, record.created_at);
        record.reminder_at = CaseReminderAt(policy_, record.created_at, record.deadline_at);
        record.next_escalation_at = record.deadline_at;
        record.id = cases.Insert(record);
        const Colleague& assignee = *FindActive(colleagues, record.assignee);
        const std::int64_t message = CaseMessages(s, chain.at(), policy_.time_zone)
                                         .ToColleague(record, assignee, "case_assigned", "opened",
                                                      policy_.colleague_language);
        chain.Append("case.opened", record.customer, FirstInvoice(record),
                     Dump(json{{"case", record.id},
                               {"category", record.category},
                               {"department", record.department},
                               {"assignee", record.assignee},
                               {"invoices", record.invoices},
                               {"source", record.source},
                               {"deadline_at", FormatInstantUtc(record.deadline_at)},
                               {"message", message}}));
        return *cases.Find(record.id);
      });
}

Result<ComplaintCase> SociCaseStore::GetCase(std::int64_t id) {
  return Read<ComplaintCase>("reading case " + std::to_string(id),
                             [&](soci::session& s) -> Result<ComplaintCase> {
                               auto found = CaseTable(s, connections_->kind()).Find(id);
                               if (!found)
                                 return NotFound("case " + std::to_string(id) + " does not exist");
                               return *found;
                             });
}

Result<Page<ComplaintCase>> SociCaseStore::ListCases(const CaseFilter& filter,
                                                     const PageRequest& page) {
  if (page.limit < 1 || page.limit > 1000) return FieldInvalid("/limit", "must be 1 to 1000");
  if (!page.after.empty() && page.after.find_first_not_of("0123456789") != std::string::npos) {
    return FieldInvalid("/after", "must be a case id");
  }
  if (page.after.size() > 18) return FieldInvalid("/after", "must be a case id");
  return Read<Page<ComplaintCase>>("listing cases", [&](soci::session& s) {
    return Result<Page<ComplaintCase>>(CaseTable(s, connections_->kind()).List(filter, page));
  });
}

Result<ComplaintCase> SociCaseStore::AcknowledgeCase(std::int64_t id, const std::string& colleague,
                                                     const Actor& actor) {
  return Write<ComplaintCase>("acknowledging case " + std::to_string(id), actor,
                              [&](soci::session& s, HistoryChain& chain) -> Result<ComplaintCase> {
                                CaseTable cases(s, connections_->kind());
                                auto found = cases.Find(id, true);
                                if (!found)
                                  return NotFound("case " + std::to_string(id) + " does not exist");
                                if (IsCaseClosed(found->state)) return Closed(*found);
                                cases.SetAcknowledged(id, chain.at());
                                chain.Append("case.acknowledged", found->customer,
                                             FirstInvoice(*found),
                                             Dump(json{{"case", id}, {"colleague", colleague}}));
                                return *cases.Find(id);
                              });
}

Result<CaseComment> SociCaseStore::CommentCase(std::int64_t id, const std::string& author,
                                               const std::string& text, const Actor& actor) {
  if (text.empty()) return FieldInvalid("/text", "say something");
  if (text.size() > 4000) return FieldInvalid("/text", "at most 4000 characters");
  return Write<CaseComment>(
      "commenting on case " + std::to_string(id), actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<CaseComment> {
        CaseTable cases(s, connections_->kind());
        auto found = cases.Find(id, true);
        if (!found) return NotFound("case " + std::to_string(id) + " does not exist");
        if (IsCaseClosed(found->state)) return Closed(*found);
        CaseComment comment = cases.AddComment(id, author, text, chain.at());
        chain.Append(
            "case.commented", found->customer, FirstInvoice(*found),
            Dump(json{{"case", id}, {"comment", comment.id}, {"author", author}, {"text", text}}));
        return comment;
      });
}

Result<ComplaintCase> SociCaseStore::ReassignCase(std::int64_t id, const std::string& assignee,
                                                  const std::string& note, const Actor& actor) {
  return Write<ComplaintCase>(
      "reassigning case " + std::to_string(id), actor,
      [&](soci::session& s, HistoryChain& chain) -> Result<ComplaintCase> {
        const DatabaseKind kind = connections_->kind();
        CaseTable cases(s, kind);
        auto found = cases.Find(id, true);
        if (!found) return NotFound("case " + std::to_string(id) + " does not exist");
        if (IsCaseClosed(found->state)) return Closed(*found);
        const std::vector<Colleague> colleagues = ColleagueTable(s, kind).ListActive();
        const Colleague* target = FindActive(colleagues, assignee);
        if (target == nullptr) return FieldInvalid("/assignee", "no active colleague " + assignee);
        if (assignee == found->assignee) {
          return FieldInvalid("/assignee", "the case is already assigned to " + assignee);
        }
        const std::string previous = found->assignee;
        cases.SetAssignee(id, assignee);
        found->assignee = assignee;
        const std::int64_t message = CaseMessages(s, chain.at(), policy_.time_zone)
                                         .ToColleague(*found, *target, "case_assigned",
                                                      "reassigned", policy_.colleague_language);
        chain.Append("case.reassigned", found->customer, FirstInvoice(*found),
                     Dump(json{{"case", id},
                               {"from", previous},
                               {"to", assignee},
                               {"note", note},
                               {"message", message}}));
        return *cases.Find(id);
      });
}

}  // namespace duly::daemon
