// duly::outcome_records: how DecideTimer writes runs, skips, events and endings into a
// TimerOutcome, so every payload has one shape.
//
// Promise: every event payload is a JSON object (nlohmann::json dump) naming the invoice.
// RecordRan appends StepRun "ran" and "step.ran" {invoice, workflow, version, step, action,
// ...details}. RecordSkip appends StepRun "skipped:<reason>" and "step.skipped" {invoice, step,
// reason, workflow, version, ...details}. EndInstance sets the instance ended with `reason`, no
// next step and no timer, and appends "instance.ended" {invoice, reason}. Pure; thread-compatible.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "workflows/engine/instance.h"
#include "workflows/engine/timer_outcome.h"
#include "workflows/workflow.h"

namespace duly {

EngineEvent MakeEvent(std::string type, const nlohmann::json& payload);

// `details` is an object whose keys are added to the payload.
void RecordRan(const Workflow& workflow, const Step& step, const nlohmann::json& details,
               TimerOutcome& outcome);
void RecordSkip(const std::string& workflow, std::int64_t version, const std::string& step,
                const std::string& reason, const nlohmann::json& details, TimerOutcome& outcome);

void EndInstance(Instance& instance, const std::string& reason, TimerOutcome& outcome);

}  // namespace duly
