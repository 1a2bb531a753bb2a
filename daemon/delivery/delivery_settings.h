// What each delivery piece is given, derived from dulyd's "channels" config.
//
// Promise: pure mappings from ChannelsConfig (daemon/config/channels_config.h) to the settings of
// the pieces: the Twilio channels (sender, WhatsApp Content templates, status callback and voice
// menu URLs under public_url), SMTP (security, sender identity), the company profile the composer
// prints (the logo read from logo_path: a file that cannot be read is kInvalidArgument naming
// "/channels/company/logo_path"), the dispatcher's options and the letter spool's (spool_dir,
// else "letters" beside a SQLite database file, else ./letters). Thread-safe.
#pragma once

#include <filesystem>
#include <string>

#include "channels/compose/company_profile.h"
#include "channels/dispatch/dispatch_options.h"
#include "channels/print/letter_spool.h"
#include "channels/smtp/smtp_settings.h"
#include "channels/twilio/twilio_config.h"
#include "daemon/config/config.h"
#include "workflows/status.h"

namespace duly::daemon {

// The webhook paths the daemon serves for Twilio, below public_url.
inline constexpr const char* kTwilioStatusPath = "/v1/webhooks/twilio/status";
inline constexpr const char* kTwilioVoiceMenuPath = "/v1/webhooks/twilio/voice-menu";

channels::twilio::TwilioConfig TwilioSettings(const Config& config);
smtp::SmtpSettings SmtpSettingsFrom(const Config& config);
Result<channels::CompanyProfile> CompanyProfileFrom(const Config& config);
channels::DispatchOptions DispatchOptionsFrom(const Config& config, const std::string& owner);
channels::LetterSpoolOptions LetterSpoolOptionsFrom(const Config& config);

}  // namespace duly::daemon
