#include "daemon/scheduler/loop_sleep.h"

#include <utility>

#include <spdlog/spdlog.h>

namespace duly::daemon {

LoopSleep::LoopSleep(net::io_context& loop, std::string who)
    : loop_(loop), who_(std::move(who)), timer_(loop) {}

void LoopSleep::Wake() {
  net::post(loop_, [this] {
    wake_pending_ = true;
    timer_.cancel();
  });
}

void LoopSleep::Stop() {
  net::post(loop_, [this] {
    stopping_ = true;
    timer_.cancel();
  });
}

net::awaitable<void> LoopSleep::Sleep(std::optional<std::chrono::milliseconds> delay,
                                      bool wakeable) {
  const auto deadline = delay ? std::chrono::steady_clock::now() + *delay
                              : std::chrono::steady_clock::time_point::max();
  while (!stopping_ && !(wakeable && wake_pending_)) {
    if (std::chrono::steady_clock::now() >= deadline) co_return;
    timer_.expires_at(deadline);
    beast::error_code ec;
    co_await timer_.async_wait(net::redirect_error(net::use_awaitable, ec));
    if (ec && ec != net::error::operation_aborted) {
      spdlog::warn("{}: the sleep timer failed: {}", who_, ec.message());
    }
  }
}

}  // namespace duly::daemon
