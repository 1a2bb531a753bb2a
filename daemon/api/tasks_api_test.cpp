// The collectors' work list over the API: order, filters, claim and complete.
#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

class TasksApiTest : public ApiTest {
 protected:
  TasksApiTest() { work_list_.segment_weights = {{"sme", 1.5}}; }

  // The fixture's clock is Tue 2026-03-10T08:00:00Z (09:00 in Amsterdam).
  // C1: 1250.00 ten days overdue, segment sme (x1.5): 18750. C2: 400.00 five days: 2000.
  // C3 (Belgium): 100.00 one day overdue. The collector token's name is a colleague's id.
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_EQ(Admin("POST", "/v1/colleagues", R"({"colleagues": [
      {"id": "collector-test", "name": "Anna", "role": "collector", "email": "anna@example.nl"},
      {"id": "bob", "name": "Bob", "role": "collector", "email": "bob@example.nl"}]})")
                  .status,
              200);
    ASSERT_EQ(Admin("POST", "/v1/customers", R"({"customers": [
      {"id": "C1", "name": "Bakkerij de Vries"},
      {"id": "C2", "name": "Garage Jansen"},
      {"id": "C3", "name": "Café Ça Va", "time_zone": "Europe/Brussels",
       "address": {"country": "BE"}}]})")
                  .status,
              200);
    ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [
      {"id": "INV-1", "customer": "C1", "issued": "2026-01-29", "due": "2026-02-28", "amount": "1250.00"},
      {"id": "INV-2", "customer": "C2", "issued": "2026-02-03", "due": "2026-03-05", "amount": "400.00"},
      {"id": "INV-3", "customer": "C3", "issued": "2026-02-07", "due": "2026-03-09", "amount": "100.00"}]})")
                  .status,
              200);
    tasks_->SetSegment("C1", "sme");
    const Instant now = clock_.Now();
    call_c1_ =
        tasks_->SeedCallTask("C1", {{"INV-1", "call-1", "courtesy"}}, now - std::chrono::hours(1));
    call_c2_ = tasks_->SeedCallTask("C2", {{"INV-2", "call-1", "courtesy"}}, now);
    call_c3_ =
        tasks_->SeedCallTask("C3", {{"INV-3", "call-1", "courtesy"}}, now + std::chrono::hours(24));
    NewTask reply_task;
    reply_task.kind = TaskKind::kReply;
    reply_task.customer = "C3";
    reply_task.detail = "Ik bel terug";
    auto reply = tasks_->CreateTask(reply_task, Actor{"test"});
    ASSERT_TRUE(reply.has_value());
    reply_c3_ = reply->id;
  }

  HttpResponse Collector(const std::string& method, const std::string& target,
                         const std::string& body = "") const {
    return Call(method, target, tokens_.at(Role::kCollector), body);
  }

  static std::vector<std::int64_t> Ids(const nlohmann::json& page) {
    std::vector<std::int64_t> ids;
    for (const auto& item : page["items"]) ids.push_back(item["id"].get<std::int64_t>());
    return ids;
  }

  std::string Task(std::int64_t id) const { return "/v1/tasks/" + std::to_string(id); }

  std::int64_t call_c1_ = 0, call_c2_ = 0, call_c3_ = 0, reply_c3_ = 0;
};

TEST_F(TasksApiTest, TheWorkListIsOrderedByPriorityWithRepliesFirst) {
  HttpResponse response = Collector("GET", "/v1/tasks");
  ASSERT_EQ(response.status, 200) << response.body;
  const nlohmann::json page = Json(response);
  // C3's call is due tomorrow: not on today's list.
  EXPECT_EQ(Ids(page), (std::vector<std::int64_t>{reply_c3_, call_c1_, call_c2_}));
  EXPECT_EQ(page["next_after"], "");
  const nlohmann::json& reply = page["items"][0];
  EXPECT_EQ(reply["kind"], "reply");
  EXPECT_EQ(reply["customer_name"], "Café Ça Va");
  EXPECT_EQ(reply["detail"], "Ik bel terug");
  EXPECT_DOUBLE_EQ(reply["priority"].get<double>(), 200.0);  // 100.00 x 1 day x 2 (follow-up)
  const nlohmann::json& first_call = page["items"][1];
  EXPECT_EQ(first_call["customer"], "C1");
  EXPECT_EQ(first_call["customer_name"], "Bakkerij de Vries");
  EXPECT_EQ(first_call["invoices"], nlohmann::json::array({"INV-1"}));
  EXPECT_EQ(first_call["script"], "courtesy");
  EXPECT_EQ(first_call["open_amount"], "1250.00");
  EXPECT_EQ(first_call["days_overdue"], 10);
  EXPECT_EQ(first_call["segment"], "sme");
  EXPECT_EQ(first_call["state"], "open");
  EXPECT_DOUBLE_EQ(first_call["priority"].get<double>(), 18750.0);
  EXPECT_DOUBLE_EQ(page["items"][2]["priority"].get<double>(), 2000.0);

  const nlohmann::json calls = Json(Collector("GET", "/v1/tasks?kind=call"));
  EXPECT_EQ(Ids(calls), (std::vector<std::int64_t>{call_c1_, call_c2_}));
  const nlohmann::json one = Json(Collector("GET", "/v1/tasks?limit=1"));
  EXPECT_EQ(Ids(one), (std::vector<std::int64_t>{reply_c3_}));
  EXPECT_EQ(one["next_after"], "1");
  const nlohmann::json rest = Json(Collector("GET", "/v1/tasks?limit=5&after=1"));
  EXPECT_EQ(Ids(rest), (std::vector<std::int64_t>{call_c1_, call_c2_}));

  EXPECT_EQ(Collector("GET", "/v1/tasks?kind=visit").status, 400);
  EXPECT_EQ(Collector("GET", "/v1/tasks?after=x").status, 400);
  EXPECT_EQ(Call("GET", "/v1/tasks", tokens_.at(Role::kColleague)).status, 403);
  EXPECT_EQ(Call("GET", "/v1/tasks", tokens_.at(Role::kIntegration)).status, 403);
  EXPECT_EQ(Call("GET", "/v1/tasks", tokens_.at(Role::kManager)).status, 200);
}

