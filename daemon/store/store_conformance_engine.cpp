// The store conformance suite, engine part one: timers, the inputs read for them, how outcomes
// are written, and that a failed batch writes nothing.
#include "daemon/store/store_conformance_engine.h"

#include <atomic>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "daemon/store/migrator.h"

namespace duly::daemon {

TEST_P(StoreConformance, NewOpenInvoicesGetAStartTimer) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  Invoice note = MakeInvoice("CN1", "C1", 100);
  note.kind = InvoiceKind::kCreditNote;
  const Instant created = clock_.Now();
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 1000), note}, kActor));
  auto timer = store_->GetTimer("I1");
  ASSERT_TRUE(timer) << timer.error().message;
  ASSERT_TRUE(timer->has_value());
  EXPECT_EQ((*timer)->kind, TimerKind::kStart);
  EXPECT_EQ((*timer)->due_at, created);
  EXPECT_EQ((*timer)->attempt, 0);
  EXPECT_FALSE(store_->GetTimer("CN1")->has_value());
  EXPECT_EQ(*store_->PendingTimers(), 1);

  clock_.Advance(std::chrono::hours(1));  // an update never adds or moves the timer
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 2000)}, kActor));
  EXPECT_EQ((*store_->GetTimer("I1"))->due_at, created);
  EXPECT_EQ(*store_->PendingTimers(), 1);
  EXPECT_EQ(*store_->NextTimerDue(), std::optional<Instant>(created));
}

TEST_P(StoreConformance, MigrationStartsEveryOpenInvoice) {
  std::string skip;
  const std::string fresh = GetParam().create(skip);
  ASSERT_FALSE(fresh.empty()) << skip;
  auto url = DatabaseUrl::Parse(fresh);
  ASSERT_TRUE(url);
  {
    soci::session session;
    if (url->kind == DatabaseKind::kSqlite) {
      session.open(soci::sqlite3, url->soci_connect);
    } else {
      session.open(soci::postgresql, url->soci_connect);
    }
    std::vector<Migration> all = EmbeddedMigrations(url->kind);
    ASSERT_TRUE(Migrator(session, url->kind, {all.front()}).Apply(1));
    session << "INSERT INTO customers VALUES ('C1', 'C', 'b2b', 'nl', '', '', 0, '[]', '[]', '',"
               " '', '', 'NL', '', '[]', '', '', '', NULL, 'EUR', '', 0, 0)";
    const std::string invoice =
        "INSERT INTO invoices VALUES (:id, 'C1', :kind, '2026-01-01', '2026-02-01', 100, :open,"
        " 'EUR', '', '', '', :status, '', 0, 0)";
    for (auto [id, kind, open, status] :
         {std::tuple{"I1", "invoice", 100, "open"}, std::tuple{"I2", "invoice", 40, "open"},
          std::tuple{"I3", "invoice", 0, "paid"}, std::tuple{"N1", "credit_note", 100, "open"}}) {
      const std::string id_text = id;
      const std::string kind_text = kind;
      const std::string status_text = status;
      long long open_cents = open;
      session << invoice, soci::use(id_text, "id"), soci::use(kind_text, "kind"),
          soci::use(open_cents, "open"), soci::use(status_text, "status");
    }
    auto applied = Migrator(session, url->kind, all).Apply(5000);
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(*applied, static_cast<int>(all.size()) - 1);
    long long started = 0;
    session << "SELECT COUNT(*) FROM timers WHERE kind = 'start' AND due_at = 5000"
               " AND invoice IN ('I1', 'I2')",
        soci::into(started);
    long long total = 0;
    session << "SELECT COUNT(*) FROM timers", soci::into(total);
    EXPECT_EQ(started, 2);
    EXPECT_EQ(total, 2);
  }
  GetParam().drop(fresh);
}

