// duly::daemon::ChannelsConfig: how dulyd reaches people ("channels" in the config file): the
// company the messages come from, Twilio, SMTP, the dispatcher's pacing, letters and the work list.
//
// Promise: ReadChannelsConfig accepts exactly the fields of the "channels" object in
// schemas/config.schema.json (unknown fields are errors naming the JSON pointer) and fills
// defaults for the rest. Secrets may stay out of the file: $DULY_TWILIO_AUTH_TOKEN and
// $DULY_SMTP_PASSWORD, when set, replace twilio.auth_token and smtp.password. A channel whose
// essentials are missing is off (TwilioConfig::enabled, SmtpConfig::enabled): the dispatcher
// treats its messages as undeliverable on it, so they fall back to the step's next channel or
// become a collector task; nothing is lost. Plain data and pure functions apart from the
// environment.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "workflows/status.h"

namespace duly::daemon {

// Who the messages come from; the templates' company.* and collector.* values and the letter's
// sender block.
struct CompanyConfig {
  std::string name = "duly demo B.V.";
  std::string email;
  std::string phone;
  std::string iban;
  std::string street;
  std::string postal_code;
  std::string city;
  std::string country = "NL";
  std::string logo_path;  // PNG printed on letters; empty: none
  std::string collector_name;
  std::string collector_email;
  std::string collector_phone;
};

struct TwilioConfig {
  std::string base_url = "https://api.twilio.com";
  std::string account_sid;  // "AC" + 32 hex; empty: SMS, WhatsApp and voice are off
  std::string auth_token;   // also signs the webhooks Twilio sends us
  std::string sms_from;
  std::string messaging_service_sid;
  std::string whatsapp_from;
  std::string voice_from;
  std::string collector_number;  // a call's "press 1" connects here
  // Approved WhatsApp Content templates: "<template id>.<language>" -> ContentSid "HX...".
  std::map<std::string, std::string> whatsapp_templates;
  int timeout_ms = 15'000;
  int max_connections = 64;
  bool enabled() const { return !account_sid.empty() && !auth_token.empty(); }
};

struct SmtpConfig {
  std::string host;  // empty: e-mail is off
  int port = 587;
  std::string security = "starttls";  // starttls, tls, none
  std::string username;
  std::string password;
  std::string from_address;
  std::string from_name;
  std::string reply_to;
  int timeout_ms = 60'000;
  bool enabled() const { return !host.empty() && !from_address.empty(); }
};

struct DispatchConfig {
  bool enabled = true;
  int batch_size = 500;
  int max_in_flight = 512;
  int poll_interval_ms = 5'000;
  int lease_ms = 120'000;
  int retry_base_ms = 30'000;
  int retry_cap_ms = 3'600'000;
  int max_attempts = 8;
  int reconcile_delay_ms = 60'000;
  std::map<std::string, double> rate_per_second;  // channel -> messages/s; absent: unlimited
};

struct LettersConfig {
  std::string spool_dir;  // empty: "letters" beside the database file (SQLite) or ./letters
  std::string print_time = "16:00";  // the day's print batch is made then (local time)
  int print_minutes = 16 * 60;
};

struct WorkListConfig {
  std::map<std::string, double> segment_weights;  // segment id -> weight; absent: 1
  int retry_in_working_hours = 4;                 // a call without answer comes back after
};

struct ChannelsConfig {
  std::string public_url;  // how Twilio reaches us ("https://duly.example.com"); status
                           // callbacks and webhook signatures use it; empty: no callbacks
  CompanyConfig company;
  TwilioConfig twilio;
  SmtpConfig smtp;
  DispatchConfig dispatch;
  LettersConfig letters;
  WorkListConfig work_list;
};

// Reads the "channels" object (pointer prefix "/channels").
Result<ChannelsConfig> ReadChannelsConfig(const nlohmann::json& channels);

// Lays $DULY_TWILIO_AUTH_TOKEN and $DULY_SMTP_PASSWORD over the file's values.
void ApplyChannelSecrets(ChannelsConfig& config);

}  // namespace duly::daemon