TEST_F(TasksApiTest, ClaimTakesTheTaskForTheTokensColleagueOrTheNamedOne) {
  HttpResponse claimed = Collector("POST", Task(call_c2_) + "/claim", "{}");
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(Json(claimed)["state"], "claimed");
  EXPECT_EQ(Json(claimed)["assignee"], "collector-test");
  // Claiming one's own claim again is fine; someone else's is a conflict.
  EXPECT_EQ(Collector("POST", Task(call_c2_) + "/claim", "{}").status, 200);
  EXPECT_EQ(Collector("POST", Task(call_c2_) + "/claim", R"({"colleague": "bob"})").status, 409);

  EXPECT_EQ(Ids(Json(Collector("GET", "/v1/tasks?assignee=me"))),
            (std::vector<std::int64_t>{call_c2_}));
  EXPECT_EQ(Ids(Json(Collector("GET", "/v1/tasks?assignee=bob"))), (std::vector<std::int64_t>{}));

  // The manager token names no colleague: it must say who.
  HttpResponse nobody = Call("POST", Task(call_c1_) + "/claim", tokens_.at(Role::kManager), "{}");
  EXPECT_EQ(nobody.status, 400);
  EXPECT_EQ(Fields(nobody).rfind("/colleague: ", 0), 0U) << Fields(nobody);
  EXPECT_EQ(Call("GET", "/v1/tasks?assignee=me", tokens_.at(Role::kManager)).status, 400);
  HttpResponse for_bob = Call("POST", Task(call_c1_) + "/claim", tokens_.at(Role::kManager),
                              R"({"colleague": "bob"})");
  EXPECT_EQ(for_bob.status, 200) << for_bob.body;
  EXPECT_EQ(Json(for_bob)["assignee"], "bob");
  EXPECT_EQ(Collector("POST", Task(call_c3_) + "/claim", R"({"colleague": "nobody"})").status, 400);

  EXPECT_EQ(Collector("POST", "/v1/tasks/999/claim", "{}").status, 404);
  EXPECT_EQ(Collector("POST", "/v1/tasks/abc/claim", "{}").status, 404);
  EXPECT_EQ(Collector("POST", Task(call_c1_) + "/claim", R"({"who": "bob"})").status, 400);
  EXPECT_EQ(Collector("GET", Task(call_c1_)).status, 200);
  EXPECT_EQ(Json(Collector("GET", Task(call_c1_)))["assignee"], "bob");
  EXPECT_EQ(Collector("GET", "/v1/tasks/999").status, 404);
}

TEST_F(TasksApiTest, NoAnswerComesBackAfterWorkingHoursInTheCustomersCalendar) {
  // 09:00 Amsterdam + 4 working hours (the default) = 13:00 local.
  HttpResponse done = Collector("POST", Task(call_c1_) + "/complete",
                                R"({"outcome": "no_answer", "note": "voicemail"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done)["state"], "open");
  EXPECT_EQ(Json(done)["assignee"], "");
  EXPECT_EQ(Json(done)["attempts"], 1);
  EXPECT_EQ(Json(done)["due_at"], "2026-03-10T12:00:00.000Z");
  EXPECT_EQ(Ids(Json(Collector("GET", "/v1/tasks?kind=call"))),
            (std::vector<std::int64_t>{call_c2_}));
  // 09:00 + 10 working hours: 9 today until 18:00, 1 on Wednesday from 08:00.
  HttpResponse again = Collector("POST", Task(call_c2_) + "/complete",
                                 R"({"outcome": "no_answer", "retry_in_working_hours": 10})");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again)["due_at"], "2026-03-11T08:00:00.000Z");
  EXPECT_TRUE([&] {
    for (const std::string& event : tasks_->Events()) {
      if (event == "task.completed C1 no_answer retry_at=2026-03-10T12:00:00.000Z note=voicemail")
        return true;
    }
    return false;
  }()) << ::testing::PrintToString(tasks_->Events());
}

