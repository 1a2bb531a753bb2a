// duly::daemon::OptOutTable: the channels customers asked not to be contacted on.
//
// Promise: Record() stores (customer, channel) once and appends "customer.opted_out" {channel};
// recording it again changes nothing and records nothing. Remove() deletes it and appends
// "customer.opted_in" {channel}; nothing when the customer had not opted out. Both: kNotFound
// for an unknown customer. The caller checks the channel name (IsOptOutChannel). Runs inside the
// caller's write transaction; throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <string>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"

namespace duly::daemon {

// email, sms, whatsapp, letter or voice: the channels a customer can opt out of.
bool IsOptOutChannel(const std::string& channel);

class OptOutTable {
 public:
  explicit OptOutTable(soci::session& session) : session_(session) {}

  // true when the opt-out is new.
  Result<bool> Record(const std::string& customer, const std::string& channel, HistoryChain& chain);
  // true when an opt-out was removed.
  Result<bool> Remove(const std::string& customer, const std::string& channel, HistoryChain& chain);

 private:
  soci::session& session_;
};

}  // namespace duly::daemon
