// EngineCrashRun::Verify: the proof, read from the database after dulyd has stopped.
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/store/soci_store.h"
#include "tests/integration/engine_crash_book.h"
#include "tests/integration/engine_crash_effects.h"
#include "tests/integration/engine_crash_run.h"
#include "workflows/clock.h"
#include "workflows/engine/timer_store.h"

namespace duly::testing {
namespace {

using Tally = std::map<std::string, int>;  // "invoice|step" -> how often it was seen

std::string Key(const std::string& invoice, const std::string& step) {
  return invoice + "|" + step;
}

// Reports every key whose count differs from the expected one (bounded, so a total failure stays
// readable) and returns how many differ.
int Compare(const char* what, const Tally& expected, const Tally& seen) {
  int wrong = 0;
  std::set<std::string> keys;
  for (const auto& [key, count] : expected) keys.insert(key);
  for (const auto& [key, count] : seen) keys.insert(key);
  for (const std::string& key : keys) {
    auto want = expected.find(key);
    auto got = seen.find(key);
    int want_count = want == expected.end() ? 0 : want->second;
    int got_count = got == seen.end() ? 0 : got->second;
    if (want_count == got_count) continue;
    if (++wrong <= 10) {
      ADD_FAILURE() << what << " " << key << ": seen " << got_count << " times, expected "
                    << want_count;
    }
  }
  if (wrong > 10) ADD_FAILURE() << what << ": " << wrong << " (invoice, step) pairs differ in all";
  return wrong;
}

// Every event of the history, oldest first.
std::vector<Event> AllEvents(Store& store) {
  std::vector<Event> events;
  PageRequest page{"", 1000};
  for (;;) {
    Result<Page<Event>> listed = store.ListEvents(page);
    EXPECT_TRUE(listed.has_value()) << listed.error().message;
    if (!listed) break;
    for (Event& event : listed->items) events.push_back(std::move(event));
    if (listed->next_after.empty()) break;
    page.after = listed->next_after;
  }
  return events;
}

}  // namespace

void EngineCrashRun::Verify() {
  ASSERT_TRUE(daemon_);
  EXPECT_EQ(daemon_->Stop(), 0) << daemon_->Log();
  daemon_.reset();

  Result<daemon::DatabaseUrl> url = daemon::DatabaseUrl::Parse(database_url_);
  ASSERT_TRUE(url.has_value()) << url.error().message;
  ManualClock clock(FromEpochMillis(0));
  daemon::StoreOptions options;
  options.migrate = false;
  Result<std::unique_ptr<daemon::SociStore>> opened = daemon::OpenStore(*url, clock, options);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  daemon::SociStore& store = **opened;
  TimerStore* timers = &store;

  // What the workflow must have done: every step once, the courtesy call only for big invoices.
  Tally runs_expected, ran_expected, skipped_expected, messages_expected, calls_expected,
      notifications_expected;
  std::vector<CrashInvoice> books = CrashInvoices(plan_.customers, plan_.invoices_per_customer);
  for (const CrashInvoice& invoice : books) {
    for (const CrashStep& step : CrashSteps()) {
      std::string key = Key(invoice.id, step.id);
      runs_expected[key] = 1;
      bool runs = step.effect != "call_task" || invoice.big;
      (runs ? ran_expected : skipped_expected)[key] = 1;
      if (!runs) continue;
      if (step.effect == "message") messages_expected[key] = 1;
      if (step.effect == "call_task") calls_expected[key] = 1;
      if (step.effect == "notification") notifications_expected[key] = 1;
    }
  }

  // 1. The step runs: the once-key table.
  Result<std::vector<StoredStepRun>> runs = timers->StepRuns("");
  ASSERT_TRUE(runs.has_value()) << runs.error().message;
  Tally runs_seen, runs_ran, runs_skipped;
  int wrong_version = 0;
  for (const StoredStepRun& run : *runs) {
    std::string key = Key(run.invoice, run.run.step);
    ++runs_seen[key];
    if (run.run.outcome == "ran") ++runs_ran[key];
    if (run.run.outcome == "skipped:condition") ++runs_skipped[key];
    if (run.run.workflow != kCrashWorkflow || run.run.version != 1) ++wrong_version;
  }
  EXPECT_EQ(Compare("step run", runs_expected, runs_seen), 0);
  EXPECT_EQ(Compare("step run 'ran'", ran_expected, runs_ran), 0);
  EXPECT_EQ(Compare("step run 'skipped:condition'", skipped_expected, runs_skipped), 0);
  EXPECT_EQ(wrong_version, 0) << "step runs not of " << kCrashWorkflow << " version 1";

  // 2. Nothing is left to do: no timer, every instance completed.
  Result<std::int64_t> pending = timers->PendingTimers();
  ASSERT_TRUE(pending.has_value()) << pending.error().message;
  EXPECT_EQ(*pending, 0) << "timers left after the last step of every invoice";
  int not_completed = 0;
  for (const CrashInvoice& invoice : books) {
    Result<std::optional<Instance>> instance = timers->GetInstance(invoice.id);
    ASSERT_TRUE(instance.has_value()) << instance.error().message;
    bool completed = instance->has_value() && (*instance)->state == InstanceState::kEnded &&
                     (*instance)->reason == "completed";
    if (!completed && ++not_completed <= 5) {
      ADD_FAILURE() << invoice.id << ": instance "
                    << (instance->has_value() ? InstanceStateName((*instance)->state) : "missing")
                    << " " << (instance->has_value() ? (*instance)->reason : "");
    }
  }
  EXPECT_EQ(not_completed, 0);

  // 3. The effects: each (invoice, step) once across the outbox and the call tasks.
  Result<CrashEffects> effects = ReadCrashEffects(*url);
  ASSERT_TRUE(effects.has_value()) << effects.error().message;
  EXPECT_EQ(Compare("customer message item", messages_expected, effects->message_items), 0);
  EXPECT_EQ(Compare("call task item", calls_expected, effects->call_task_items), 0);
  EXPECT_EQ(Compare("colleague notification", notifications_expected, effects->notifications), 0);
  EXPECT_GT(effects->largest_bundle, 1) << "no message bundled two invoices";

  // 4. The history: one "step.ran" or "step.skipped" per (invoice, step), each instance started
  // and ended once, and the chain holds.
  Tally ran_events, skipped_events, lifetime_events, lifetime_expected;
  for (const CrashInvoice& invoice : books) {
    lifetime_expected[Key(invoice.id, "instance.started")] = 1;
    lifetime_expected[Key(invoice.id, "instance.ended")] = 1;
  }
  for (const Event& event : AllEvents(store)) {
    if (event.type == "instance.started" || event.type == "instance.ended") {
      ++lifetime_events[Key(event.invoice, event.type)];
    }
    if (event.type != "step.ran" && event.type != "step.skipped") continue;
    nlohmann::json payload = nlohmann::json::parse(event.payload, nullptr, false);
    std::string step =
        payload.is_object() && payload.contains("step") && payload["step"].is_string()
            ? payload["step"].get<std::string>()
            : "?";
    ++(event.type == "step.ran" ? ran_events : skipped_events)[Key(event.invoice, step)];
  }
  EXPECT_EQ(Compare("step.ran event", ran_expected, ran_events), 0);
  EXPECT_EQ(Compare("step.skipped event", skipped_expected, skipped_events), 0);
  EXPECT_EQ(Compare("instance event", lifetime_expected, lifetime_events), 0);
  Result<HistoryVerdict> verdict = store.VerifyHistory();
  ASSERT_TRUE(verdict.has_value()) << verdict.error().message;
  EXPECT_TRUE(verdict->intact) << "history broken at seq " << verdict->first_bad_seq << ": "
                               << verdict->problem;

  std::cout << "engine crash test: " << runs->size() << " step runs, " << effects->messages
            << " outbox messages (largest bundle " << effects->largest_bundle << " invoices), "
            << effects->call_tasks << " call tasks, " << verdict->events
            << " history events verified\n";
}

}  // namespace duly::testing
