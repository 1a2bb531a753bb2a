// In-memory test doubles of TimerStore and CatalogStore for the Engine tests. The real SQL stores
// live in daemon/store and have their own conformance tests; these keep the engine's tests pure
// (no I/O). MemoryTimerStore follows timer_store.h: a batch is all-or-nothing (it works on a copy
// and commits only when every timer was decided), runs are unique on (invoice, workflow,
// version, step) and effects and events are kept only when every run of an outcome is new.
// An invoice in `poisoned` makes any batch containing its timer fail with kInternal.
// Test-only, header-only; not thread-safe.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/engine/catalog_store.h"
#include "workflows/engine/timer_store.h"

namespace duly::testdata {

struct MemoryTimerState {
  std::map<std::string, Invoice> invoices;
  std::map<std::string, Customer> customers;
  std::map<std::string, Instance> instances;
  std::map<std::string, Timer> timers;  // by invoice
  std::vector<StoredStepRun> runs;
  std::vector<EngineEvent> events;
  std::vector<MessageEffect> messages;
  std::int64_t next_timer_id = 1;
};

class MemoryTimerStore final : public TimerStore {
 public:
  MemoryTimerState state;
  std::set<std::string> poisoned;
  std::vector<Colleague> colleagues;
  bool unavailable = false;
  std::vector<int> limits;            // `limit` of every FireDueTimers call
  std::vector<FactRequest> requests;  // `facts` of every FireDueTimers call

  void AddInvoice(const Invoice& invoice, const Customer& customer, Instant start_at) {
    state.invoices[invoice.id] = invoice;
    state.customers[customer.id] = customer;
    state.timers[invoice.id] =
        Timer{state.next_timer_id++, TimerKind::kStart, invoice.id, "", start_at, 0};
  }

  Result<FireReport> FireDueTimers(Instant now, int limit, const FactRequest& facts,
                                   bool with_colleagues, const TimerDecision& decide) override {
    limits.push_back(limit);
    requests.push_back(facts);
    if (unavailable) return Unavailable("database gone");
    MemoryTimerState work = state;
    FireReport report;
    const TimerBatch batch{now, with_colleagues ? colleagues : std::vector<Colleague>{}};
    for (const Timer& timer : Due(now, limit)) {
      if (poisoned.contains(timer.invoice)) {
        return InternalError("invoice " + timer.invoice + ": constraint failed");
      }
      TimerInput input;
      input.timer = timer;
      if (auto invoice = work.invoices.find(timer.invoice); invoice != work.invoices.end()) {
        input.invoice = invoice->second;
        input.customer = work.customers.at(invoice->second.customer);
      }
      if (auto instance = work.instances.find(timer.invoice); instance != work.instances.end()) {
        input.instance = instance->second;
      }
      const TimerOutcome outcome = decide(input, batch);
      Apply(outcome, now, work, report);
      ++report.fired;
      report.lateness_ms.push_back((now - timer.due_at).count());
    }
    state = std::move(work);
    return report;
  }

  Result<std::optional<Instant>> NextTimerDue() override {
    std::optional<Instant> next;
    for (const auto& [invoice, timer] : state.timers) {
      if (!next || timer.due_at < *next) next = timer.due_at;
    }
    return next;
  }
  Result<std::vector<Timer>> PeekDueTimers(Instant now, int limit) override {
    if (unavailable) return Unavailable("database gone");
    return Due(now, limit);
  }
  Status PostponeTimer(std::int64_t timer_id, Instant until, const std::string& error) override {
    for (auto& [invoice, timer] : state.timers) {
      if (timer.id != timer_id) continue;
      ++timer.attempt;
      timer.due_at = until;
      state.events.push_back(EngineEvent{"engine.timer_failed", error});
      return Status::Ok();
    }
    return NotFound("timer " + std::to_string(timer_id));
  }
  Result<std::int64_t> PendingTimers() override {
    return static_cast<std::int64_t>(state.timers.size());
  }
  Result<std::optional<Instance>> GetInstance(const std::string& invoice) override {
    auto found = state.instances.find(invoice);
    if (found == state.instances.end()) return std::optional<Instance>();
    return std::optional<Instance>(found->second);
  }
  Result<std::optional<Timer>> GetTimer(const std::string& invoice) override {
    auto found = state.timers.find(invoice);
    if (found == state.timers.end()) return std::optional<Timer>();
    return std::optional<Timer>(found->second);
  }
  Result<std::vector<StoredStepRun>> StepRuns(const std::string& invoice) override {
    std::vector<StoredStepRun> runs;
    for (const StoredStepRun& run : state.runs) {
      if (invoice.empty() || run.invoice == invoice) runs.push_back(run);
    }
    return runs;
  }

