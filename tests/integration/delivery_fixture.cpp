#include "tests/integration/delivery_fixture.h"

#include <fstream>
#include <set>
#include <thread>

namespace duly::testing {
namespace {

using nlohmann::json;

const std::set<std::string> kSettled = {"sent", "failed", "canceled"};

}  // namespace

void DeliveryFixture::SetUp() {
  const auto* peers = TwilioPeersOrNull();
  if (peers == nullptr) GTEST_SKIP() << "the Twilio peers environment did not run";
  if (!peers->skip_reason().empty()) GTEST_SKIP() << peers->skip_reason();
  ASSERT_TRUE(peers->start_error().empty()) << peers->start_error();
  proxy_url_ = peers->proxy_url();
  std::string why;
  ASSERT_TRUE(sink_.Start(dir_.path() / "mail", &why)) << why;
  spool_dir_ = dir_.File("letters");
  config_path_ = dir_.File("dulyd.json");
  json channels = ChannelsConfig();
  Adjust(channels);
  WriteConfig(channels);
  daemon_args_ = {"--config", config_path_, "--test-clock", "--test-clock-start", kClockStart};
  DulydFixture::SetUp();
}

json DeliveryFixture::ChannelsConfig() const {
  return {{"public_url", "http://127.0.0.1:9/duly"},
          {"company",
           {{"name", "Brasserie Zoë SRL"},
            {"email", "compta@zoe.example"},
            {"phone", "+3225550101"},
            {"iban", "BE68539007547034"},
            {"street", "Rue Haute 1"},
            {"postal_code", "1000"},
            {"city", "Bruxelles"},
            {"country", "BE"},
            {"collector_name", "Anaïs"},
            {"collector_phone", "+3225550102"}}},
          {"twilio",
           {{"base_url", proxy_url_},
            {"account_sid", "AC0123456789abcdef0123456789abcdef"},
            {"auth_token", "e2e-token"},
            {"sms_from", "+3197010000001"},
            {"whatsapp_from", "+3197010000002"},
            {"voice_from", "+3197010000003"},
            {"timeout_ms", 5000}}},
          {"smtp",
           {{"host", "127.0.0.1"},
            {"port", sink_.port()},
            {"security", "none"},
            {"from_address", "compta@zoe.example"},
            {"timeout_ms", 10000}}},
          {"dispatch", {{"retry_base_ms", 500}, {"reconcile_delay_ms", 1000}}},
          {"letters", {{"spool_dir", spool_dir_}}}};
}

void DeliveryFixture::WriteConfig(const json& channels) {
  std::ofstream file(config_path_, std::ios::trunc);
  file << json{{"channels", channels}}.dump(2);
  ASSERT_TRUE(file.good()) << "cannot write " << config_path_;
}

void DeliveryFixture::Restart(const std::string& clock_start) {
  const int stopped = daemon_->Stop();
  ASSERT_EQ(stopped, 0) << daemon_->Log();
  daemon_args_ = {"--config", config_path_, "--test-clock", "--test-clock-start", clock_start};
  StartDaemon();
}

json DeliveryFixture::Call(const std::string& method, const std::string& path, const json& body) {
  HttpResult answer = http_->Send(method, path, body.dump(), "application/json");
  EXPECT_EQ(answer.status, 200) << method << " " << path << ": " << answer.body;
  if (answer.status != 200) return nullptr;
  return json::parse(answer.body);
}

void DeliveryFixture::SaveWorkflow(const json& steps) {
  Call("PUT", "/v1/segments",
       {{"segments", {{{"id", "all"}, {"priority", 1}, {"when", json::object()}}}}});
  Call("POST", "/v1/workflows",
       {{"id", "delivery"}, {"name", "Delivery"}, {"segment", "all"}, {"steps", steps}});
}

void DeliveryFixture::MoveClockTo(const std::string& to) {
  Call("POST", "/v1/test/clock", {{"to", to}});
}

void DeliveryFixture::AdvanceClock(int seconds) {
  Call("POST", "/v1/test/clock", {{"advance_seconds", seconds}});
}

json DeliveryFixture::Messages(const std::string& customer) {
  HttpResult answer = http_->Get("/v1/customers/" + customer + "/messages");
  EXPECT_EQ(answer.status, 200) << answer.body;
  return answer.status == 200 ? json::parse(answer.body)["items"] : json::array();
}

json DeliveryFixture::History(const std::string& customer) {
  HttpResult answer = http_->Get("/v1/customers/" + customer + "/history?limit=1000");
  EXPECT_EQ(answer.status, 200) << answer.body;
  return answer.status == 200 ? json::parse(answer.body)["items"] : json::array();
}

json DeliveryFixture::Tasks(const std::string& kind) {
  HttpResult answer = http_->Get("/v1/tasks?kind=" + kind);
  EXPECT_EQ(answer.status, 200) << answer.body;
  return answer.status == 200 ? json::parse(answer.body)["items"] : json::array();
}

bool DeliveryFixture::HistoryHas(const std::string& customer, const std::string& type,
                                 const std::string& text) {
  for (const json& event : History(customer)) {
    if (event["type"] == type &&
        event["payload"].dump(-1, ' ', false).find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

bool DeliveryFixture::WaitUntilSettled(const std::vector<std::string>& customers, std::size_t count,
                                       int advance_seconds, std::chrono::seconds within) {
  return Eventually(
      [&] {
        bool settled = true;
        for (const std::string& customer : customers) {
          const json messages = Messages(customer);
          if (messages.empty() || (count > 0 && messages.size() != count)) settled = false;
          for (const json& message : messages) {
            if (!kSettled.contains(message["state"].get<std::string>())) settled = false;
          }
        }
        if (!settled && advance_seconds > 0) AdvanceClock(advance_seconds);
        return settled;
      },
      within);
}

bool DeliveryFixture::Eventually(const std::function<bool()>& done, std::chrono::seconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

std::string DeliveryFixture::Describe(const std::vector<std::string>& customers) {
  std::string text;
  for (const std::string& customer : customers) {
    for (const json& message : Messages(customer)) {
      text += customer + " #" + std::to_string(message["id"].get<long long>()) + " " +
              message["channel"].get<std::string>() + " " + message["state"].get<std::string>() +
              " attempt " + std::to_string(message["attempt"].get<int>()) + " " +
              message["provider_id"].get<std::string>() + " " +
              message["last_error"].get<std::string>() + "\n";
    }
  }
  return text + "dulyd log:\n" + daemon_->Log();
}

TwilioRecord DeliveryFixture::Twilio() const { return TwilioRecord::Read(proxy_url_); }

}  // namespace duly::testing
