// duly::testing::DeliveryFixture: a real dulyd on a test clock whose channels deliver through
// real peers: Twilio's OpenAPI document served by prism behind the fault proxy (sms, whatsapp,
// voice), an aiosmtpd server (email) and a letter spool in the test's folder.
//
// Promise: SetUp skips the test with the reason when the peers cannot run here (prism not
// installed: tests/peers/install.sh; ../shared/fixtures missing: DULY_SHARED_DIR), starts a
// fresh SMTP sink, writes a config file whose "channels" section is ChannelsConfig() after
// Adjust(), and starts dulyd --test-clock at kClockStart on a fresh SQLite file. The helpers
// fail the calling test (non-fatally) when dulyd answers unexpectedly. Waiting is bounded and
// polls the outcome; nothing sleeps a fixed time. Not thread-safe; one per test.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/integration/delivery_peers.h"
#include "tests/integration/dulyd_fixture.h"

namespace duly::testing {

inline constexpr const char* kClockStart = "2026-03-02T08:00:00Z";

class DeliveryFixture : public DulydFixture {
 protected:
  DeliveryFixture() : DulydFixture(Backend::kSqlite) {}
  void SetUp() override;

  // The test's changes to the "channels" config section before dulyd starts.
  virtual void Adjust(nlohmann::json& channels) { (void)channels; }
  nlohmann::json ChannelsConfig() const;
  void WriteConfig(const nlohmann::json& channels);
  // Stops dulyd and starts it again on the same database with the test clock at `clock_start`.
  void Restart(const std::string& clock_start);

  // POSTs (or PUTs) JSON and expects 200; returns the parsed answer (null on failure).
  nlohmann::json Call(const std::string& method, const std::string& path,
                      const nlohmann::json& body);
  // One segment "all" served by a workflow "delivery" with these steps.
  void SaveWorkflow(const nlohmann::json& steps);
  void MoveClockTo(const std::string& to);
  void AdvanceClock(int seconds);

  nlohmann::json Messages(const std::string& customer);  // newest first
  nlohmann::json History(const std::string& customer);   // events, oldest first
  nlohmann::json Tasks(const std::string& kind);
  // True when some event of `type` in the customer's history mentions `text` in its payload.
  bool HistoryHas(const std::string& customer, const std::string& type, const std::string& text);

  // Polls until every customer has `count` messages (at least one when 0) and none is pending,
  // leased or waiting for reconciliation; with `advance_seconds` > 0 the test clock moves that
  // far between looks so retries and reconciliations fall due. False after `within`.
  bool WaitUntilSettled(const std::vector<std::string>& customers, std::size_t count,
                        int advance_seconds, std::chrono::seconds within);
  // Polls `done` every 100 ms until it is true or `within` passes.
  static bool Eventually(const std::function<bool()>& done, std::chrono::seconds within);
  // The states of the customers' messages, for failure messages.
  std::string Describe(const std::vector<std::string>& customers);

  TwilioRecord Twilio() const;

  std::string proxy_url_;
  std::string spool_dir_;
  std::string config_path_;
  SmtpSink sink_;
};

}  // namespace duly::testing