 private:
  std::vector<Timer> Due(Instant now, int limit) const {
    std::vector<Timer> due;
    for (const auto& [invoice, timer] : state.timers) {
      if (timer.due_at <= now) due.push_back(timer);
    }
    std::sort(due.begin(), due.end(), [](const Timer& a, const Timer& b) {
      return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id);
    });
    if (due.size() > static_cast<std::size_t>(limit)) due.resize(static_cast<std::size_t>(limit));
    return due;
  }

  static void Apply(const TimerOutcome& outcome, Instant now, MemoryTimerState& work,
                    FireReport& report) {
    if (outcome.instance) work.instances[outcome.invoice] = *outcome.instance;
    work.timers.erase(outcome.invoice);
    if (outcome.next) {
      work.timers[outcome.invoice] =
          Timer{work.next_timer_id++, outcome.next->kind,   outcome.invoice,
                outcome.next->step,   outcome.next->due_at, 0};
    }
    bool all_new = true;
    for (const StepRun& run : outcome.runs) {
      for (const StoredStepRun& stored : work.runs) {
        if (stored.invoice == outcome.invoice && stored.run.workflow == run.workflow &&
            stored.run.version == run.version && stored.run.step == run.step) {
          all_new = false;
        }
      }
    }
    if (!all_new) return;
    for (const StepRun& run : outcome.runs) work.runs.push_back({outcome.invoice, run, now});
    report.new_runs += static_cast<std::int64_t>(outcome.runs.size());
    work.messages.insert(work.messages.end(), outcome.messages.begin(), outcome.messages.end());
    report.effects +=
        static_cast<std::int64_t>(outcome.messages.size() + outcome.call_tasks.size() +
                                  outcome.notifications.size() + (outcome.handover ? 1 : 0));
    work.events.insert(work.events.end(), outcome.events.begin(), outcome.events.end());
    report.events += static_cast<std::int64_t>(outcome.events.size());
  }
};

class MemoryCatalogStore final : public CatalogStore {
 public:
  std::int64_t revision = 0;
  int builds_read = 0;  // LatestWorkflows calls: how often a catalog was (re)built
  std::map<std::string, std::vector<WorkflowVersion>> versions;
  SegmentsVersion segments{0, R"({"segments":[]})", {}, ""};

  Result<WorkflowVersion> SaveWorkflow(const Workflow& workflow, const std::string& definition,
                                       const Actor& actor) override {
    std::vector<WorkflowVersion>& saved = versions[workflow.id];
    nlohmann::json document = nlohmann::json::parse(definition);
    document["version"] = static_cast<std::int64_t>(saved.size()) + 1;
    saved.push_back(WorkflowVersion{workflow.id,
                                    static_cast<std::int64_t>(saved.size()) + 1,
                                    workflow.segment,
                                    document.dump(),
                                    {},
                                    actor.name});
    ++revision;
    return saved.back();
  }
  Result<std::vector<WorkflowVersion>> LatestWorkflows() override {
    ++builds_read;
    std::vector<WorkflowVersion> latest;
    for (const auto& [id, saved] : versions) latest.push_back(saved.back());
    return latest;
  }
  Result<std::vector<WorkflowVersion>> WorkflowVersions(const std::string& id) override {
    auto found = versions.find(id);
    if (found == versions.end()) return NotFound("workflow " + id);
    return found->second;
  }
  Result<WorkflowVersion> GetWorkflowVersion(const std::string& id, std::int64_t version) override {
    auto found = versions.find(id);
    if (found == versions.end()) return NotFound("workflow " + id);
    if (version == 0) return found->second.back();
    for (const WorkflowVersion& one : found->second) {
      if (one.version == version) return one;
    }
    return NotFound("workflow " + id + " version " + std::to_string(version));
  }
  Result<SegmentsVersion> SaveSegments(const std::string& definition, const Actor& actor) override {
    segments = SegmentsVersion{segments.version + 1, definition, {}, actor.name};
    ++revision;
    return segments;
  }
  Result<SegmentsVersion> LatestSegments() override { return segments; }
  Result<std::int64_t> CatalogRevision() override { return revision; }
};

}  // namespace duly::testdata
