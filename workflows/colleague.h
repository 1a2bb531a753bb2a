// duly::Colleague: a person in the creditor's organisation (collector, billing, sales, manager).
//
// Promise: plain data plus Validate() with one FieldError per problem, by JSON pointer relative
// to the colleague object. The manager chain itself (no cycles, manager exists) is checked by the
// store, which sees all colleagues. No I/O; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "workflows/status.h"

namespace duly {

// Roles of colleagues; they double as API roles (daemon/http/role.h) except "admin".
bool IsColleagueRole(std::string_view role);           // colleague, manager, collector, admin
bool IsNotificationChannel(std::string_view channel);  // email, sms, whatsapp, chat

struct Colleague {
  std::string id;  // 1..64 printable characters, unique
  std::string name;
  std::string role = "colleague";
  std::string department;  // "billing", "sales", "operations", "credit", ...
  std::string manager;     // colleague id of the manager, empty at the top
  std::string email;
  std::string phone;             // E.164 or empty
  std::string notify = "email";  // preferred channel for case messages
  std::string chat_webhook;      // https URL for notify == "chat"
  bool active = true;

  friend bool operator==(const Colleague&, const Colleague&) = default;
};

std::vector<FieldError> Validate(const Colleague& colleague);

}  // namespace duly
