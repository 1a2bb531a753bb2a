// duly::smtp::SenderIdentity: who the reminders come from, as configured for the e-mail channel.
//
// Promise: plain data read from the daemon's configuration; BuildMimeMessage validates it (no
// line breaks, addresses that look like local@domain) and says which field is wrong.
// Thread-safety: plain data, not synchronised.
#pragma once

#include <string>

namespace duly::smtp {

struct SenderIdentity {
  std::string from_name;          // "Brasserie Ëlise — debiteurenbeheer"; may be empty
  std::string from_address;       // "facturen@elise.be"; also the SMTP envelope sender
  std::string reply_to_name;      // may be empty
  std::string reply_to_address;   // empty: no Reply-To header
  std::string message_id_domain;  // right-hand side of Message-ID: "mail.elise.be"
};

}  // namespace duly::smtp
