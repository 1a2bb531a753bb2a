// duly::channels::MemoryTasks: a TaskStore in memory, for the dispatcher's tests.
//
// Promise: follows task_store.h for the follow-up tasks the dispatcher creates: CreateTask
// refuses kCall (kInvalidArgument "/kind"), opens the task due now and keeps it; GetTask,
// ListOpenTasks, ClaimTask and CompleteTask apply the documented state rules to the tasks held
// here (without the work-list facts, which need invoices). It knows no customers' phones, so
// RecordReply answers kNotFound as the real store does for an unknown number; it knows the
// colleagues given to AddColleague. tasks() returns every task created, in order.
// Thread-safety: every method is safe from many threads at once (mutex_).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "workflows/clock.h"
#include "workflows/task_store.h"

namespace duly::channels {

class MemoryTasks final : public TaskStore {
 public:
  explicit MemoryTasks(const Clock& clock) : clock_(clock) {}

  void AddColleague(const std::string& id);
  std::vector<CollectorTask> tasks() const;

  Result<std::vector<CollectorTask>> ListOpenTasks(Instant now, int limit) override;
  Result<CollectorTask> GetTask(std::int64_t id) override;
  Result<CollectorTask> CreateTask(const NewTask& task, const Actor& actor) override;
  Result<CollectorTask> ClaimTask(std::int64_t id, const std::string& colleague,
                                  const Actor& actor) override;
  Result<CollectorTask> CompleteTask(std::int64_t id, const TaskCompletion& completion,
                                     const Actor& actor) override;
  Result<std::vector<CollectorTask>> RecordReply(const std::string& from,
                                                 const std::string& channel,
                                                 const std::string& text,
                                                 const std::string& provider_id,
                                                 const Actor& actor) override;

 private:
  const Clock& clock_;
  mutable std::mutex mutex_;  // guards the members below
  std::map<std::int64_t, CollectorTask> tasks_;
  std::set<std::string> colleagues_;
  std::int64_t next_id_ = 1;
};

}  // namespace duly::channels
