// Registers the REST API (/v1/...) and the public probes on a Router.
//
// Promise: every route added here is described in schemas/openapi.json (a test checks both
// directions) and declares its roles. Handlers validate bodies against schemas/*.schema.json
// before anything is written, and answer errors through ErrorResponse().
// Thread-safety: the handlers are safe to run concurrently; the stores, the clock and whatever
// the functions capture must outlive the router.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "channels/compose/company_profile.h"
#include "channels/print/print_batch.h"
#include "daemon/http/router.h"
#include "daemon/simulate/scenario.h"
#include "daemon/store/node_status.h"
#include "workflows/clock.h"
#include "workflows/engine/catalog_store.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/engine/timer_store.h"
#include "workflows/status.h"
#include "workflows/store.h"
#include "workflows/task_store.h"
#include "workflows/template_store.h"
#include "workflows/work_list.h"

namespace duly {
// Stores of the cases, promises and plans, statements and reports rooms (their headers live in
// those rooms; dulyd passes the instances built over the SociStore's connections).
class CaseStore;
class PromiseStore;
class PaymentPlanStore;
class StatementStore;
class ReportStore;
}  // namespace duly

namespace duly::daemon {

struct ApiContext {
  Store& store;
  const Clock& clock;
  // Prometheus text for GET /metrics (request counters, latencies, queue depths); supplied by
  // the server so the API does not depend on it.
  std::function<std::string()> metrics_text;
  // True when the daemon is ready to serve (migrated, not shutting down); /readyz also pings
  // the store.
  std::function<bool()> accepting;
  // Workflow versions and segments (the same SociStore as `store` in dulyd).
  CatalogStore& catalog;
  // Engine instances, timers and step runs (GET /v1/invoices/{id}/collection).
  TimerStore& timers;
  // Asks the engine scheduler to look at the timers now: after a workflow or segments save and
  // after invoice upserts (new start timers). Empty: nothing to wake.
  std::function<void()> wake_engine;
  // Only with dulyd --test-clock: the ManualClock that `clock` is, and a blocking call that runs
  // `move_clock` and then the engine until nothing is due, with the engine held throughout
  // (EngineScheduler::CatchUp). Null: POST /v1/test/clock is 403.
  ManualClock* test_clock = nullptr;
  std::function<Result<FireReport>(const std::function<void()>& move_clock)> catch_up_engine;
  // Runs a simulation on a scratch database (daemon::Simulate); empty: the simulate route
  // answers 503.
  std::function<Status(const Scenario& scenario,
                       const std::function<void(const nlohmann::json& line)>& emit)>
      simulate;
  // The zone simulations run in (the daemon's configured time zone).
  std::string time_zone = "Europe/Amsterdam";
  // The outbox (GET /v1/customers/{id}/messages, Twilio status callbacks) and the collectors'
  // work list (/v1/tasks): the same SociStore as `store` in dulyd. Pointers so that a context
  // built without them still compiles; null: those routes answer 503.
  OutboxStore* outbox = nullptr;
  TaskStore* tasks = nullptr;
  // Twilio webhooks (/v1/webhooks/twilio/...): channels.twilio.auth_token verifies
  // X-Twilio-Signature against channels.public_url ("https://duly.example.com") + the request
  // target. Either empty: the webhooks answer 503 naming the missing field.
  std::string twilio_auth_token{};
  std::string public_url{};
  // channels.twilio.collector_number: where "press 1" in a reminder call connects
  // (/v1/webhooks/twilio/voice-menu). Empty: that webhook answers 503.
  std::string twilio_collector_number{};
  // The work list's order and working hours (channels.work_list in the config).
  WorkListPolicy work_list{};
  // Stored message templates (/v1/templates): the same SociStore as `store` in dulyd once it
  // implements TemplateStore. Null: the template routes answer 503.
  TemplateStore* templates = nullptr;
  // Who messages come from (template previews and the sample values a saved template must
  // render with): the config's company profile.
  channels::CompanyProfile company{};
  // The letter spool's folder (channels.letters.spool_dir) and a blocking call that prints every
  // due day now (Delivery::PrintDue). Either empty: the letters routes answer 503.
  std::string letters_dir{};
  std::function<Result<std::vector<channels::PrintRegister>>()> print_letters{};
  // Complaint cases (/v1/cases), promises to pay (/v1/promises), payment plans (/v1/plans),
  // bank statements and the reconciliation queue (/v1/statements, /v1/reconciliation) and the
  // reports (/v1/reports/...). Null: those routes answer 503.
  CaseStore* cases = nullptr;
  PromiseStore* promises = nullptr;
  PaymentPlanStore* plans = nullptr;
  StatementStore* statements = nullptr;
  ReportStore* reports = nullptr;
  // Mollie's webhook (POST /v1/webhooks/mollie) carries only a payment id: this blocking call
  // fetches that payment from Mollie and posts it when paid. Empty: the webhook answers 503.
  std::function<Status(const std::string& payment_id)> mollie_payment_changed{};
  // The nodes sharing the database with their heartbeats (GET /v1/nodes; NodeRegistry::List in
  // dulyd). Empty: that route answers 503.
  std::function<Result<std::vector<NodeStatus>>()> list_nodes{};
  // The built web UI (web/dist) that dulyd serves at /; empty: / answers 404.
  std::string web_dir{};
};

void AddApiRoutes(Router& router, ApiContext& context);

}  // namespace duly::daemon
