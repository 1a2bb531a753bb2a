// Complaint cases: POST/GET /v1/cases, GET /v1/cases/{id}, POST /v1/cases/{id}/acknowledge,
// /comments, /reassign and /resolve, and GET /v1/reports/complaints (JSON, or CSV with
// ?format=csv or Accept: text/csv).
//
// Collectors and managers open and read cases; colleagues read them and act (acknowledge,
// comment, reassign, resolve) on the cases assigned to them: a colleague token acting on another
// colleague's case gets 403. The acting colleague is the body's "colleague" when given, else the
// token's name when a colleague has that id (as for tasks). Null ApiContext::cases: 503.
#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/iso_instant.h"
#include "daemon/api/resource_routes.h"
#include "daemon/csv/csv_writer.h"
#include "workflows/cases/case_store.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

const std::set<Role> kReaders = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague};
const std::set<Role> kOpeners = {Role::kAdmin, Role::kManager, Role::kCollector};
const std::set<Role> kReportReaders = {Role::kAdmin, Role::kManager};

json InstantJson(const std::optional<Instant>& at) {
  return at ? json(FormatInstantUtc(*at)) : json(nullptr);
}

json ResolutionToJson(const CaseResolution& resolution) {
  json value = {{"kind", ResolutionKindName(resolution.kind)}, {"note", resolution.note}};
  if (!resolution.invoice.empty()) value["invoice"] = resolution.invoice;
  if (resolution.new_amount) value["new_amount"] = resolution.new_amount->ToString();
  if (resolution.new_due) value["new_due"] = FormatCalendarDate(*resolution.new_due);
  if (!resolution.explanation.empty()) value["explanation"] = resolution.explanation;
  return value;
}

json CaseJson(const ComplaintCase& subject, const std::string& public_url) {
  json comments = json::array();
  for (const CaseComment& comment : subject.comments) {
    comments.push_back({{"id", comment.id},
                        {"author", comment.author},
                        {"text", comment.text},
                        {"at", FormatInstantUtc(comment.at)}});
  }
  return {{"id", subject.id},
          {"customer", subject.customer},
          {"invoices", subject.invoices},
          {"category", subject.category},
          {"department", subject.department},
          {"assignee", subject.assignee},
          {"description", subject.description},
          {"source", subject.source},
          {"opened_by", subject.opened_by},
          {"state", CaseStateName(subject.state)},
          {"created_at", FormatInstantUtc(subject.created_at)},
          {"deadline_at", FormatInstantUtc(subject.deadline_at)},
          {"reminder_at", InstantJson(subject.reminder_at)},
          {"reminded_at", InstantJson(subject.reminded_at)},
          {"acknowledged_at", InstantJson(subject.acknowledged_at)},
          {"escalation_level", subject.escalation_level},
          {"escalated_at", InstantJson(subject.escalated_at)},
          {"next_escalation_at", InstantJson(subject.next_escalation_at)},
          {"closed_at", InstantJson(subject.closed_at)},
          {"resolution", subject.resolution ? ResolutionToJson(*subject.resolution) : json()},
          {"comments", std::move(comments)},
          {"link", public_url + "/cases/" + std::to_string(subject.id)}};
}

Result<std::int64_t> CaseId(const RouteContext& route) {
  const std::string& text = route.params.at("id");
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NotFound("case " + text + " does not exist (case ids are whole numbers)");
  }
  return std::stoll(text);
}

// The acting colleague: `named` when given, else the token's name when a colleague has it.
Result<std::string> ActingColleague(const ApiContext& context, const RouteContext& route,
                                    const std::string& named) {
  const std::string id = named.empty() ? route.principal->name : named;
  Result<Colleague> colleague = context.store.GetColleague(id);
  if (colleague) return id;
  if (colleague.error().code != ErrorCode::kNotFound) return std::move(colleague).error();
  if (named.empty()) {
    return FieldInvalid(
        "/colleague",
        "the token \"" + id + "\" is not a colleague's id: name the colleague who acts");
  }
  return FieldInvalid("/colleague", "colleague " + id + " does not exist");
}

// The body checked against `schema`, the case id, and the colleague acting on it (a colleague
// token only on its own cases).
struct CaseAction {
  json body;
  std::int64_t id = 0;
  std::string colleague;
};

Result<CaseAction> ReadAction(const ApiContext& context, const RouteContext& route,
                              const SchemaValidator& schema) {
  Result<json> body = ParseJson(route.request.body);
  if (!body) return std::move(body).error();
  if (Status valid = schema.Validate(*body); !valid) return std::move(valid).error();
  Result<std::int64_t> id = CaseId(route);
  if (!id) return std::move(id).error();
  CaseAction action{*body, *id, ""};
  const std::string named = body->value("colleague", "");
  if (route.principal->role == Role::kColleague) {
    if (!named.empty() && named != route.principal->name) {
      return Error{ErrorCode::kPermissionDenied,
                   "a colleague token acts only as its own colleague",
                   {{"/colleague", "must be left out or be " + route.principal->name}}};
    }
    Result<ComplaintCase> subject = context.cases->GetCase(*id);
    if (!subject) return std::move(subject).error();
    if (subject->assignee != route.principal->name) {
      return Error{ErrorCode::kPermissionDenied,
                   "case " + std::to_string(*id) + " is assigned to " + subject->assignee,
                   {}};
    }
  }
  Result<std::string> colleague = ActingColleague(context, route, named);
  if (!colleague) return std::move(colleague).error();
  action.colleague = *colleague;
  return action;
}

