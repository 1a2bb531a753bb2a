// The effects the engine crash test counts: outbox message items, call task items and colleague
// notifications, each as "invoice|step" -> how often it appears.
//
// Promise: ReadCrashEffects reads every effect row the engine wrote into the database of `url`
// (after dulyd stopped), whatever its state, without changing any of it, and counts each
// (invoice, step) pair once per item that lists it. It reads the tables with SQL of its own
// because no store interface lists call tasks. Errors: kInternal with the SQL cause, or when an
// items column is not a JSON array of {invoice, step}. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "daemon/store/database_url.h"

namespace duly::testing {

struct CrashEffects {
  std::map<std::string, int> message_items;    // customer messages, per invoice|step
  std::map<std::string, int> call_task_items;  // call tasks, per invoice|step
  std::map<std::string, int> notifications;    // colleague notifications, per invoice|step
  std::int64_t messages = 0;                   // outbox rows to customers
  std::int64_t call_tasks = 0;                 // call task rows
  std::int64_t largest_bundle = 0;             // most invoices listed by one customer message
};

Result<CrashEffects> ReadCrashEffects(const daemon::DatabaseUrl& url);

}  // namespace duly::testing
