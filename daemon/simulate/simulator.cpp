#include "daemon/simulate/simulator.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "channels/twilio/inbound_keyword.h"
#include "daemon/simulate/timeline.h"
#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"
#include "workflows/clock.h"
#include "workflows/engine/engine.h"
#include "workflows/engine/local_moment.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {

using nlohmann::json;

namespace {

const Actor kActor{"simulate"};
const std::string kOwner = "simulate";  // the lease owner of delivered outbox rows
constexpr int kLeaseBatch = 1000;
constexpr std::chrono::milliseconds kLease{std::chrono::hours(1)};
constexpr int kEventPage = 1000;
// A bound on rounds far above what any scenario needs, so an engine that stops making progress
// ends the simulation with an error instead of looping.
constexpr std::int64_t kMaxRounds = 10'000'000;

// A store batch error names items "/3/customer"; in the scenario they are "/customers/3/...".
Error Rerooted(Error error, const std::string& prefix) {
  for (FieldError& field : error.fields) field.field = prefix + field.field;
  if (error.fields.empty()) return error.WithContext(prefix);
  return error;
}

class Simulation {
 public:
  Simulation(const Scenario& scenario, SociStore& store, ManualClock& clock, Engine& engine,
             Timeline& timeline)
      : scenario_(scenario), store_(store), clock_(clock), engine_(engine), timeline_(timeline) {}

  Status Run(const std::function<void(const json& line)>& emit) {
    // The records' own history (customer.created, ...) is not part of the timeline.
    if (auto skipped = NewEvents(); !skipped) return skipped.error();
    const Instant end = LocalMoment(scenario_.start + date::days(scenario_.days),
                                    std::chrono::minutes(0), scenario_.time_zone);
    std::size_t next_event = 0;
    for (std::int64_t round = 0; round < kMaxRounds; ++round) {
      const Instant now = clock_.Now();
      while (next_event < scenario_.events.size() && scenario_.events[next_event].at <= now) {
        if (Status applied = Apply(scenario_.events[next_event++], now); !applied) return applied;
      }
      if (auto fired = engine_.RunDue(); !fired) {
        return fired.error().WithContext("simulate: the engine failed at " +
                                         FormatInstant(now, scenario_.time_zone));
      }
      if (Status delivered = Deliver(now); !delivered) return delivered;
      auto events = NewEvents();
      if (!events) return events.error();
      for (const Event& event : *events) {
        // The daemon retries a failed timer later; a simulation reports it instead.
        if (event.type == "engine.timer_failed") {
          return InternalError("simulate: the engine failed a step of invoice " + event.invoice +
                               " at " + FormatInstant(now, scenario_.time_zone) + ": " +
                               event.payload);
        }
      }
      timeline_.AddEngineEvents(*events);
      timeline_.Flush(emit);

      auto next_timer = engine_.NextDue();
      if (!next_timer) return next_timer.error().WithContext("simulate: next timer");
      std::optional<Instant> next = *next_timer;
      if (next_event < scenario_.events.size()) {
        const Instant event_at = scenario_.events[next_event].at;
        next = next ? std::min(*next, event_at) : event_at;
      }
      if (!next || *next >= end) return Status::Ok();
      // A timer the engine did not take at `now` (a postponed failure) must not stall the loop.
      clock_.Set(std::max(*next, now + std::chrono::milliseconds(1)));
    }
    return InternalError("simulate: the engine made no progress after " +
                         std::to_string(kMaxRounds) + " rounds");
  }

 private:
  // Every history event after the last one seen, oldest first.
  Result<std::vector<Event>> NewEvents() {
    std::vector<Event> events;
    for (;;) {
      auto page = store_.ListEvents({std::to_string(last_seq_), kEventPage});
      if (!page) return page.error().WithContext("simulate: reading the history");
      for (Event& event : page->items) {
        last_seq_ = std::max(last_seq_, event.seq);
        events.push_back(std::move(event));
      }
      if (page->next_after.empty() || page->items.empty()) return events;
    }
  }

