#include "daemon/cli/simulate_command.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "daemon/simulate/scenario.h"
#include "daemon/simulate/simulator.h"
#include "daemon/simulate/timeline.h"

namespace duly::daemon {

namespace {

Result<std::string> ReadScenario(const std::string& path, std::istream& in) {
  std::ostringstream text;
  if (path == "-") {
    if (in.peek() != std::char_traits<char>::eof()) text << in.rdbuf();
    if (in.bad()) return InternalError("cannot read the standard input");
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound("cannot open " + path);
  if (file.peek() != std::char_traits<char>::eof()) text << file.rdbuf();
  if (file.bad()) return InternalError("cannot read " + path);
  return text.str();
}

// A fresh directory under $TMPDIR (or /tmp), removed with its content when the object dies.
class ScratchDir {
 public:
  ScratchDir() {
    std::error_code error;
    std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) base = "/tmp";
    std::string pattern = (base / "duly-simulate-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }  // empty when it was not created

 private:
  std::filesystem::path path_;
};

}  // namespace

int RunSimulate(const std::string& path, std::istream& in, CommandContext& context) {
  // Standard output carries the timeline only: any log line (a store warning) goes to stderr.
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "duly-simulate", std::make_shared<spdlog::sinks::stderr_sink_mt>()));
  auto text = ReadScenario(path, in);
  if (!text) {
    PrintError(context.err, text.error());
    return kExitFailure;
  }
  auto scenario = ParseScenarioText(*text);
  if (!scenario) {
    PrintError(context.err, scenario.error());
    return kExitFailure;
  }
  ScratchDir scratch;
  if (scratch.path().empty()) {
    PrintError(context.err, InternalError("cannot create a scratch directory under $TMPDIR"));
    return kExitFailure;
  }
  Status simulated = Simulate(*scenario, {scratch.path()}, [&context](const nlohmann::json& line) {
    context.out << ReadableTimelineLine(line).dump(-1, ' ', false,
                                                   nlohmann::json::error_handler_t::replace)
                << '\n';
  });
  context.out.flush();
  if (!simulated) {
    PrintError(context.err, simulated.error());
    return kExitFailure;
  }
  return kExitOk;
}

void AddSimulateCommand(CLI::App& app, CommandContext& context) {
  auto path = std::make_shared<std::string>();
  auto* simulate = app.add_subcommand(
      "simulate",
      "Run the workflows over a scenario on a test clock and print the timeline as JSON lines");
  simulate
      ->add_option("scenario", *path,
                   "The scenario JSON file (schemas/scenario.schema.json), "
                   "or - for standard input")
      ->required();
  simulate->callback(
      [&context, path] { context.exit_code = RunSimulate(*path, std::cin, context); });
}

}  // namespace duly::daemon
