// Bank statements and the reconciliation queue: POST /v1/statements (the file as the raw body),
// GET /v1/reconciliation, POST /v1/reconciliation/{id}/allocate and
// POST /v1/reconciliation/{id}/dismiss. Collectors and managers (and admins) reconcile; an
// integration token may upload statements too. Null ApiContext::statements: 503.
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"
#include "daemon/statements/statement_file.h"
#include "workflows/matching/statement_store.h"

namespace duly::daemon {
namespace {

const std::set<Role> kReconcilers = {Role::kAdmin, Role::kManager, Role::kCollector};
const std::set<Role> kUploaders = {Role::kAdmin, Role::kManager, Role::kCollector,
                                   Role::kIntegration};

Result<std::int64_t> EntryId(const RouteContext& route) {
  const std::string& text = route.params.at("id");
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NotFound("statement entry " + text + " does not exist (entry ids are whole numbers)");
  }
  return std::stoll(text);
}

nlohmann::json CreditJson(const IncomingCredit& credit) {
  return {{"amount", credit.amount.ToString()},
          {"currency", credit.currency},
          {"value_date", FormatCalendarDate(credit.value_date)},
          {"counterparty_name", credit.counterparty_name},
          {"counterparty_iban", credit.counterparty_iban},
          {"creditor_reference", credit.creditor_reference},
          {"remittance_text", credit.remittance_text}};
}

nlohmann::json EntryJson(const StatementEntryRecord& entry) {
  nlohmann::json candidates = nlohmann::json::array();
  for (const MatchCandidate& c : entry.candidates) {
    candidates.push_back({{"invoice", c.item},
                          {"customer", c.customer},
                          {"kind", InvoiceKindName(c.kind)},
                          {"open_amount", c.open_amount.ToString()},
                          {"currency", c.currency},
                          {"due", FormatCalendarDate(c.due)},
                          {"rule", MatchRuleName(c.rule)},
                          {"score", c.score},
                          {"currency_mismatch", c.currency_mismatch}});
  }
  nlohmann::json json = CreditJson(entry.credit);
  json.update({{"id", entry.id},
               {"bank_reference", entry.bank_reference},
               {"state", EntryStateName(entry.state)},
               {"outcome", entry.outcome},
               {"reason", entry.reason},
               {"candidates", std::move(candidates)},
               {"payment", entry.payment},
               {"decided_by", entry.decided_by}});
  return json;
}

HttpResponse EntryResponse(const Result<StatementEntryRecord>& entry) {
  if (!entry) return ErrorResponse(entry.error());
  return JsonBody(EntryJson(*entry));
}

HttpResponse Upload(StatementStore& statements, const RouteContext& route) {
  const std::string& type = route.request.Header("content-type");
  const std::string media = type.substr(0, type.find(';'));
  if (!media.empty() && media != "application/xml" && media != "text/xml" &&
      media != "text/plain" && media != "application/octet-stream") {
    return ErrorResponse(
        FieldInvalid("content-type",
                     "send the statement file as application/xml (CAMT.053) or text/plain "
                     "(MT940), not " +
                         media));
  }
  Result<StatementFile> file = statements::ReadStatementFile(route.request.body);
  if (!file) return ErrorResponse(file.error());
  Result<ImportReport> report = statements.ImportStatement(*file, ActorOf(route));
  if (!report) return ErrorResponse(report.error());
  nlohmann::json outcomes = nlohmann::json::array();
  for (const EntryOutcome& outcome : report->outcomes) {
    outcomes.push_back({{"entry", outcome.entry},
                        {"state", EntryStateName(outcome.state)},
                        {"duplicate", outcome.duplicate},
                        {"payment", outcome.payment},
                        {"customer", outcome.customer}});
  }
  return JsonBody({{"format", file->format},
                   {"account", file->account},
                   {"statement", file->statement_id},
                   {"entries", report->entries},
                   {"posted", report->posted},
                   {"queued", report->queued},
                   {"duplicates", report->duplicates},
                   {"skipped", file->skipped},
                   {"outcomes", std::move(outcomes)}});
}

HttpResponse ListQueue(StatementStore& statements, const RouteContext& route) {
  Result<PageRequest> page = PageFromQuery(route.request);
  if (!page) return ErrorResponse(page.error());
  std::int64_t after = 0;
  if (!page->after.empty()) {
    const std::string& text = page->after;
    if (text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return ErrorResponse(FieldInvalid("after", "must be an entry id"));
    }
    after = std::stoll(text);
  }
  Result<ReconciliationPage> queue = statements.ListQueue(after, page->limit);
  if (!queue) return ErrorResponse(queue.error());
  nlohmann::json items = nlohmann::json::array();
  for (const StatementEntryRecord& entry : queue->items) items.push_back(EntryJson(entry));
  return JsonBody(
      {{"items", std::move(items)},
       {"next_after", queue->next_after == 0 ? std::string() : std::to_string(queue->next_after)}});
}

Result<std::vector<Allocation>> AllocationsFromBody(const nlohmann::json& body) {
  std::vector<Allocation> allocations;
  if (!body.contains("allocations")) return allocations;
  const nlohmann::json& list = body["allocations"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    Result<Money> amount = Money::Parse(list[i]["amount"].get<std::string>());
    if (!amount) {
      return FieldInvalid("/allocations/" + std::to_string(i) + "/amount", amount.error().message);
    }
    allocations.push_back({list[i]["invoice"].get<std::string>(), *amount});
  }
  return allocations;
}

}  // namespace

void AddStatementRoutes(Router& router, const SharedApiContext& context) {
  auto allocation_schema = std::make_shared<const SchemaValidator>(
      LoadSchemaOrDie("reconciliation_allocation.schema.json"));
  auto dismissal_schema = std::make_shared<const SchemaValidator>(
      LoadSchemaOrDie("reconciliation_dismissal.schema.json"));
  const auto unwired = [] {
    return ErrorResponse(Unavailable("bank statements are not wired into the API"));
  };
  router.Add("POST", "/v1/statements", kUploaders, [context, unwired](const RouteContext& route) {
    if (context->statements == nullptr) return unwired();
    return Upload(*context->statements, route);
  });
  router.Add("GET", "/v1/reconciliation", kReconcilers,
             [context, unwired](const RouteContext& route) {
               if (context->statements == nullptr) return unwired();
               return ListQueue(*context->statements, route);
             });
  router.Add("POST", "/v1/reconciliation/{id}/allocate", kReconcilers,
             [context, allocation_schema, unwired](const RouteContext& route) {
               if (context->statements == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = allocation_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = EntryId(route);
               if (!id) return ErrorResponse(id.error());
               Result<std::vector<Allocation>> allocations = AllocationsFromBody(*body);
               if (!allocations) return ErrorResponse(allocations.error());
               return EntryResponse(context->statements->AllocateEntry(
                   *id, body->value("customer", ""), *allocations, ActorOf(route)));
             });
  router.Add("POST", "/v1/reconciliation/{id}/dismiss", kReconcilers,
             [context, dismissal_schema, unwired](const RouteContext& route) {
               if (context->statements == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = dismissal_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = EntryId(route);
               if (!id) return ErrorResponse(id.error());
               return EntryResponse(context->statements->DismissEntry(
                   *id, (*body)["reason"].get<std::string>(), ActorOf(route)));
             });
}

}  // namespace duly::daemon
