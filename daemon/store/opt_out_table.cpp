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

}  // namespace

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

}  // namespace duly::daemon