TEST_P(StoreConformance, FiresOnlyDueTimersOldestFirst) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  const Instant t0 = clock_.Now();
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I2", "C1", 100)}, kActor));
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I3", "C1", 100)}, kActor));
  EXPECT_EQ(*store_->NextTimerDue(), std::optional<Instant>(t0));

  auto peek = store_->PeekDueTimers(t0, 10);
  ASSERT_TRUE(peek);
  ASSERT_EQ(peek->size(), 2U);
  EXPECT_EQ((*peek)[0].invoice, "I1");
  EXPECT_EQ((*peek)[1].invoice, "I2");

  std::vector<std::string> order;
  const Instant tomorrow = t0 + std::chrono::hours(24);
  auto decide = [&](const TimerInput& input, const TimerBatch& batch) {
    EXPECT_EQ(batch.now, t0 + std::chrono::seconds(30));
    EXPECT_TRUE(batch.colleagues.empty());
    order.push_back(input.timer.invoice);
    TimerOutcome outcome = Bare(input);
    outcome.next = NextTimer{TimerKind::kStep, "s1", tomorrow};
    return outcome;
  };
  auto report = store_->FireDueTimers(t0 + std::chrono::seconds(30), 10, {}, false, decide);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->fired, 2);
  EXPECT_EQ(report->lateness_ms, (std::vector<std::int64_t>{30000, 30000}));
  EXPECT_EQ(order, (std::vector<std::string>{"I1", "I2"}));
  auto next = store_->GetTimer("I1");
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->kind, TimerKind::kStep);
  EXPECT_EQ((*next)->step, "s1");
  EXPECT_EQ((*next)->due_at, tomorrow);
  EXPECT_EQ(*store_->PendingTimers(), 3);

  report = store_->FireDueTimers(t0 + std::chrono::seconds(30), 10, {}, false, decide);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->fired, 0);  // I3 is due a minute later, the others tomorrow
  EXPECT_EQ(*store_->NextTimerDue(), std::optional<Instant>(t0 + std::chrono::minutes(1)));
  EXPECT_EQ(store_->FireDueTimers(t0, 0, {}, false, decide).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformance, FiringRereadsTheInvoiceAndLimitsTheBatch) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 1000), MakeInvoice("I2", "C1", 10)}, kActor));
  Payment payment = MakePayment("P1", "C1", 1000);
  payment.allocations = {{"I1", Money::FromCents(1000)}};
  ASSERT_TRUE(store_->PostPayments({payment}, kActor));
  Recorder recorder;
  auto report = store_->FireDueTimers(clock_.Now(), 1, {}, false, recorder.Decide());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->fired, 1);
  ASSERT_EQ(recorder.seen.count("I1"), 1U);
  const TimerInput& input = recorder.seen["I1"];
  ASSERT_TRUE(input.invoice);
  EXPECT_EQ(input.invoice->status, InvoiceStatus::kPaid);
  EXPECT_EQ(input.invoice->open_amount, Money::FromCents(0));
  ASSERT_TRUE(input.customer);
  EXPECT_EQ(input.customer->id, "C1");
  EXPECT_FALSE(input.instance);
  EXPECT_FALSE(input.hold.Any());
  EXPECT_EQ(input.facts.Find("customer.open_amount"), nullptr);  // not requested
  EXPECT_TRUE(input.opted_out.empty());
  EXPECT_EQ(*store_->PendingTimers(), 1);
  EXPECT_FALSE(store_->GetTimer("I1")->has_value());  // fired, no next
}

