#include "daemon/store/opt_out_table.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

// Does the customer exist?
constexpr const char* kCountCustomer = "SELECT COUNT(*) FROM customers WHERE id = :id";
// Record an opt-out once.
constexpr const char* kInsertOptOut =
    "INSERT INTO channel_opt_outs (customer, channel, at) VALUES (:customer, :channel, :at)"
    " ON CONFLICT (customer, channel) DO NOTHING";
// Opt back in (primary key).
constexpr const char* kDeleteOptOut =
    "DELETE FROM channel_opt_outs WHERE customer = :customer AND channel = :channel";

}  // namespace

bool IsOptOutChannel(const std::string& channel) {
  return channel == "email" || channel == "sms" || channel == "whatsapp" || channel == "letter" ||
         channel == "voice";
}

Result<bool> OptOutTable::Record(const std::string& customer, const std::string& channel,
                                 HistoryChain& chain) {
  long long count = 0;
  session_ << kCountCustomer, soci::use(customer, "id"), soci::into(count);
  if (count == 0) return NotFound("customer " + customer + " does not exist");
  long long at = ToEpochMillis(chain.at());
  soci::statement insert = (session_.prepare << kInsertOptOut, soci::use(customer, "customer"),
                            soci::use(channel, "channel"), soci::use(at, "at"));
  insert.execute(true);
  if (insert.get_affected_rows() == 0) return false;
  chain.Append("customer.opted_out", customer, "",
               nlohmann::json{{"channel", channel}}.dump(-1, ' ', false,
                                                         nlohmann::json::error_handler_t::replace));
  return true;
}

Result<bool> OptOutTable::Remove(const std::string& customer, const std::string& channel,
                                 HistoryChain& chain) {
  long long count = 0;
  session_ << kCountCustomer, soci::use(customer, "id"), soci::into(count);
  if (count == 0) return NotFound("customer " + customer + " does not exist");
  soci::statement remove = (session_.prepare << kDeleteOptOut, soci::use(customer, "customer"),
                            soci::use(channel, "channel"));
  remove.execute(true);
  if (remove.get_affected_rows() == 0) return false;
  chain.Append("customer.opted_in", customer, "",
               nlohmann::json{{"channel", channel}}.dump(-1, ' ', false,
                                                         nlohmann::json::error_handler_t::replace));
  return true;
}

}  // namespace duly::daemon
