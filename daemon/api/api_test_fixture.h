// Test fixture for the API handlers: a real SQLite store in a fresh temporary directory, a real
// Router with the token authenticator and AddApiRoutes, and one token per role. The clock is a
// test clock (POST /v1/test/clock works) and the engine behind it is a real Engine over the
// store, caught up by an EngineScheduler whose loop is not running (CatchUp runs on the caller).
// The work list and the outbox the API reads are in-memory stand-ins over that store
// (MemoryTaskStore, MemoryOutboxStore) so tests can seed call tasks and sent messages; the
// Twilio webhooks verify signatures with kTwilioAuthToken against https://duly.example.com.
//
// Promise: each test starts from an empty, migrated database that is deleted afterwards. Call()
// sends a request through Router::Handle exactly as the server would (target parsed by
// ParseRequestTarget, bearer token in the Authorization header). Snapshot() summarises everything
// stored (event count and the records of each list) so a test can assert that nothing changed.
// Test-only; not thread-safe.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "channels/compose/memory_template_store.h"
#include "channels/print/letter_spool.h"
#include "channels/print/print_batch.h"
#include "daemon/api/api_routes.h"
#include "daemon/api/memory_outbox_store.h"
#include "daemon/api/memory_task_store.h"
#include "daemon/http/net.h"
#include "daemon/http/request_target.h"
#include "daemon/http/router.h"
#include "daemon/http/token_secret.h"
#include "daemon/scheduler/engine_scheduler.h"
#include "daemon/store/database_url.h"
#include "daemon/store/soci_case_store.h"
#include "daemon/store/soci_plan_store.h"
#include "daemon/store/soci_promise_store.h"
#include "daemon/store/soci_report_store.h"
#include "daemon/store/soci_statement_store.h"
#include "daemon/store/soci_store.h"
#include "workflows/clock.h"

namespace duly::daemon {

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("duly_api_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto url = DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url.has_value()) << url.error().message;
    auto store = OpenStore(*url, clock_);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    router_ = std::make_unique<Router>(MakeTokenAuthenticator(*store_));
    // Until SociStore implements TaskStore and the extended OutboxStore: in-memory stand-ins
    // over the same store (then `.outbox = store_.get(), .tasks = store_.get()` below).
    tasks_ = std::make_unique<MemoryTaskStore>(*store_, clock_, "Europe/Amsterdam");
    outbox_ = std::make_unique<MemoryOutboxStore>(clock_);
    engine_ = std::make_unique<Engine>(*store_, *store_, clock_, EngineOptions{});
    scheduler_ =
        std::make_unique<EngineScheduler>(loop_, pool_, *engine_, clock_, scheduler_metrics_);
    promises_ =
        std::make_unique<SociPromiseStore>(store_->SharedConnections(), clock_, PlanSettings{});
    plans_ = std::make_unique<SociPlanStore>(store_->SharedConnections(), clock_, PlanSettings{});
    statements_ = std::make_unique<SociStatementStore>(store_->SharedConnections(), clock_);
    cases_ = std::make_unique<SociCaseStore>(store_->SharedConnections(), clock_);
    reports_ = std::make_unique<SociReportStore>(store_->SharedConnections(), clock_);
    ApiContext context{
        .store = *store_,
        .clock = clock_,
        .metrics_text = [] { return std::string("duly_requests_total 7\n"); },
        .accepting = [this] { return accepting_; },
        .catalog = *store_,
        .timers = *store_,
        .wake_engine = [this] { ++wakes_; },
        .test_clock = &clock_,
        .catch_up_engine =
            [this](const std::function<void()>& move_clock) {
              return scheduler_->CatchUp(move_clock);
            },
        .simulate = simulate_,
        .time_zone = "Europe/Amsterdam",
        .outbox = outbox_.get(),
        .tasks = tasks_.get(),
        .twilio_auth_token = kTwilioAuthToken,
        .public_url = "https://duly.example.com",
        .work_list = work_list_,
        // Until SociStore implements TemplateStore: an in-memory one.
        .templates = &templates_,
        .company = TestCompany(),
        .letters_dir = (dir_ / "letters").string(),
        .print_letters =
            [this] { return channels::PrintDueBatches(LetterOptions(), clock_.Now(), renderer_); },
        .cases = cases_.get(),
        .promises = promises_.get(),
        .plans = plans_.get(),
        .statements = statements_.get(),
        .reports = reports_.get()};
    // One live node, as dulyd's registry would list it (GET /v1/nodes).
    context.list_nodes = []() -> Result<std::vector<NodeStatus>> {
      NodeStatus node;
      node.id = "test:1:0";
      node.host = "test";
      node.pid = 1;
      node.version = "0.1.0";
      node.alive = true;
      return std::vector<NodeStatus>{node};
    };
    context_ = std::make_unique<ApiContext>(context);
    AddApiRoutes(*router_, *context_);
    for (Role role :
         {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague, Role::kIntegration}) {
      tokens_[role] = MakeToken(role);
    }
  }

