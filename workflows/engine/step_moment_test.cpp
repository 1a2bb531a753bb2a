// StepMoment and LocalMoment: day offsets at send time, hour offsets from local midnight, across
// the DST changes of 2026 in Europe/Amsterdam.
#include <gtest/gtest.h>

#include "workflows/engine/decide.h"
#include "workflows/engine/local_moment.h"
#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures

Step At(const char* offset) {
  Step step;
  step.id = offset;
  step.at = *StepOffset::Parse(offset);
  return step;
}

std::string Moment(const char* offset, const char* due, const EngineOptions& options = {}) {
  return Text(StepMoment(At(offset), *ParseCalendarDate(due), kAmsterdam, options));
}

TEST(StepMomentTest, DayOffsetsRunAtSendTimeLocal) {
  EXPECT_EQ(Moment("due+3d", "2026-03-10"), "2026-03-13T09:00:00.000+01:00");
  EXPECT_EQ(Moment("due-5d", "2026-03-10"), "2026-03-05T09:00:00.000+01:00");
  EXPECT_EQ(Moment("due+0d", "2026-03-10"), "2026-03-10T09:00:00.000+01:00");
  EngineOptions late;
  late.send_time = std::chrono::hours{14} + std::chrono::minutes{30};
  EXPECT_EQ(Moment("due+1d", "2026-03-10", late), "2026-03-11T14:30:00.000+01:00");
}

TEST(StepMomentTest, SpringForwardKeepsNineOClock) {
  // 2026-03-29 02:00 CET jumps to 03:00 CEST.
  EXPECT_EQ(Moment("due+1d", "2026-03-28"), "2026-03-29T09:00:00.000+02:00");
  EXPECT_EQ(Moment("due-1d", "2026-03-30"), "2026-03-29T09:00:00.000+02:00");
  EXPECT_EQ(Moment("due+0d", "2026-03-28"), "2026-03-28T09:00:00.000+01:00");
  // Hours count elapsed time from local midnight (CET): 4 h later is 05:00 CEST.
  EXPECT_EQ(Moment("due+4h", "2026-03-29"), "2026-03-29T05:00:00.000+02:00");
  EXPECT_EQ(Moment("due+24h", "2026-03-29"), "2026-03-30T01:00:00.000+02:00");
}

TEST(StepMomentTest, FallBackKeepsNineOClock) {
  // 2026-10-25 03:00 CEST falls back to 02:00 CET.
  EXPECT_EQ(Moment("due+1d", "2026-10-24"), "2026-10-25T09:00:00.000+01:00");
  EXPECT_EQ(Moment("due+0d", "2026-10-24"), "2026-10-24T09:00:00.000+02:00");
  EXPECT_EQ(Moment("due+4h", "2026-10-25"), "2026-10-25T03:00:00.000+01:00");
  EXPECT_EQ(Moment("due+24h", "2026-10-25"), "2026-10-25T23:00:00.000+01:00");
}

TEST(StepMomentTest, SendTimeInTheGapOrTheOverlap) {
  EngineOptions night;
  night.send_time = std::chrono::hours{2} + std::chrono::minutes{30};
  // 02:30 does not exist on 03-29: the end of the gap, 03:00 CEST.
  EXPECT_EQ(Moment("due+0d", "2026-03-29", night), "2026-03-29T03:00:00.000+02:00");
  // 02:30 happens twice on 10-25: the first time, still CEST.
  EXPECT_EQ(Moment("due+0d", "2026-10-25", night), "2026-10-25T02:30:00.000+02:00");
}

TEST(StepMomentTest, OtherZonesAndUnknownZones) {
  const Step step = At("due+3d");
  EXPECT_EQ(FormatInstantUtc(StepMoment(step, *ParseCalendarDate("2026-03-10"), "America/New_York",
                                        EngineOptions{})),
            "2026-03-13T13:00:00.000Z");
  // An unknown zone falls back to the default zone.
  EXPECT_EQ(
      Text(StepMoment(step, *ParseCalendarDate("2026-03-10"), "Mars/Olympus", EngineOptions{})),
      "2026-03-13T09:00:00.000+01:00");
}

}  // namespace
}  // namespace duly
