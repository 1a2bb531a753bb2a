// The engine crash test on SQLite: 10,000 invoices run through a five-step workflow on dulyd's
// test clock while dulyd is SIGKILLed at random moments and restarted on the same file; then the
// database proves every step ran exactly once (see engine_crash_run.h).
#include <gtest/gtest.h>

#include "tests/integration/engine_crash_run.h"

namespace duly::testing {
namespace {

TEST(EngineCrashTest, EveryStepRunsExactlyOnceAcrossKills) {
  TempDir dir;
  EngineCrashRun run("sqlite://" + dir.File("duly.db"), dir, EngineCrashPlan{});
  run.Load();
  if (HasFatalFailure()) return;
  run.RunWithKills();
  if (HasFatalFailure()) return;
  EXPECT_GE(run.figures().kills, 10) << "too few kills hit dulyd during a request";
  run.Verify();
}

}  // namespace
}  // namespace duly::testing