  void TearDown() override {
    router_.reset();
    statements_.reset();
    reports_.reset();
    cases_.reset();
    plans_.reset();
    promises_.reset();
    outbox_.reset();
    tasks_.reset();
    scheduler_.reset();
    engine_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string MakeToken(Role role) {
    const std::string secret = GenerateTokenSecret();
    ApiToken token;
    token.name = std::string(RoleName(role)) + "-test";
    token.role = role;
    token.hash = HashTokenSecret(secret);
    auto created = store_->CreateToken(token, Actor{"test"});
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return secret;
  }

  // `secret` "" sends no Authorization header.
  HttpResponse Call(const std::string& method, const std::string& target, const std::string& secret,
                    const std::string& body = "") const {
    HttpRequest request;
    request.method = method;
    request.target = target;
    auto parsed = ParseRequestTarget(target);
    EXPECT_TRUE(parsed.has_value()) << target;
    if (parsed) {
      request.path = parsed->path;
      request.query = parsed->query;
    }
    if (!secret.empty()) request.headers["authorization"] = "Bearer " + secret;
    if (!body.empty()) request.headers["content-type"] = "application/json";
    request.body = body;
    return router_->Handle(request);
  }

  HttpResponse Admin(const std::string& method, const std::string& target,
                     const std::string& body = "") const {
    return Call(method, target, tokens_.at(Role::kAdmin), body);
  }

  static nlohmann::json Json(const HttpResponse& response) {
    return nlohmann::json::parse(response.body);
  }

  // The failing fields of an error response, as "pointer: message" lines.
  static std::string Fields(const HttpResponse& response) {
    std::string text;
    const nlohmann::json body = Json(response);
    for (const auto& field : body["error"]["fields"]) {
      text += field["field"].get<std::string>() + ": " + field["message"].get<std::string>() + "\n";
    }
    return text;
  }

  // Everything the store holds that the API can change.
  std::string Snapshot() const {
    auto verdict = store_->VerifyHistory();
    EXPECT_TRUE(verdict.has_value());
    std::string snapshot = "events=" + std::to_string(verdict ? verdict->events : -1) + "\n";
    for (const char* list : {"/v1/customers?limit=1000", "/v1/colleagues?limit=1000",
                             "/v1/invoices?limit=1000", "/v1/payments?limit=1000"}) {
      snapshot += Admin("GET", list).body + "\n";
    }
    return snapshot;
  }

  // A customer and an invoice to build on.
  void SeedCustomerAndInvoice() {
    ASSERT_EQ(Admin("POST", "/v1/customers",
                    R"({"customers": [{"id": "C1", "name": "Bakkerij de Vries"}]})")
                  .status,
              200);
    ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-1", "customer": "C1",
                    "issued": "2026-03-01", "due": "2026-03-31", "amount": "1250.00",
                    "document": {"filename": "INV-1.pdf", "media_type": "application/pdf",
                                 "content_base64": "JVBERi0xLjQK"}}]})")
                  .status,
              200);
  }

  ManualClock clock_{FromEpochMillis(1773129600000)};  // 2026-03-10T08:00:00Z
  bool accepting_ = true;
  std::filesystem::path dir_;
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<Router> router_;
  // The context the routes were registered with (a test may copy and vary it for a router of
  // its own).
  std::unique_ptr<ApiContext> context_;
  // The letter spool of the letters routes: <dir_>/letters, printed at 16:00 Amsterdam time.
  channels::LetterSpoolOptions LetterOptions() const {
    channels::LetterSpoolOptions options;
    options.dir = dir_ / "letters";
    return options;
  }
  const channels::LetterRenderer renderer_;
  // The Twilio account's auth token the webhooks verify signatures with.
  static constexpr const char* kTwilioAuthToken = "12345";
  std::unique_ptr<MemoryTaskStore> tasks_;
  std::unique_ptr<MemoryOutboxStore> outbox_;
  // Promises to pay and payment plans (/v1/promises, /v1/plans, credit status) over store_.
  std::unique_ptr<SociPromiseStore> promises_;
  std::unique_ptr<SociPlanStore> plans_;
  // Bank statements and the reconciliation queue (/v1/statements, /v1/reconciliation) over store_.
  std::unique_ptr<SociStatementStore> statements_;
  std::unique_ptr<SociReportStore> reports_;
  // Complaint cases (/v1/cases, /v1/reports/complaints) over store_.
  std::unique_ptr<SociCaseStore> cases_;
  // The work list's policy; a test that needs weights sets it before SetUp.
  WorkListPolicy work_list_;
  // The stored message templates (/v1/templates).
  channels::MemoryTemplateStore templates_{clock_};
  // The company messages come from (template previews and checks).
  static channels::CompanyProfile TestCompany() {
    channels::CompanyProfile company;
    company.name = "Duly Demo BV";
    company.email = "invoices@duly.example";
    company.phone = "+32 2 123 45 67";
    company.iban = "BE68 5390 0754 7034";
    company.address_lines = {"Kerkstraat 1", "1000 Brussel"};
    company.place = "Brussel";
    company.collector_name = "Carl Kok";
    return company;
  }
  std::map<Role, std::string> tokens_;
  // The engine behind POST /v1/test/clock; the loop never runs (CatchUp runs on the caller).
  net::io_context loop_;
  net::thread_pool pool_{1};
  SchedulerMetrics scheduler_metrics_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<EngineScheduler> scheduler_;
  int wakes_ = 0;  // how often the API woke the engine
  // What POST /v1/workflows/{id}/simulate runs; a test that needs it sets it before SetUp.
  std::function<Status(const Scenario&, const std::function<void(const nlohmann::json&)>&)>
      simulate_;
};

}  // namespace duly::daemon
