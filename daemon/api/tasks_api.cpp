// The collectors' work list: GET /v1/tasks, GET /v1/tasks/{id}, POST /v1/tasks/{id}/claim and
// POST /v1/tasks/{id}/complete.
//
// API tokens do not name a colleague yet (ApiToken has a name and a role), so the colleague who
// claims or completes is the body's "colleague" when given, else the token's name when a
// colleague has that id; ?assignee=me means the same colleague.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"
#include "workflows/engine/customer_place.h"
#include "workflows/work_list.h"

namespace duly::daemon {
namespace {

// Tasks read per request before ordering: the whole list must be ordered, not one page of it.
// The store answers at most 1000 (TaskStore::ListOpenTasks); a work list longer than that is
// ordered among the 1000 the store returns.
constexpr int kWorkListScan = kMaxPageLimit;

const std::set<Role> kWorkers = {Role::kAdmin, Role::kManager, Role::kCollector};

Result<std::int64_t> TaskId(const RouteContext& route) {
  const std::string& text = route.params.at("id");
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NotFound("task " + text + " does not exist (task ids are whole numbers)");
  }
  return std::stoll(text);
}

Result<TaskKind> KindFromQuery(const std::string& text) {
  for (TaskKind kind :
       {TaskKind::kCall, TaskKind::kFailedMessage, TaskKind::kUnknownOutcome, TaskKind::kReply}) {
    if (text == TaskKindName(kind)) return kind;
  }
  return FieldInvalid("kind", "must be call, failed_message, unknown_outcome or reply");
}

// The acting colleague: `named` when given, else the token's name when a colleague has it.
Result<std::string> ActingColleague(const ApiContext& context, const RouteContext& route,
                                    const std::string& named, const std::string& field) {
  const std::string id = named.empty() ? route.principal->name : named;
  Result<Colleague> colleague = context.store.GetColleague(id);
  if (colleague) return id;
  if (colleague.error().code != ErrorCode::kNotFound) return std::move(colleague).error();
  if (named.empty()) {
    return FieldInvalid(
        field, "the token \"" + id + "\" is not a colleague's id: name the colleague who acts");
  }
  return FieldInvalid(field, "colleague " + id + " does not exist");
}

nlohmann::json TaskJson(const CollectorTask& task, double priority, const std::string& name) {
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json invoices = nlohmann::json::array();
  for (const TaskItem& item : task.items) {
    items.push_back({{"invoice", item.invoice}, {"step", item.step}, {"script", item.script}});
    invoices.push_back(item.invoice);
  }
  return {{"id", task.id},
          {"kind", TaskKindName(task.kind)},
          {"state", TaskStateName(task.state)},
          {"customer", task.customer},
          {"customer_name", name},
          {"invoices", std::move(invoices)},
          {"items", std::move(items)},
          {"script", task.script},
          {"detail", task.detail},
          {"message", task.message},
          {"assignee", task.assignee},
          {"due_at", FormatInstantUtc(task.due_at)},
          {"created_at", FormatInstantUtc(task.created_at)},
          {"attempts", task.attempts},
          {"open_amount", task.open_amount.ToString()},
          {"days_overdue", task.days_overdue},
          {"segment", task.segment},
          {"priority", priority}};
}

// Customer names by id, each read once per request ("" for a customer since deleted).
class CustomerNames {
 public:
  explicit CustomerNames(Store& store) : store_(store) {}
  Result<std::string> Of(const std::string& id) {
    if (auto found = names_.find(id); found != names_.end()) return found->second;
    Result<Customer> customer = store_.GetCustomer(id);
    if (!customer && customer.error().code != ErrorCode::kNotFound) {
      return std::move(customer).error();
    }
    return names_[id] = customer ? customer->name : std::string();
  }

