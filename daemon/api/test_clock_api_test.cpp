// POST /v1/test/clock and GET /v1/invoices/{id}/collection over a real store and engine: the
// clock moves forward only, the engine catches up before the answer, and the collection shows
// the run.
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/api/api_test_fixture.h"
#include "daemon/api/iso_instant.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

class TestClockApiTest : public ApiTest {
 protected:
  void SaveCatalog() {
    ASSERT_EQ(
        Admin("PUT", "/v1/segments", R"({"segments": [{"id": "all", "priority": 1, "when": {}}]})")
            .status,
        200);
    ASSERT_EQ(Admin("POST", "/v1/workflows", R"({"id": "standard", "name": "Standard",
                  "segment": "all", "steps": [{"id": "reminder-1", "at": "due+3d", "action":
                  {"type": "message", "channel": "email", "template": "reminder-friendly"}}]})")
                  .status,
              200);
  }
};

TEST_F(TestClockApiTest, TheClockMovesForwardAndTheEngineCatchesUp) {
  ASSERT_NO_FATAL_FAILURE(SaveCatalog());
  ASSERT_EQ(Admin("POST", "/v1/customers", R"({"customers": [{"id": "C1", "name": "Jansen",
                  "email": "info@jansen.example"}]})")
                .status,
            200);
  const int woken = wakes_;
  ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-1", "customer": "C1",
                  "issued": "2026-03-01", "due": "2026-03-31", "amount": "1250.00"}]})")
                .status,
            200);
  EXPECT_GT(wakes_, woken) << "a new invoice wakes the engine";

  HttpResponse started = Admin("POST", "/v1/test/clock", R"({"advance_seconds": 60})");
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(Json(started)["now"], "2026-03-10T08:01:00.000Z");
  EXPECT_EQ(Json(started)["fired"], 1) << "the start timer";
  HttpResponse waiting = Call("GET", "/v1/invoices/INV-1/collection", tokens_.at(Role::kColleague));
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_EQ(Json(waiting)["instance"]["workflow"], "standard") << waiting.body;
  EXPECT_EQ(Json(waiting)["timer"]["step"], "reminder-1") << waiting.body;
  EXPECT_EQ(Json(waiting)["step_runs"].size(), 0U);

  // due+3d is 2026-04-03 09:00 in Amsterdam (summer time: 07:00Z).
  HttpResponse moved = Admin("POST", "/v1/test/clock", R"({"to": "2026-04-03T09:00:00+02:00"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Json(moved)["now"], "2026-04-03T07:00:00.000Z");
  EXPECT_EQ(Json(moved)["fired"], 1);
  HttpResponse collected = Admin("GET", "/v1/invoices/INV-1/collection");
  ASSERT_EQ(collected.status, 200) << collected.body;
  const json runs = Json(collected)["step_runs"];
  ASSERT_EQ(runs.size(), 1U) << collected.body;
  EXPECT_EQ(runs[0]["step"], "reminder-1");
  EXPECT_EQ(runs[0]["outcome"], "ran");
  EXPECT_EQ(runs[0]["version"], 1);

  HttpResponse back = Admin("POST", "/v1/test/clock", R"({"to": "2026-04-01T00:00:00Z"})");
  ASSERT_EQ(back.status, 409) << back.body;
  EXPECT_EQ(Fields(back), "/to: is before the clock's now, 2026-04-03T07:00:00.000Z\n");
  HttpResponse negative = Admin("POST", "/v1/test/clock", R"({"advance_seconds": -1})");
  ASSERT_EQ(negative.status, 409) << negative.body;
  EXPECT_NE(Fields(negative).find("/advance_seconds"), std::string::npos);
  EXPECT_EQ(Admin("POST", "/v1/test/clock", R"({"to": "tomorrow"})").status, 400);
  EXPECT_EQ(Admin("POST", "/v1/test/clock", R"({"advance_seconds": 1, "to": "x"})").status, 400);
  EXPECT_EQ(Call("POST", "/v1/test/clock", tokens_.at(Role::kManager), R"({"advance_seconds": 1})")
                .status,
            403);
  EXPECT_EQ(Admin("GET", "/v1/invoices/INV-404/collection").status, 404);
}

// The same routes on a daemon without --test-clock.
class SystemClockApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    router_ = std::make_unique<Router>(MakeTokenAuthenticator(*store_));
    ApiContext context{.store = *store_,
                       .clock = clock_,
                       .metrics_text = [] { return std::string(); },
                       .accepting = [] { return true; },
                       .catalog = *store_,
                       .timers = *store_,
                       .wake_engine = nullptr,
                       .test_clock = nullptr,
                       .catch_up_engine = nullptr,
                       .simulate = nullptr,
                       .time_zone = "Europe/Amsterdam"};
    AddApiRoutes(*router_, context);
  }
};

TEST_F(SystemClockApiTest, TheTestClockIsRefusedWithoutTheFlag) {
  HttpResponse refused = Admin("POST", "/v1/test/clock", R"({"advance_seconds": 60})");
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(Json(refused)["error"]["message"],
            "dulyd runs on the system clock; start it with --test-clock to move time");
}

TEST(IsoInstantTest, AcceptsOffsetsAndRefusesTheRest) {
  EXPECT_EQ(ToEpochMillis(*ParseIsoInstant("2026-03-10T08:00:00Z")), 1773129600000);
  EXPECT_EQ(ToEpochMillis(*ParseIsoInstant("2026-03-10T09:00:00+01:00")), 1773129600000);
  EXPECT_EQ(ToEpochMillis(*ParseIsoInstant("2026-03-10T03:30-04:30")), 1773129600000);
  EXPECT_EQ(ToEpochMillis(*ParseIsoInstant("2026-03-10T08:00:00.25Z")), 1773129600250);
  for (const char* bad :
       {"2026-03-10", "2026-03-10T08:00:00", "2026-02-30T08:00:00Z", "2026-03-10T24:00:00Z",
        "2026-03-10T08:00:00Zjunk", "2026-03-10T08:00:00+0100", "2026-03-10T08:00:00."}) {
    EXPECT_FALSE(ParseIsoInstant(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace duly::daemon