  // Delivers every message due at `now` to a recording channel: the timeline.
  Status Deliver(Instant now) {
    for (;;) {
      auto due = store_.LeaseDueMessages(now, kLeaseBatch, kOwner, kLease);
      if (!due) return due.error().WithContext("simulate: leasing messages");
      for (const OutboxMessage& message : *due) {
        const std::string provider_id = "SIM-MSG-" + std::to_string(message.id);
        if (Status sent = store_.MarkMessageSent(message.id, kOwner, provider_id); !sent) {
          return std::move(sent).error().WithContext("simulate: message " +
                                                     std::to_string(message.id));
        }
        timeline_.AddMessage(message, now);
      }
      if (due->size() < static_cast<std::size_t>(kLeaseBatch)) return Status::Ok();
    }
  }

  Status Apply(const ScenarioEvent& event, Instant now) {
    const std::string at = "/events/" + std::to_string(event.index);
    if (event.type == "payment") return ApplyPayment(event, at, now);
    if (event.type == "reply") return ApplyReply(event, at, now);
    return FieldInvalid(at + "/type", "is not simulated by this build");
  }

  Status ApplyPayment(const ScenarioEvent& event, const std::string& at, Instant now) {
    const json& body = event.body;
    Payment payment;
    payment.id = body.value("id", "SIM-" + std::to_string(event.index));
    payment.customer = body.at("customer").get<std::string>();
    auto amount = Money::Parse(body.at("amount").get<std::string>());
    if (!amount) return FieldInvalid(at + "/amount", amount.error().message);
    payment.amount = *amount;
    payment.received = LocalDay(now, scenario_.time_zone);
    payment.remittance = "duly simulate, event " + std::to_string(event.index);
    if (auto invoice_id = body.find("invoice"); invoice_id != body.end()) {
      auto invoice = store_.GetInvoice(invoice_id->get<std::string>());
      if (!invoice) return Rerooted(invoice.error(), at + "/invoice");
      payment.currency = invoice->currency;
      const Money applied =
          invoice->open_amount.cents() < payment.amount.cents() ? invoice->open_amount : *amount;
      // The rest stays on the customer as credit. (An invoice already settled gets no
      // allocation, and the store then allocates to the customer's open invoices as a bank
      // payment without a usable reference would be.)
      if (applied.cents() > 0) payment.allocations.push_back({invoice->id, applied});
    }
    payment.currency = body.value("currency", payment.currency);
    auto posted = store_.PostPayments({payment}, kActor);
    if (!posted) {
      Error error = std::move(posted).error();
      for (FieldError& field : error.fields) {
        if (field.field.starts_with("/0")) field.field = at + field.field.substr(2);
      }
      return error.WithContext("simulate: payment of event " + std::to_string(event.index));
    }
    auto stored = store_.GetPayment(payment.id);
    if (!stored) return stored.error().WithContext("simulate: payment " + payment.id);
    timeline_.AddPayment(*stored, now);
    return Status::Ok();
  }

  Status ApplyReply(const ScenarioEvent& event, const std::string& at, Instant now) {
    const std::string text = event.body.at("text").get<std::string>();
    if (channels::twilio::ClassifyInbound(text).intent !=
        channels::twilio::InboundIntent::kOptOut) {
      return Status::Ok();  // a reply a collector reads: nothing the engine acts on
    }
    const std::string customer = event.body.at("customer").get<std::string>();
    const std::string channel = event.body.at("channel").get<std::string>();
    if (Status opted = store_.RecordOptOut(customer, channel, kActor); !opted) {
      return Rerooted(std::move(opted).error(), at);
    }
    timeline_.AddOptOut(customer, channel, now);
    return Status::Ok();
  }

