#include "tests/integration/engine_crash_run.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/integration/engine_crash_book.h"
#include "workflows/calendar_date.h"

namespace duly::testing {
namespace {

std::uint64_t ChooseSeed() {
  const char* given = std::getenv("DULY_CRASH_SEED");
  if (given != nullptr && *given != '\0') return std::strtoull(given, nullptr, 10);
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) | device();
}

Instant StartOfDay(const char* day) {
  Result<CalendarDate> parsed = ParseCalendarDate(day);
  return Instant{*parsed};
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// A kill armed for one request: after `delay` it SIGKILLs the daemon unless the request was
// answered first. Finish() disarms it and tells whether the kill happened.
class ArmedKill {
 public:
  ArmedKill(DaemonProcess& daemon, std::chrono::milliseconds delay)
      : thread_([this, &daemon, delay] {
          std::unique_lock lock(mutex_);
          if (!answered_changed_.wait_for(lock, delay, [this] { return answered_; })) {
            daemon.Kill();
            killed_ = true;
          }
        }) {}
  ~ArmedKill() { Finish(); }
  ArmedKill(const ArmedKill&) = delete;
  ArmedKill& operator=(const ArmedKill&) = delete;

  bool Finish() {
    {
      std::lock_guard lock(mutex_);
      answered_ = true;
    }
    answered_changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    return killed_;
  }

 private:
  std::mutex mutex_;  // guards answered_ and killed_
  std::condition_variable answered_changed_;
  bool answered_ = false;
  bool killed_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace

EngineCrashRun::EngineCrashRun(std::string database_url, const TempDir& dir, EngineCrashPlan plan)
    : database_url_(std::move(database_url)), dir_(dir), plan_(plan), seed_(ChooseSeed()) {}

EngineCrashRun::~EngineCrashRun() {
  if (daemon_) daemon_->Stop();
}

CommandResult EngineCrashRun::Cli(std::vector<std::string> args) const {
  std::vector<std::string> argv = {DULY_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--database");
  argv.push_back(database_url_);
  return RunCommand(argv);
}

void EngineCrashRun::StartDaemon(const std::string& clock_at) {
  daemon_ = std::make_unique<DaemonProcess>(
      DULYD_PATH,
      std::vector<std::string>{"--database", database_url_, "--test-clock", "--test-clock-start",
                               clock_at},
      dir_.File("dulyd.log"));
  std::string why;
  ASSERT_TRUE(daemon_->Start(&why)) << why;
  if (!http_) {
    http_ = std::make_unique<HttpClient>(daemon_->base_url());
    http_->set_token(token_);
  }
  http_->set_base_url(daemon_->base_url());
}

void EngineCrashRun::ImportCsv(const std::string& records, const std::string& text) {
  std::string path = dir_.File(records + ".csv");
  std::ofstream(path) << text;
  CommandResult imported = Cli({"import", records, path});
  ASSERT_EQ(imported.exit_code, 0) << records << ": " << imported.err << imported.out;
}

void EngineCrashRun::Load() {
  std::cout << "engine crash test: seed " << seed_ << " (DULY_CRASH_SEED replays it), "
            << invoices() << " invoices on " << database_url_.substr(0, 10) << "...\n";
  CommandResult migrated = Cli({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  CommandResult token =
      Cli({"token", "create", "--role", "admin", "--name", "crash-test", "--quiet"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  token_ = Trimmed(token.out);

  std::string start = FormatInstantUtc(StartOfDay(kCrashFirstDay));
  StartDaemon(start);
  if (::testing::Test::HasFatalFailure()) return;

  HttpResult segments = http_->Send("PUT", "/v1/segments", CrashSegmentsJson(), "application/json");
  ASSERT_EQ(segments.status, 200) << segments.body;
  HttpResult workflow = http_->Post("/v1/workflows", CrashWorkflowJson());
  ASSERT_TRUE(workflow.status == 200 || workflow.status == 201) << workflow.body;

  ImportCsv("colleagues", CrashColleaguesCsv());
  ImportCsv("customers", CrashCustomersCsv(plan_.customers));
  ImportCsv("invoices", CrashInvoicesCsv(plan_.customers, plan_.invoices_per_customer));
  if (::testing::Test::HasFatalFailure()) return;
  // The start timers are due now: the first answer comes once every instance exists.
  ReachInstant(start, false);
}

void EngineCrashRun::ReachInstant(const std::string& to, bool may_kill) {
  std::mt19937_64 random(seed_ + static_cast<std::uint64_t>(figures_.requests));
  std::bernoulli_distribution kill_now(plan_.kill_chance);
  std::string body = nlohmann::json{{"to", to}}.dump();
  int unanswered = 0;
  for (;;) {
    ++figures_.requests;
    bool killed = false;
    HttpResult answer;
    auto sent = std::chrono::steady_clock::now();
    if (may_kill && kill_now(random)) {
      // Within the time a request typically takes, so most armed kills land mid-work.
      std::int64_t longest =
          std::clamp<std::int64_t>(typical_request_ms_ * 3 / 2, 1, plan_.max_kill_delay.count());
      std::uniform_int_distribution<std::int64_t> delay_ms(0, longest);
      ArmedKill kill(*daemon_, std::chrono::milliseconds(delay_ms(random)));
      answer = http_->Post("/v1/test/clock", body);
      killed = kill.Finish();
    } else {
      answer = http_->Post("/v1/test/clock", body);
    }
    if (!killed && answer.status == 200) {
      auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - sent);
      typical_request_ms_ = (typical_request_ms_ * 7 + took.count() * 3) / 10;
    }
    if (killed) {
      ++figures_.kills;
      StartDaemon(to);  // the latest instant ever asked for: the clock never goes back
      if (::testing::Test::HasFatalFailure()) return;
      continue;
    }
    if (answer.status == 0 && ++unanswered < 5) continue;  // a long catch-up outlasted 10 s
    ASSERT_EQ(answer.status, 200) << "POST /v1/test/clock " << body << ": " << answer.body << "\n"
                                  << daemon_->Log();
    nlohmann::json reply = nlohmann::json::parse(answer.body, nullptr, false);
    ASSERT_TRUE(reply.is_object() && reply.contains("now")) << answer.body;
    if (reply.contains("fired") && reply["fired"].is_number_integer()) {
      figures_.fired += reply["fired"].get<std::int64_t>();
    }
    return;
  }
}

void EngineCrashRun::RunWithKills() {
  Instant at = StartOfDay(kCrashFirstDay);
  Instant end = StartOfDay(kCrashLastDay);
  while (at < end) {
    at += plan_.clock_step;
    ReachInstant(FormatInstantUtc(at), true);
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::cout << "engine crash test: " << figures_.requests << " clock requests, " << figures_.kills
            << " kills during a request, " << figures_.fired << " timers fired (answered)\n";
}

}  // namespace duly::testing
