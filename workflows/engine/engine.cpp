#include "workflows/engine/engine.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "workflows/engine/decide.h"

namespace duly {
namespace {

constexpr std::chrono::milliseconds kMaxBackOff = std::chrono::hours{1};

// retry_after doubled per failed attempt so far, at most one hour (and at least a second, so a
// postponed timer is never due again within the same round).
std::chrono::milliseconds BackOff(std::chrono::seconds retry_after, std::int64_t attempt) {
  std::chrono::milliseconds delay =
      std::max<std::chrono::milliseconds>(retry_after, std::chrono::seconds{1});
  for (std::int64_t i = 0; i < attempt && delay < kMaxBackOff; ++i) delay *= 2;
  return std::min(delay, kMaxBackOff);
}

void Add(FireReport& total, FireReport part) {
  total.fired += part.fired;
  total.new_runs += part.new_runs;
  total.effects += part.effects;
  total.events += part.events;
  total.lateness_ms.insert(total.lateness_ms.end(), part.lateness_ms.begin(),
                           part.lateness_ms.end());
}

}  // namespace

Engine::Engine(TimerStore& timers, CatalogStore& catalog, const Clock& clock, EngineOptions options)
    : timers_(timers), catalog_store_(catalog), clock_(clock), options_(std::move(options)) {}

Result<std::shared_ptr<const Catalog>> Engine::CurrentCatalog() {
  Result<std::int64_t> revision = catalog_store_.CatalogRevision();
  if (!revision) return std::move(revision).error();
  if (catalog_ != nullptr && catalog_->revision == *revision) return catalog_;
  Result<SegmentsVersion> segments = catalog_store_.LatestSegments();
  if (!segments) return std::move(segments).error();
  Result<std::vector<WorkflowVersion>> latest = catalog_store_.LatestWorkflows();
  if (!latest) return std::move(latest).error();
  Result<std::shared_ptr<const Catalog>> built = BuildCatalog(*revision, *segments, *latest);
  if (!built) return std::move(built).error();
  catalog_ = *built;
  return catalog_;
}

Result<std::optional<Instant>> Engine::NextDue() { return timers_.NextTimerDue(); }

Result<FireReport> Engine::RunDue() {
  FireReport total;
  const int batch_size = std::max(options_.batch_size, 1);
  // After a failed batch, this many timers are fired one by one to isolate the culprit.
  int alone = 0;
  while (true) {
    Result<std::shared_ptr<const Catalog>> catalog = CurrentCatalog();
    if (!catalog) return std::move(catalog).error();
    const std::shared_ptr<const Catalog> in_force = *catalog;
    const EngineOptions& options = options_;
    const TimerDecision decide = [in_force, &options](const TimerInput& input,
                                                      const TimerBatch& batch) {
      return DecideTimer(input, batch, *in_force, options);
    };
    const Instant now = clock_.Now();
    const int limit = alone > 0 ? 1 : batch_size;

    // In isolation, note which timer is next before trying it, so a failure can be pinned on it.
    std::optional<Timer> suspect;
    if (alone > 0) {
      Result<std::vector<Timer>> due = timers_.PeekDueTimers(now, 1);
      if (!due) return std::move(due).error();
      if (due->empty()) break;
      suspect = due->front();
    }

    Result<FireReport> fired =
        timers_.FireDueTimers(now, limit, in_force->facts, in_force->needs_colleagues, decide);
    if (fired) {
      const std::int64_t count = fired->fired;
      Add(total, std::move(*fired));
      if (alone > 0) {
        --alone;
        if (count == 0) break;
        continue;
      }
      if (count < limit) break;
      continue;
    }
    if (fired.error().code == ErrorCode::kUnavailable) return std::move(fired).error();
    if (!suspect) {
      alone = batch_size;  // retry this batch timer by timer
      continue;
    }
    const Instant until = now + BackOff(options_.retry_after, suspect->attempt);
    Status postponed = timers_.PostponeTimer(suspect->id, until, fired.error().message);
    if (!postponed && postponed.error().code != ErrorCode::kNotFound) {
      return std::move(postponed).error();
    }
    --alone;
  }
  return total;
}

}  // namespace duly
