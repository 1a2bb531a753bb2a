// duly::smtp::SmtpSettings: how the e-mail channel reaches its SMTP server.
//
// Promise: plain data from the daemon's configuration. Empty username means no AUTH; the
// password is only ever handed to libcurl, never logged. Thread-safety: plain data.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "channels/smtp/sender_identity.h"

namespace duly::smtp {

enum class SmtpSecurity {
  kNone,         // plain SMTP (loopback relays and tests only)
  kStartTls,     // smtp:// upgraded with STARTTLS; refuses to send if the server does not offer it
  kImplicitTls,  // smtps:// (port 465)
};

struct SmtpSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 587;
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;  // empty: no authentication
  std::string password;
  std::string ca_file;  // PEM bundle to trust instead of the system store; empty: system store
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  // the whole transaction, DATA included
  SenderIdentity sender;
};

}  // namespace duly::smtp
