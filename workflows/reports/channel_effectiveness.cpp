#include "workflows/reports/channel_effectiveness.h"

#include <map>

namespace duly {

std::vector<ChannelTally> ByChannel(const std::vector<ChannelTally>& by_template) {
  std::map<std::string, ChannelTally> channels;
  for (const ChannelTally& row : by_template) {
    ChannelTally& total = channels[row.channel];
    total.channel = row.channel;
    total.messages += row.messages;
    total.followed_by_payment += row.followed_by_payment;
  }
  std::vector<ChannelTally> rows;
  rows.reserve(channels.size());
  for (auto& [name, row] : channels) rows.push_back(std::move(row));
  return rows;
}

}  // namespace duly
