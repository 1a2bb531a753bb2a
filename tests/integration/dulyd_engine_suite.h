// The engine API suite (workflows, segments, the test clock, an invoice's collection), run
// against a real dulyd on SQLite (dulyd_api_test.cpp) and on PostgreSQL (dulyd_api_pgtest.cpp).
// DULY_ENGINE_SUITE(Fixture, ClockFixture) instantiates every test: `Fixture` runs dulyd on the
// system clock, `ClockFixture` with --test-clock starting 2026-03-02T08:00:00Z.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "tests/integration/dulyd_fixture.h"

// clang-format off
#define DULY_ENGINE_SUITE(Fixture, ClockFixture)                                                 \
  TEST_F(Fixture, WorkflowSavesMakeVersions) { RunWorkflowSavesMakeVersions(); }               \
  TEST_F(Fixture, BadWorkflowIsRefusedByPointer) { RunBadWorkflowIsRefusedByPointer(); }       \
  TEST_F(Fixture, SegmentsSaveAndValidate) { RunSegmentsSaveAndValidate(); }                   \
  TEST_F(Fixture, TestClockIsRefusedWithoutTheFlag) { RunTestClockIsRefusedWithoutTheFlag(); } \
  TEST_F(ClockFixture, ReminderRunsThenPaymentEndsTheInstance) {                               \
    RunReminderRunsThenPaymentEndsTheInstance();                                               \
  }                                                                                            \
  TEST_F(ClockFixture, TestClockNeverGoesBack) { RunTestClockNeverGoesBack(); }
// clang-format on

namespace duly::testing {

class DulydEngineSuite : public DulydFixture {
 protected:
  // `test_clock`: start dulyd with --test-clock --test-clock-start 2026-03-02T08:00:00Z.
  DulydEngineSuite(Backend backend, bool test_clock);

  // PUT the four segments and POST the b2b-standard workflow.
  void SaveSegmentsAndWorkflow();
  // Moves the test clock to `to`; returns the answer's "fired".
  int MoveClockTo(const std::string& to);
  nlohmann::json Collection(const std::string& invoice);

  void RunWorkflowSavesMakeVersions();
  void RunBadWorkflowIsRefusedByPointer();
  void RunSegmentsSaveAndValidate();
  void RunTestClockIsRefusedWithoutTheFlag();
  void RunReminderRunsThenPaymentEndsTheInstance();
  void RunTestClockNeverGoesBack();
};

}  // namespace duly::testing
