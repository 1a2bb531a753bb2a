#include "daemon/store/plan_effects.h"

#include <set>
#include <vector>

#include "daemon/store/effect_writer.h"
#include "workflows/engine/channel_choice.h"

namespace duly::daemon {
namespace {

constexpr const char* kOptedOut = "SELECT channel FROM channel_opt_outs WHERE customer = :customer";

std::set<std::string> OptedOut(soci::session& session, const std::string& customer) {
  std::set<std::string> channels;
  std::string channel;
  soci::statement select =
      (session.prepare << kOptedOut, soci::use(customer, "customer"), soci::into(channel));
  select.execute();
  while (select.fetch()) channels.insert(channel);
  return channels;
}

void WriteOutcome(soci::session& session, DatabaseKind kind, HistoryChain& chain, Instant now,
                  const TimerOutcome& outcome) {
  EffectWriter writer(session, kind, chain, now);
  writer.Prepare({&outcome});
  writer.Write(outcome);
  writer.Flush();
}

}  // namespace

bool QueuePlanMessage(soci::session& session, DatabaseKind kind, HistoryChain& chain,
                      const Customer& customer, const PaymentPlan& plan,
                      const std::string& template_id, Instant now, const std::string& time_zone) {
  const std::set<std::string> opted_out = OptedOut(session, customer.id);
  std::vector<std::string> channels;
  for (const std::string& channel : ExpandChannels({"preferred"}, customer)) {
    if (channel != "voice" && CanReach(customer, channel) && opted_out.count(channel) == 0) {
      channels.push_back(channel);
    }
  }
  if (channels.empty()) return false;
  TimerOutcome outcome;
  outcome.invoice = plan.invoices.front();
  outcome.customer = customer.id;
  outcome.messages.push_back(MessageEffect{
      customer.id, channels.front(), template_id, customer.language, plan.invoices.front(),
      "plan:" + std::to_string(plan.id), LocalDay(now, time_zone), now,
      FallbackChannels(channels, channels.front(), customer, opted_out)});
  WriteOutcome(session, kind, chain, now, outcome);
  return true;
}

void OpenPromiseCall(soci::session& session, DatabaseKind kind, HistoryChain& chain,
                     const Promise& promise, Instant now, const std::string& time_zone) {
  TimerOutcome outcome;
  outcome.invoice = promise.invoices.front();
  outcome.customer = promise.customer;
  outcome.call_tasks.push_back(CallTaskEffect{promise.customer, promise.invoices.front(),
                                              "follow-up", "promise:" + std::to_string(promise.id),
                                              LocalDay(now, time_zone), now});
  WriteOutcome(session, kind, chain, now, outcome);
}

}  // namespace duly::daemon