HttpResponse CaseResponse(const ApiContext& context, const Result<ComplaintCase>& subject,
                          int status = 200) {
  if (!subject) return ErrorResponse(subject.error());
  return JsonBody(CaseJson(*subject, context.public_url), status);
}

Result<NewCase> NewCaseFromBody(const json& body) {
  NewCase opened;
  opened.customer = body.at("customer").get<std::string>();
  opened.invoices = body.at("invoices").get<std::vector<std::string>>();
  opened.category = body.at("category").get<std::string>();
  opened.description = body.at("description").get<std::string>();
  opened.source = body.value("source", "api");
  opened.assignee = body.value("assignee", "");
  return opened;
}

Result<CaseResolution> ResolutionFromBody(const json& body) {
  CaseResolution resolution;
  resolution.kind = *ParseResolutionKind(body.at("kind").get<std::string>());
  resolution.note = body.value("note", "");
  resolution.invoice = body.value("invoice", "");
  resolution.explanation = body.value("explanation", "");
  if (body.contains("new_amount")) {
    Result<Money> amount = Money::Parse(body["new_amount"].get<std::string>());
    if (!amount) return FieldInvalid("/new_amount", amount.error().message);
    resolution.new_amount = *amount;
  }
  if (body.contains("new_due")) {
    Result<CalendarDate> day = ParseCalendarDate(body["new_due"].get<std::string>());
    if (!day) return FieldInvalid("/new_due", "must be a date YYYY-MM-DD");
    resolution.new_due = *day;
  }
  return resolution;
}

HttpResponse ListCases(const ApiContext& context, const RouteContext& route) {
  Result<PageRequest> page = PageFromQuery(route.request);
  if (!page) return ErrorResponse(page.error());
  const auto& query = route.request.query;
  CaseFilter filter;
  if (auto found = query.find("state"); found != query.end()) {
    filter.state = ParseCaseState(found->second);
    if (!filter.state) {
      return ErrorResponse(FieldInvalid("state", "must be open, escalated, resolved or rejected"));
    }
  }
  if (auto found = query.find("department"); found != query.end())
    filter.department = found->second;
  if (auto found = query.find("customer"); found != query.end()) filter.customer = found->second;
  if (auto found = query.find("assignee"); found != query.end()) {
    filter.assignee = found->second == "me" ? route.principal->name : found->second;
  }
  Result<Page<ComplaintCase>> cases = context.cases->ListCases(filter, *page);
  if (!cases) return ErrorResponse(cases.error());
  json items = json::array();
  for (const ComplaintCase& subject : cases->items) {
    items.push_back(CaseJson(subject, context.public_url));
  }
  return JsonBody({{"items", std::move(items)}, {"next_after", cases->next_after}});
}

Result<std::optional<Instant>> DayBound(const HttpRequest& request, const char* name) {
  auto found = request.query.find(name);
  if (found == request.query.end()) return std::optional<Instant>();
  Result<CalendarDate> day = ParseCalendarDate(found->second);
  if (!day) return FieldInvalid(name, "must be a date YYYY-MM-DD");
  return std::optional<Instant>(Instant(*day));
}

std::string Number(const std::optional<double>& value) {
  if (!value) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", *value);
  return text;
}

HttpResponse ComplaintsReport(const ApiContext& context, const RouteContext& route) {
  Result<std::optional<Instant>> from = DayBound(route.request, "from");
  if (!from) return ErrorResponse(from.error());
  Result<std::optional<Instant>> to = DayBound(route.request, "to");
  if (!to) return ErrorResponse(to.error());
  std::string format = "json";
  if (auto found = route.request.query.find("format"); found != route.request.query.end()) {
    format = found->second;
    if (format != "json" && format != "csv") {
      return ErrorResponse(FieldInvalid("format", "must be json or csv"));
    }
  } else if (route.request.Header("accept").find("text/csv") != std::string::npos) {
    format = "csv";
  }
  // ?to= names the last day included.
  std::optional<Instant> until = *to;
  if (until) *until += std::chrono::hours(24);
  Result<std::vector<ComplaintFact>> facts = context.cases->ComplaintFacts(*from, until);
  if (!facts) return ErrorResponse(facts.error());
  const ComplaintReport report = BuildComplaintReport(*facts);
  if (format == "csv") {
    CsvWriter csv;
    csv.AddRow(std::vector<std::string_view>{"department", "category", "count", "customers",
                                             "amount_held", "median_hours_to_resolve",
                                             "resolved_within_deadline", "per_month"});
    for (const ComplaintGroup& group : report.groups) {
      std::string months;
      for (const auto& [month, count] : group.per_month) {
        months += (months.empty() ? "" : " ") + month + "=" + std::to_string(count);
      }
      csv.AddRow(std::vector<std::string>{
          group.department, group.category, std::to_string(group.count),
          std::to_string(group.customers), group.amount_held.ToString(),
          Number(group.median_hours_to_resolve), Number(group.resolved_within_deadline), months});
    }
    HttpResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = csv.Take();
    return response;
  }
  json groups = json::array();
  for (const ComplaintGroup& group : report.groups) {
    json months = json::array();
    for (const auto& [month, count] : group.per_month) {
      months.push_back({{"month", month}, {"count", count}});
    }
    groups.push_back(
        {{"department", group.department},
         {"category", group.category},
         {"count", group.count},
         {"customers", group.customers},
         {"amount_held", group.amount_held.ToString()},
         {"median_hours_to_resolve",
          group.median_hours_to_resolve ? json(*group.median_hours_to_resolve) : json()},
         {"resolved_within_deadline",
          group.resolved_within_deadline ? json(*group.resolved_within_deadline) : json()},
         {"per_month", std::move(months)}});
  }
  return JsonBody({{"groups", std::move(groups)},
                   {"total_count", report.total_count},
                   {"total_held", report.total_held.ToString()}});
}

}  // namespace

