// Fuzzes the scenario parser of `duly simulate` with the text a user hands it. Never crashes;
// every refusal is kInvalidArgument naming at least one field (or the whole text, ""), and an
// accepted scenario's events are in time order inside the simulated period.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/simulate/scenario.h"
#include "tests/fuzz/fuzz_check.h"
#include "workflows/engine/local_moment.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto scenario = duly::daemon::ParseScenarioText(text);
  if (!scenario) {
    DULY_FUZZ_CHECK(scenario.error().code == duly::ErrorCode::kInvalidArgument);
    return 0;
  }
  const duly::Instant begin =
      duly::LocalMoment(scenario->start, std::chrono::minutes(0), scenario->time_zone);
  const duly::Instant end = duly::LocalMoment(scenario->start + date::days(scenario->days),
                                              std::chrono::minutes(0), scenario->time_zone);
  for (std::size_t i = 0; i < scenario->events.size(); ++i) {
    DULY_FUZZ_CHECK(scenario->events[i].at >= begin && scenario->events[i].at < end);
    if (i > 0) DULY_FUZZ_CHECK(scenario->events[i - 1].at <= scenario->events[i].at);
  }
  DULY_FUZZ_CHECK(!scenario->workflows.empty());
  return 0;
}