TEST_P(StoreConformance, HoldsComeFromCasesPromisesAndPlans) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  std::vector<Invoice> invoices;
  for (const char* id : {"I1", "I2", "I3", "I4"}) invoices.push_back(MakeInvoice(id, "C1", 100));
  ASSERT_TRUE(store_->UpsertInvoices(invoices, kActor));
  const std::string cases =
      "INSERT INTO cases (customer, invoice, category, department, assignee, state, deadline_at,"
      " created_at) VALUES ";
  RawSql(cases + "('C1', 'I1', 'wrong_price', 'sales', '', 'escalated', 0, 0)");
  RawSql(cases + "('C1', 'I4', 'wrong_price', 'sales', '', 'resolved', 0, 0)");
  const std::string promises =
      "INSERT INTO promises (customer, invoice, amount, promised_on, state, created_at) VALUES ";
  RawSql(promises + "('C1', 'I2', 100, '2026-02-20', 'open', 0)");
  RawSql(promises + "('C1', 'I2', 100, '2026-02-10', 'open', 0)");
  RawSql(promises + "('C1', 'I4', 100, '2026-02-01', 'kept', 0)");
  const std::string plans =
      "INSERT INTO payment_plans (id, customer, total, currency, state, invoices, created_at)"
      " VALUES ";
  RawSql(plans + "(1, 'C1', 100, 'EUR', 'active', '[\"I3\"]', 0)");
  RawSql(plans + "(2, 'C1', 100, 'EUR', 'cancelled', '[\"I4\"]', 0)");
  RawSql("INSERT INTO plan_invoices (plan, invoice) VALUES (1, 'I3')");
  RawSql("INSERT INTO plan_invoices (plan, invoice) VALUES (2, 'I4')");

  Recorder recorder;
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, recorder.Decide()));
  ASSERT_EQ(recorder.seen.size(), 4U);
  EXPECT_EQ(recorder.seen["I1"].hold, (CollectionHold{true, std::nullopt, false}));
  EXPECT_EQ(recorder.seen["I2"].hold,
            (CollectionHold{false, ParseCalendarDate("2026-02-20").value(), false}));
  EXPECT_EQ(recorder.seen["I3"].hold, (CollectionHold{false, std::nullopt, true}));
  EXPECT_FALSE(recorder.seen["I4"].hold.Any());
}

TEST_P(StoreConformance, AggregateFactsAreComputedWhenRequested) {
  clock_.Set(At("2026-01-01"));
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2"), MakeCustomer("C3")},
                                      kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 1000), MakeInvoice("I2", "C1", 500),
                              MakeInvoice("I3", "C2", 5000), MakeInvoice("I4", "C2", 200, 1)},
                             kActor));
  Payment late = MakePayment("P1", "C2", 200);  // received 2026-02-10, I4 due 2026-02-01
  late.allocations = {{"I4", Money::FromCents(200)}};
  ASSERT_TRUE(store_->PostPayments({late}, kActor));
  const std::string promises =
      "INSERT INTO promises (customer, invoice, amount, promised_on, state, created_at) VALUES ";
  for (const char* state : {"kept", "kept", "kept", "broken", "cancelled"}) {
    RawSql(promises + "('C1', 'I1', 100, '2026-02-20', '" + state + "', 0)");
  }
  const std::string cases =
      "INSERT INTO cases (customer, invoice, category, department, assignee, state, deadline_at,"
      " created_at) VALUES ";
  for (const char* state : {"open", "escalated", "resolved"}) {
    RawSql(cases + "('C1', 'I9', 'other', 'sales', '', '" + std::string(state) + "', 0, 0)");
  }
  FactRequest all;
  for (const FactDefinition& fact : kFactDefinitions) {
    if (fact.name.substr(0, 9) == "customer.") all.names.insert(std::string(fact.name));
  }
  Recorder recorder;
  ASSERT_TRUE(store_->FireDueTimers(At("2026-03-01"), 10, all, false, recorder.Decide()));
  ASSERT_EQ(recorder.seen.size(), 4U);  // I4 is paid but its start timer still fires
  const Facts& c1 = recorder.seen["I1"].facts;
  EXPECT_EQ(*c1.Find("customer.open_amount"), FactValue(Money::FromCents(1500)));
  EXPECT_EQ(*c1.Find("customer.revenue_rank_12m"), FactValue(std::int64_t{2}));
  EXPECT_EQ(*c1.Find("customer.open_disputes"), FactValue(std::int64_t{2}));
  EXPECT_EQ(*c1.Find("customer.promise_kept_ratio"), FactValue(0.75));
  EXPECT_EQ(c1.Find("customer.avg_days_late"), nullptr);
  EXPECT_EQ(c1.Find("customer.risk_rating"), nullptr);
  const Facts& c2 = recorder.seen["I3"].facts;
  EXPECT_EQ(*c2.Find("customer.open_amount"), FactValue(Money::FromCents(5000)));
  EXPECT_EQ(*c2.Find("customer.revenue_rank_12m"), FactValue(std::int64_t{1}));
  EXPECT_EQ(*c2.Find("customer.avg_days_late"), FactValue(9.0));
  EXPECT_EQ(*c2.Find("customer.open_disputes"), FactValue(std::int64_t{0}));
  EXPECT_EQ(c2.Find("customer.promise_kept_ratio"), nullptr);
}

