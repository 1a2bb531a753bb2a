// duly::daemon::OptOutTable: the channels customers asked not to be contacted on.
//
// Promise: Record() stores (customer, channel) once and appends "customer.opted_out" {channel};
// recording it again changes nothing and records nothing. kNotFound for an unknown customer.
// The caller checks the channel name. Runs inside the caller's write transaction; throws
// soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <string>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"

namespace duly::daemon {

class OptOutTable {
 public:
  explicit OptOutTable(soci::session& session) : session_(session) {}

  // true when the opt-out is new.
  Result<bool> Record(const std::string& customer, const std::string& channel, HistoryChain& chain);

 private:
  soci::session& session_;
};

}  // namespace duly::daemon
