#include "daemon/delivery/delivery_settings.h"

#include <fstream>
#include <sstream>

#include "daemon/store/database_url.h"

namespace duly::daemon {

channels::twilio::TwilioConfig TwilioSettings(const Config& config) {
  const TwilioConfig& twilio = config.channels.twilio;
  channels::twilio::TwilioConfig settings;
  settings.base_url = twilio.base_url;
  settings.auth_token = twilio.auth_token;
  settings.sender.account_sid = twilio.account_sid;
  settings.sender.sms_from = twilio.sms_from;
  settings.sender.messaging_service_sid = twilio.messaging_service_sid;
  settings.sender.whatsapp_from = twilio.whatsapp_from;
  settings.sender.voice_from = twilio.voice_from;
  settings.request_timeout = std::chrono::milliseconds(twilio.timeout_ms);
  settings.collector_number = twilio.collector_number;
  if (!config.channels.public_url.empty()) {
    settings.sender.status_callback_url = config.channels.public_url + kTwilioStatusPath;
    if (!twilio.collector_number.empty()) {
      settings.voice_menu_url = config.channels.public_url + kTwilioVoiceMenuPath;
    }
  }
  // "<template id>.<language>" -> ContentSid; the language is after the last dot.
  for (const auto& [key, content_sid] : twilio.whatsapp_templates) {
    const std::size_t dot = key.rfind('.');
    if (dot == std::string::npos) {
      settings.whatsapp_contents.push_back({"", key, content_sid});
    } else {
      settings.whatsapp_contents.push_back({key.substr(0, dot), key.substr(dot + 1), content_sid});
    }
  }
  // Business-initiated WhatsApp goes as an approved template unless the customer wrote within
  // 24 hours; duly does not yet track inbound WhatsApp sessions, so it always uses the template.
  settings.template_id_of = [](const channels::OutboundMessage& message) {
    return message.template_id;
  };
  return settings;
}

smtp::SmtpSettings SmtpSettingsFrom(const Config& config) {
  const SmtpConfig& mail = config.channels.smtp;
  smtp::SmtpSettings settings;
  settings.host = mail.host;
  settings.port = static_cast<std::uint16_t>(mail.port);
  settings.security = mail.security == "tls"    ? smtp::SmtpSecurity::kImplicitTls
                      : mail.security == "none" ? smtp::SmtpSecurity::kNone
                                                : smtp::SmtpSecurity::kStartTls;
  settings.username = mail.username;
  settings.password = mail.password;
  settings.total_timeout = std::chrono::milliseconds(mail.timeout_ms);
  settings.sender.from_name =
      mail.from_name.empty() ? config.channels.company.name : mail.from_name;
  settings.sender.from_address = mail.from_address;
  settings.sender.reply_to_address = mail.reply_to;
  const std::size_t at = mail.from_address.find('@');
  settings.sender.message_id_domain =
      at == std::string::npos ? "duly.invalid" : mail.from_address.substr(at + 1);
  return settings;
}

Result<channels::CompanyProfile> CompanyProfileFrom(const Config& config) {
  const CompanyConfig& company = config.channels.company;
  channels::CompanyProfile profile;
  profile.name = company.name;
  profile.email = company.email;
  profile.phone = company.phone;
  profile.iban = company.iban;
  if (!company.street.empty()) profile.address_lines.push_back(company.street);
  const std::string place =
      company.postal_code.empty() ? company.city : company.postal_code + " " + company.city;
  if (!place.empty()) profile.address_lines.push_back(place);
  profile.country = company.country;
  profile.place = company.city;
  profile.reply_to = config.channels.smtp.reply_to;
  profile.collector_name = company.collector_name;
  profile.collector_email = company.collector_email;
  profile.collector_phone = company.collector_phone;
  profile.time_zone = config.time_zone;
  if (!company.logo_path.empty()) {
    std::ifstream file(company.logo_path, std::ios::binary);
    std::ostringstream bytes;
    if (file) bytes << file.rdbuf();
    if (!file || bytes.str().empty()) {
      const std::string message = "cannot read the logo " + company.logo_path;
      return InvalidArgument("config /channels/company/logo_path: " + message,
                             {{"/channels/company/logo_path", message}});
    }
    profile.logo_png = bytes.str();
  }
  return profile;
}

channels::DispatchOptions DispatchOptionsFrom(const Config& config, const std::string& owner) {
  const DispatchConfig& dispatch = config.channels.dispatch;
  channels::DispatchOptions options;
  options.owner = owner;
  options.batch_size = dispatch.batch_size;
  options.lease = std::chrono::milliseconds(dispatch.lease_ms);
  options.max_in_flight = dispatch.max_in_flight;
  options.retry_base = std::chrono::milliseconds(dispatch.retry_base_ms);
  options.retry_cap = std::chrono::milliseconds(dispatch.retry_cap_ms);
  options.max_attempts = dispatch.max_attempts;
  options.reconcile_delay = std::chrono::milliseconds(dispatch.reconcile_delay_ms);
  // The send timeout must fit in the lease with room to spare; the channels' own time-outs are
  // far below it.
  options.send_timeout = std::min(options.send_timeout, options.lease / 2);
  for (const auto& [channel, rate] : dispatch.rate_per_second) {
    options.rates[channel] = channels::ChannelRate{rate, std::max(1, static_cast<int>(rate))};
  }
  return options;
}

channels::LetterSpoolOptions LetterSpoolOptionsFrom(const Config& config) {
  channels::LetterSpoolOptions options;
  options.time_zone = config.time_zone;
  options.country = config.engine.country;
  options.print_minutes = config.channels.letters.print_minutes;
  if (!config.channels.letters.spool_dir.empty()) {
    options.dir = config.channels.letters.spool_dir;
  } else {
    Result<DatabaseUrl> url = DatabaseUrl::Parse(config.database_url);
    if (url && url->kind == DatabaseKind::kSqlite && url->sqlite_path != ":memory:") {
      options.dir = std::filesystem::path(url->sqlite_path).parent_path() / "letters";
    } else {
      options.dir = "letters";
    }
  }
  return options;
}

}  // namespace duly::daemon