TEST_P(StoreConformance, OutcomesWriteInstanceNextTimerRunsAndEvents) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  const Instant now = clock_.Now() + std::chrono::minutes(5);
  const Instant later = now + std::chrono::hours(72);
  auto decide = [&](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome = Bare(input);
    outcome.instance = ActiveInstance("I1", "C1", "reminder-1");
    outcome.next = NextTimer{TimerKind::kStep, "reminder-1", later};
    outcome.runs = {{"standard", 1, "courtesy-call", "skipped:below_amount"}};
    outcome.events = {{"step.skipped", "{\"step\":\"courtesy-call\"}"},
                      {"instance.started", "{\"workflow\":\"standard\"}"}};
    return outcome;
  };
  const std::int64_t before = EventCount(*store_);
  auto report = store_->FireDueTimers(now, 10, {}, false, decide);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->new_runs, 1);
  EXPECT_EQ(report->events, 2);
  EXPECT_EQ(report->effects, 0);
  EXPECT_EQ(**store_->GetInstance("I1"), ActiveInstance("I1", "C1", "reminder-1"));
  EXPECT_FALSE(store_->GetInstance("I2")->has_value());
  EXPECT_EQ((*store_->GetTimer("I1"))->step, "reminder-1");
  auto runs = store_->StepRuns("I1");
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 1U);
  EXPECT_EQ((*runs)[0].run, (StepRun{"standard", 1, "courtesy-call", "skipped:below_amount"}));
  EXPECT_EQ((*runs)[0].at, now);
  EXPECT_EQ(store_->StepRuns("")->size(), 1U);
  auto events = store_->ListEvents({std::to_string(before), 10});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->items.size(), 2U);
  EXPECT_EQ(events->items[0].type, "step.skipped");
  EXPECT_EQ(events->items[0].actor, "engine");
  EXPECT_EQ(events->items[0].at, now);
  EXPECT_EQ(events->items[0].invoice, "I1");
  EXPECT_EQ(events->items[0].customer, "C1");
  EXPECT_EQ(events->items[1].type, "instance.started");
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, AFailedBatchWritesNothing) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 100), MakeInvoice("I2", "C1", 100)}, kActor));
  const std::int64_t before = EventCount(*store_);
  auto throwing = [](const TimerInput& input, const TimerBatch&) -> TimerOutcome {
    if (input.timer.invoice == "I2") throw std::runtime_error("decide failed");
    TimerOutcome outcome = Bare(input);
    outcome.instance = ActiveInstance("I1", "C1", "");
    return outcome;
  };
  auto report = store_->FireDueTimers(clock_.Now(), 10, {}, false, throwing);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("decide failed"), std::string::npos);
  auto wrong_timer = [](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome = Bare(input);
    outcome.timer_id += 1000;
    return outcome;
  };
  report = store_->FireDueTimers(clock_.Now(), 10, {}, false, wrong_timer);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kInternal);
  auto invalid_row = [](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome = Bare(input);
    outcome.events = {{"step.ran", "{}"}};
    outcome.next =
        NextTimer{TimerKind::kStep, "", input.timer.due_at};  // a step timer needs a step
    return outcome;
  };
  report = store_->FireDueTimers(clock_.Now(), 10, {}, false, invalid_row);
  ASSERT_FALSE(report);
  EXPECT_EQ(*store_->PendingTimers(), 2);
  EXPECT_EQ((*store_->GetTimer("I1"))->kind, TimerKind::kStart);
  EXPECT_FALSE(store_->GetInstance("I1")->has_value());
  EXPECT_EQ(EventCount(*store_), before);
  EXPECT_TRUE(store_->StepRuns("")->empty());
}