void AddCaseRoutes(Router& router, const SharedApiContext& context) {
  auto open_schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("case.schema.json"));
  auto ack_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("case_acknowledgement.schema.json"));
  auto comment_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("case_comment.schema.json"));
  auto reassign_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("case_reassignment.schema.json"));
  auto resolve_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("case_resolution.schema.json"));
  const auto unwired = [] {
    return ErrorResponse(Unavailable("complaint cases are not wired into the API"));
  };

  router.Add("POST", "/v1/cases", kOpeners,
             [context, open_schema, unwired](const RouteContext& route) {
               if (context->cases == nullptr) return unwired();
               Result<json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = open_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<NewCase> opened = NewCaseFromBody(*body);
               if (!opened) return ErrorResponse(opened.error());
               return CaseResponse(*context, context->cases->OpenCase(*opened, ActorOf(route)));
             });
  router.Add("GET", "/v1/cases", kReaders, [context, unwired](const RouteContext& route) {
    if (context->cases == nullptr) return unwired();
    return ListCases(*context, route);
  });
  router.Add("GET", "/v1/cases/{id}", kReaders, [context, unwired](const RouteContext& route) {
    if (context->cases == nullptr) return unwired();
    Result<std::int64_t> id = CaseId(route);
    if (!id) return ErrorResponse(id.error());
    return CaseResponse(*context, context->cases->GetCase(*id));
  });
  router.Add("POST", "/v1/cases/{id}/acknowledge", kReaders,
             [context, ack_schema, unwired](const RouteContext& route) {
               if (context->cases == nullptr) return unwired();
               Result<CaseAction> action = ReadAction(*context, route, *ack_schema);
               if (!action) return ErrorResponse(action.error());
               return CaseResponse(*context, context->cases->AcknowledgeCase(
                                                 action->id, action->colleague, ActorOf(route)));
             });
  router.Add("POST", "/v1/cases/{id}/comments", kReaders,
             [context, comment_schema, unwired](const RouteContext& route) {
               if (context->cases == nullptr) return unwired();
               Result<CaseAction> action = ReadAction(*context, route, *comment_schema);
               if (!action) return ErrorResponse(action.error());
               Result<CaseComment> comment = context->cases->CommentCase(
                   action->id, action->colleague, action->body.at("text").get<std::string>(),
                   ActorOf(route));
               if (!comment) return ErrorResponse(comment.error());
               return JsonBody({{"id", comment->id},
                                {"author", comment->author},
                                {"text", comment->text},
                                {"at", FormatInstantUtc(comment->at)}});
             });
  router.Add("POST", "/v1/cases/{id}/reassign", kReaders,
             [context, reassign_schema, unwired](const RouteContext& route) {
               if (context->cases == nullptr) return unwired();
               Result<CaseAction> action = ReadAction(*context, route, *reassign_schema);
               if (!action) return ErrorResponse(action.error());
               return CaseResponse(*context,
                                   context->cases->ReassignCase(
                                       action->id, action->body.at("assignee").get<std::string>(),
                                       action->body.value("note", ""), ActorOf(route)));
             });
  router.Add("POST", "/v1/cases/{id}/resolve", kReaders,
             [context, resolve_schema, unwired](const RouteContext& route) {
               if (context->cases == nullptr) return unwired();
               Result<CaseAction> action = ReadAction(*context, route, *resolve_schema);
               if (!action) return ErrorResponse(action.error());
               Result<CaseResolution> resolution = ResolutionFromBody(action->body);
               if (!resolution) return ErrorResponse(resolution.error());
               return CaseResponse(
                   *context, context->cases->ResolveCase(action->id, *resolution, ActorOf(route)));
             });
  router.Add("GET", "/v1/reports/complaints", kReportReaders,
             [context, unwired](const RouteContext& route) {
               if (context->cases == nullptr) return unwired();
               return ComplaintsReport(*context, route);
             });
}

}  // namespace duly::daemon