 private:
  Store& store_;
  std::map<std::string, std::string> names_;
};

HttpResponse TaskResponse(const ApiContext& context, const Result<CollectorTask>& task) {
  if (!task) return ErrorResponse(task.error());
  CustomerNames names(context.store);
  Result<std::string> name = names.Of(task->customer);
  if (!name) return ErrorResponse(name.error());
  return JsonBody(TaskJson(*task, TaskPriority(*task, context.work_list), *name));
}

HttpResponse ListTasks(const ApiContext& context, const RouteContext& route) {
  const auto& query = route.request.query;
  Result<PageRequest> page = PageFromQuery(route.request);
  if (!page) return ErrorResponse(page.error());
  std::optional<TaskKind> kind;
  if (auto found = query.find("kind"); found != query.end()) {
    Result<TaskKind> parsed = KindFromQuery(found->second);
    if (!parsed) return ErrorResponse(parsed.error());
    kind = *parsed;
  }
  std::optional<std::string> assignee;
  if (auto found = query.find("assignee"); found != query.end()) {
    if (found->second == "me") {
      Result<std::string> me = ActingColleague(context, route, "", "assignee");
      if (!me) return ErrorResponse(me.error());
      assignee = *me;
    } else {
      assignee = found->second;
    }
  }
  Result<std::vector<CollectorTask>> open =
      context.tasks->ListOpenTasks(context.clock.Now(), kWorkListScan);
  if (!open) return ErrorResponse(open.error());
  std::erase_if(*open, [&](const CollectorTask& task) {
    return (kind && task.kind != *kind) || (assignee && task.assignee != *assignee);
  });
  std::vector<RankedTask> ranked = WorkListOrder(std::move(*open), context.work_list);
  // ?after= is the position in the work list, so pages do not overlap while it stays the same.
  std::size_t skip = 0;
  if (!page->after.empty()) {
    const std::string& after = page->after;
    if (after.size() > 9 ||
        !std::all_of(after.begin(), after.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return ErrorResponse(FieldInvalid("after", "must be a position in the work list"));
    }
    skip = static_cast<std::size_t>(std::stoul(after));
  }
  CustomerNames names(context.store);
  nlohmann::json items = nlohmann::json::array();
  const std::size_t end = std::min(ranked.size(), skip + static_cast<std::size_t>(page->limit));
  for (std::size_t i = skip; i < end; ++i) {
    Result<std::string> name = names.Of(ranked[i].task.customer);
    if (!name) return ErrorResponse(name.error());
    items.push_back(TaskJson(ranked[i].task, ranked[i].priority, *name));
  }
  const std::string next = end < ranked.size() ? std::to_string(end) : std::string();
  return JsonBody({{"items", std::move(items)}, {"next_after", next}});
}

// The completion the body asks for. Errors: 400 naming the field.
Result<TaskCompletion> CompletionFromBody(const ApiContext& context, const RouteContext& route,
                                          const nlohmann::json& body, std::int64_t id) {
  TaskCompletion completion;
  Result<std::string> colleague =
      ActingColleague(context, route, body.value("colleague", ""), "/colleague");
  if (!colleague) return std::move(colleague).error();
  completion.colleague = *colleague;
  if (body.contains("outcome"))
    completion.outcome = ParseCallOutcome(body["outcome"].get<std::string>());
  completion.note = body.value("note", "");
  completion.dispute_reason = body.value("dispute_reason", "");
  if (body.contains("promised_amount")) {
    Result<Money> amount = Money::Parse(body["promised_amount"].get<std::string>());
    if (!amount) return FieldInvalid("/promised_amount", amount.error().message);
    completion.promised_amount = *amount;
  }
  if (body.contains("promised_date")) {
    Result<CalendarDate> day = ParseCalendarDate(body["promised_date"].get<std::string>());
    if (!day) return FieldInvalid("/promised_date", day.error().message);
    completion.promised_date = *day;
  }
  const bool no_answer = completion.outcome == CallOutcome::kNoAnswer;
  if (body.contains("retry_in_working_hours") && !no_answer) {
    return FieldInvalid("/retry_in_working_hours", "only a no_answer outcome is retried");
  }
  if (no_answer) {
    const int hours =
        body.value("retry_in_working_hours", context.work_list.retry_in_working_hours);
    Result<CollectorTask> task = context.tasks->GetTask(id);
    if (!task) return std::move(task).error();
    Result<Customer> customer = context.store.GetCustomer(task->customer);
    if (!customer && customer.error().code != ErrorCode::kNotFound) {
      return std::move(customer).error();
    }
    EngineOptions options;
    options.default_time_zone = context.time_zone;
    const CustomerPlace place = PlaceOf(customer ? &*customer : nullptr, options);
    completion.retry_at = AddWorkingHours(context.clock.Now(), hours, place.time_zone,
                                          BusinessCalendar(place.country), context.work_list);
  }
  return completion;
}

}  // namespace

void AddTaskRoutes(Router& router, const SharedApiContext& context) {
  auto claim_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("task_claim.schema.json"));
  auto completion_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("task_completion.schema.json"));
  const auto unwired = [] {
    return ErrorResponse(Unavailable("the work list is not wired into the API"));
  };

  router.Add("GET", "/v1/tasks", kWorkers, [context, unwired](const RouteContext& route) {
    if (context->tasks == nullptr) return unwired();
    return ListTasks(*context, route);
  });
  router.Add("GET", "/v1/tasks/{id}", kWorkers, [context, unwired](const RouteContext& route) {
    if (context->tasks == nullptr) return unwired();
    Result<std::int64_t> id = TaskId(route);
    if (!id) return ErrorResponse(id.error());
    return TaskResponse(*context, context->tasks->GetTask(*id));
  });
  router.Add("POST", "/v1/tasks/{id}/claim", kWorkers,
             [context, claim_schema, unwired](const RouteContext& route) {
               if (context->tasks == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = claim_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = TaskId(route);
               if (!id) return ErrorResponse(id.error());
               Result<std::string> colleague =
                   ActingColleague(*context, route, body->value("colleague", ""), "/colleague");
               if (!colleague) return ErrorResponse(colleague.error());
               return TaskResponse(*context,
                                   context->tasks->ClaimTask(*id, *colleague, ActorOf(route)));
             });
  router.Add("POST", "/v1/tasks/{id}/complete", kWorkers,
             [context, completion_schema, unwired](const RouteContext& route) {
               if (context->tasks == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = completion_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = TaskId(route);
               if (!id) return ErrorResponse(id.error());
               Result<TaskCompletion> completion = CompletionFromBody(*context, route, *body, *id);
               if (!completion) return ErrorResponse(completion.error());
               return TaskResponse(*context,
                                   context->tasks->CompleteTask(*id, *completion, ActorOf(route)));
             });
}

}  // namespace duly::daemon