TEST_P(StoreConformance, PostponeTimerCountsTheAttempt) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  const Timer timer = **store_->GetTimer("I1");
  const Instant until = clock_.Now() + std::chrono::minutes(2);
  ASSERT_TRUE(store_->PostponeTimer(timer.id, until, "boom"));
  const Timer after = **store_->GetTimer("I1");
  EXPECT_EQ(after.attempt, 1);
  EXPECT_EQ(after.due_at, until);
  auto events = store_->ListCustomerEvents("C1", {"", 100});
  ASSERT_TRUE(events);
  EXPECT_EQ(events->items.back().type, "engine.timer_failed");
  EXPECT_NE(events->items.back().payload.find("boom"), std::string::npos);
  EXPECT_EQ(store_->PostponeTimer(timer.id + 1000, until, "x").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, ConcurrentFiringNeverFiresATimerTwice) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  std::vector<Invoice> invoices;
  for (int i = 0; i < 400; ++i) invoices.push_back(MakeInvoice("I" + std::to_string(i), "C1", 100));
  ASSERT_TRUE(store_->UpsertInvoices(invoices, kActor));
  auto other = OpenAgain();
  ASSERT_TRUE(other);
  std::mutex mutex;
  std::multiset<std::string> fired;
  auto decide = [&](const TimerInput& input, const TimerBatch&) {
    std::lock_guard<std::mutex> lock(mutex);
    fired.insert(input.timer.invoice);
    TimerOutcome outcome = Bare(input);
    outcome.runs = {{"standard", 1, "start", "ran"}};
    return outcome;
  };
  std::atomic<int> failures{0};
  auto drain = [&](SociStore& store) {
    for (;;) {
      auto report = store.FireDueTimers(clock_.Now(), 25, {}, false, decide);
      if (!report) {
        ++failures;
        return;
      }
      if (report->fired == 0) return;
    }
  };
  std::thread first([&] { drain(*store_); });
  std::thread second([&] { drain(*other); });
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(fired.size(), 400U);
  EXPECT_EQ(std::set<std::string>(fired.begin(), fired.end()).size(), 400U);
  EXPECT_EQ(*store_->PendingTimers(), 0);
  EXPECT_EQ(store_->StepRuns("")->size(), 400U);
}

TEST_P(StoreConformance, PostgresqlSkipsTimersAnotherFirerHolds) {
  if (url_.kind != DatabaseKind::kPostgresql) GTEST_SKIP() << "SQLite has one writer";
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 100), MakeInvoice("I2", "C1", 100)}, kActor));
  auto other = OpenAgain();
  ASSERT_TRUE(other);
  std::promise<void> holding;
  std::promise<void> other_done;
  std::future<void> may_finish = other_done.get_future();
  auto slow = [&](const TimerInput& input, const TimerBatch&) {
    holding.set_value();  // I1 is locked by this transaction now
    EXPECT_EQ(may_finish.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    return Bare(input);
  };
  std::future<Result<FireReport>> first = std::async(
      std::launch::async, [&] { return store_->FireDueTimers(clock_.Now(), 1, {}, false, slow); });
  holding.get_future().wait();
  Recorder recorder;
  auto second = other->FireDueTimers(clock_.Now(), 10, {}, false, recorder.Decide());
  other_done.set_value();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->fired, 1);  // only I2: I1 is skipped, not waited for
  EXPECT_EQ(recorder.seen.count("I2"), 1U);
  auto report = first.get();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->fired, 1);
  EXPECT_EQ(*store_->PendingTimers(), 0);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

}  // namespace duly::daemon
