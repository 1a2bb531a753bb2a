// duly::daemon::Simulate: runs the real engine over a scenario on a throw-away database and a
// ManualClock, and reports the timeline.
//
// Promise: the scenario's records, segments and workflows are loaded into a fresh SQLite store in
// `scratch_dir` (removed afterwards), then the scenario's opening payments are posted (they appear
// in no timeline line); the clock then jumps from moment to moment (the next due
// timer, the next scenario event, the next due outbox message) from `start` 00:00 local time to
// the end of day `days`, running Engine::RunDue at each moment and delivering due messages with a
// recording channel. Every line handed to `emit` is one timeline object
// (schemas/timeline.schema.json): "at" (ISO 8601 with the scenario zone's offset) and "type", in
// time order (stable within one instant). Nothing is sent anywhere and no live data is touched.
// Errors: kInvalidArgument when the scenario's records are refused by the store (field named),
// kInternal for engine or store failures (with cause), including a step the engine failed
// ("engine.timer_failed"), which the daemon would retry but a simulation reports.
// Thread-safety: each call is independent; several may run at once in different scratch dirs.
#pragma once

#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "daemon/simulate/scenario.h"
#include "workflows/status.h"

namespace duly::daemon {

struct SimulationOptions {
  std::filesystem::path scratch_dir;  // an existing empty directory the simulation may use
};

Status Simulate(const Scenario& scenario, const SimulationOptions& options,
                const std::function<void(const nlohmann::json& line)>& emit);

}  // namespace duly::daemon
