#include "workflows/engine/outcome_records.h"

#include <utility>

namespace duly {
namespace {

void AddDetails(nlohmann::json& payload, const nlohmann::json& details) {
  if (!details.is_object()) return;
  for (const auto& [key, value] : details.items()) payload[key] = value;
}

}  // namespace

EngineEvent MakeEvent(std::string type, const nlohmann::json& payload) {
  return EngineEvent{std::move(type), payload.dump()};
}

void RecordRan(const Workflow& workflow, const Step& step, const nlohmann::json& details,
               TimerOutcome& outcome) {
  outcome.runs.push_back(StepRun{workflow.id, workflow.version, step.id, "ran"});
  nlohmann::json payload = {{"invoice", outcome.invoice},
                            {"workflow", workflow.id},
                            {"version", workflow.version},
                            {"step", step.id},
                            {"action", ActionTypeName(step.action)}};
  AddDetails(payload, details);
  outcome.events.push_back(MakeEvent("step.ran", payload));
}

void RecordSkip(const std::string& workflow, std::int64_t version, const std::string& step,
                const std::string& reason, const nlohmann::json& details, TimerOutcome& outcome) {
  outcome.runs.push_back(StepRun{workflow, version, step, "skipped:" + reason});
  nlohmann::json payload = {{"invoice", outcome.invoice},
                            {"step", step},
                            {"reason", reason},
                            {"workflow", workflow},
                            {"version", version}};
  AddDetails(payload, details);
  outcome.events.push_back(MakeEvent("step.skipped", payload));
}

void EndInstance(Instance& instance, const std::string& reason, TimerOutcome& outcome) {
  instance.state = InstanceState::kEnded;
  instance.reason = reason;
  instance.next_step.clear();
  outcome.next.reset();
  outcome.events.push_back(
      MakeEvent("instance.ended", {{"invoice", outcome.invoice}, {"reason", reason}}));
}

}  // namespace duly