TEST_F(TasksApiTest, OutcomesCarryTheirDetailsAndBadCompletionsAre400) {
  HttpResponse promise = Collector("POST", Task(call_c2_) + "/complete", R"({"outcome": "promise",
      "promised_amount": "400.00", "promised_date": "2026-03-20", "note": "pays Friday"})");
  ASSERT_EQ(promise.status, 200) << promise.body;
  EXPECT_EQ(Json(promise)["state"], "done");
  const auto events = tasks_->Events();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(),
            "task.completed C2 promise amount=400.00 date=2026-03-20 note=pays Friday");
  EXPECT_EQ(Collector("POST", Task(call_c2_) + "/complete", R"({"outcome": "reached"})").status,
            409);

  auto field_of = [&](const std::string& body) {
    HttpResponse response = Collector("POST", Task(call_c1_) + "/complete", body);
    EXPECT_EQ(response.status, 400) << body << " -> " << response.body;
    return response.status == 400 ? Fields(response) : std::string();
  };
  EXPECT_NE(field_of(R"({"outcome": "maybe"})").find("/outcome"), std::string::npos);
  EXPECT_NE(field_of(R"({"outcome": "promise", "promised_amount": "10.00",
                         "promised_date": "2026-02-30"})")
                .find("/promised_date"),
            std::string::npos);
  EXPECT_NE(field_of(R"({"outcome": "reached", "retry_in_working_hours": 2})")
                .find("/retry_in_working_hours"),
            std::string::npos);
  EXPECT_NE(field_of(R"({"outcome": "promise"})").find("/promised_amount"), std::string::npos);
  EXPECT_NE(field_of(R"({"note": "no outcome"})").find("/outcome"), std::string::npos);
  EXPECT_EQ(Collector("POST", Task(call_c1_) + "/complete", "not json").status, 400);

  HttpResponse dispute =
      Collector("POST", Task(call_c1_) + "/complete",
                R"({"outcome": "dispute", "dispute_reason": "never delivered"})");
  ASSERT_EQ(dispute.status, 200) << dispute.body;
  EXPECT_EQ(tasks_->Events().back(), "task.completed C1 dispute reason=never delivered");

  // A follow-up task is completed without an outcome.
  HttpResponse read =
      Collector("POST", Task(reply_c3_) + "/complete", R"({"note": "called back"})");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Json(read)["state"], "done");
  EXPECT_EQ(Ids(Json(Collector("GET", "/v1/tasks"))), (std::vector<std::int64_t>{}));
}

// The same routes over the real SociStore as TaskStore (what dulyd wires): a follow-up task the
// dispatcher would create is listed with the facts the store computes, claimed and completed.
TEST_F(TasksApiTest, AFollowUpGoesThroughTheRealStore) {
  Router router(MakeTokenAuthenticator(*store_));
  ApiContext context = *context_;
  context.tasks = store_.get();
  context.outbox = store_.get();
  AddApiRoutes(router, context);
  auto call = [&](const std::string& method, const std::string& target, const std::string& body) {
    HttpRequest request;
    request.method = method;
    request.target = target;
    auto parsed = ParseRequestTarget(target);
    request.path = parsed->path;
    request.query = parsed->query;
    request.headers["authorization"] = "Bearer " + tokens_.at(Role::kCollector);
    request.body = body;
    return router.Handle(request);
  };
  NewTask failed;
  failed.kind = TaskKind::kFailedMessage;
  failed.customer = "C2";
  failed.invoices = {"INV-2"};
  failed.detail = "sms failed: Twilio 21211 invalid 'To' phone number";
  auto task = store_->CreateTask(failed, Actor{"test"});
  ASSERT_TRUE(task.has_value()) << task.error().message;

  HttpResponse list = call("GET", "/v1/tasks", "");
  ASSERT_EQ(list.status, 200) << list.body;
  const nlohmann::json items = Json(list)["items"];
  ASSERT_EQ(items.size(), 1U) << list.body;
  EXPECT_EQ(items[0]["id"], task->id);
  EXPECT_EQ(items[0]["kind"], "failed_message");
  EXPECT_EQ(items[0]["customer_name"], "Garage Jansen");
  EXPECT_EQ(items[0]["invoices"], nlohmann::json::array({"INV-2"}));
  EXPECT_EQ(items[0]["open_amount"], "400.00");
  EXPECT_EQ(items[0]["days_overdue"], 5);
  EXPECT_DOUBLE_EQ(items[0]["priority"].get<double>(), 4000.0);  // 400.00 x 5 x 2 (follow-up)

  const std::string target = "/v1/tasks/" + std::to_string(task->id);
  HttpResponse claimed = call("POST", target + "/claim", "{}");
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(Json(claimed)["assignee"], "collector-test");
  HttpResponse with_outcome = call("POST", target + "/complete", R"({"outcome": "reached"})");
  EXPECT_EQ(with_outcome.status, 400) << with_outcome.body;
  HttpResponse done = call("POST", target + "/complete", R"({"note": "number corrected"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done)["state"], "done");
  EXPECT_EQ(Json(call("GET", "/v1/tasks", ""))["items"], nlohmann::json::array());
}

}  // namespace
}  // namespace duly::daemon