  const Scenario& scenario_;
  SociStore& store_;
  ManualClock& clock_;
  Engine& engine_;
  Timeline& timeline_;
  std::int64_t last_seq_ = 0;
};

// Loads the scenario's records and catalog into `store` (empty batches are not sent).
Status Load(const Scenario& scenario, const std::vector<Workflow>& workflows, SociStore& store) {
  if (!scenario.colleagues.empty()) {
    if (auto saved = store.UpsertColleagues(scenario.colleagues, kActor); !saved) {
      return Rerooted(std::move(saved).error(), "/colleagues");
    }
  }
  if (!scenario.customers.empty()) {
    if (auto saved = store.UpsertCustomers(scenario.customers, kActor); !saved) {
      return Rerooted(std::move(saved).error(), "/customers");
    }
  }
  CatalogStore& catalog = store;
  if (auto saved = catalog.SaveSegments(scenario.segments, kActor); !saved) {
    return saved.error().WithContext("simulate: segments");
  }
  for (std::size_t i = 0; i < workflows.size(); ++i) {
    if (auto saved = catalog.SaveWorkflow(workflows[i], scenario.workflows[i], kActor); !saved) {
      return Rerooted(saved.error(), "/workflows/" + std::to_string(i));
    }
  }
  // Invoices after the catalog: each open invoice writes its start timer, which reads it.
  if (!scenario.invoices.empty()) {
    if (auto saved = store.UpsertInvoices(scenario.invoices, kActor); !saved) {
      return Rerooted(std::move(saved).error(), "/invoices");
    }
  }
  // What was paid before the simulation starts, allocated as given.
  if (!scenario.opening_payments.empty()) {
    if (auto posted = store.PostPayments(scenario.opening_payments, kActor); !posted) {
      return Rerooted(std::move(posted).error(), "/opening_payments");
    }
  }
  return Status::Ok();
}

Status SimulateIn(const Scenario& scenario, const std::filesystem::path& database,
                  const std::function<void(const json& line)>& emit) {
  std::vector<Workflow> workflows;
  for (const std::string& text : scenario.workflows) {
    auto workflow = ParseWorkflowText(text);
    if (!workflow) return workflow.error();
    workflows.push_back(std::move(*workflow));
  }
  auto url = DatabaseUrl::Parse("sqlite://" + database.string());
  if (!url) return url.error();
  ManualClock clock(LocalMoment(scenario.start, std::chrono::minutes(0), scenario.time_zone));
  auto store = OpenStore(*url, clock, StoreOptions{.pool_size = 1});
  if (!store) return store.error().WithContext("simulate: opening the scratch database");
  if (Status loaded = Load(scenario, workflows, **store); !loaded) return loaded;

  EngineOptions engine_options;
  engine_options.default_time_zone = scenario.time_zone;
  if (scenario.send_time) engine_options.send_time = *scenario.send_time;
  if (scenario.promise_grace_days) engine_options.promise_grace_days = *scenario.promise_grace_days;
  SociStore& store_ref = **store;
  Engine engine(store_ref, store_ref, clock, engine_options);

  std::map<std::string, std::string, std::less<>> customer_of_invoice;
  for (const Invoice& invoice : scenario.invoices) {
    customer_of_invoice.emplace(invoice.id, invoice.customer);
  }
  Timeline timeline(scenario.time_zone, std::move(workflows), std::move(customer_of_invoice));
  Simulation simulation(scenario, store_ref, clock, engine, timeline);
  return simulation.Run(emit);
}

}  // namespace

Status Simulate(const Scenario& scenario, const SimulationOptions& options,
                const std::function<void(const json& line)>& emit) {
  std::error_code ignored;
  const auto database = std::filesystem::absolute(options.scratch_dir, ignored) / "simulation.db";
  Status status = SimulateIn(scenario, database, emit);
  // The store is closed by now; its files go (the caller removes the directory).
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(database.string() + suffix, ignored);
  }
  return status;
}

}  // namespace duly::daemon
