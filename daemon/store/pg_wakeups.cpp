#include "daemon/store/pg_wakeups.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

namespace duly::daemon {
namespace {

constexpr const char* kChannels[] = {"duly_timers", "duly_outbox"};
constexpr int kPollMs = 100;  // how often the thread looks at stopping_

// Opens a connection and LISTENs on every channel; null (with the reason logged) on failure.
PGconn* Listen(const std::string& conninfo) {
  PGconn* connection = PQconnectdb(conninfo.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    spdlog::warn("wake-ups: cannot connect to PostgreSQL: {}", PQerrorMessage(connection));
    PQfinish(connection);
    return nullptr;
  }
  for (const char* channel : kChannels) {
    PGresult* result = PQexec(connection, (std::string("LISTEN ") + channel).c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!ok) {
      spdlog::warn("wake-ups: LISTEN {} failed: {}", channel, PQerrorMessage(connection));
      PQfinish(connection);
      return nullptr;
    }
  }
  return connection;
}

}  // namespace

PgWakeups::PgWakeups(std::string conninfo, std::function<void(const std::string&)> on_wake)
    : conninfo_(std::move(conninfo)), on_wake_(std::move(on_wake)), thread_([this] { Run(); }) {}

PgWakeups::~PgWakeups() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void PgWakeups::Run() {
  auto backoff = std::chrono::milliseconds(100);
  bool reconnecting = false;
  while (!stopping_) {
    PGconn* connection = Listen(conninfo_);
    if (connection == nullptr) {
      // Wait out the back-off in short steps so that stopping stays prompt.
      for (auto waited = std::chrono::milliseconds(0); waited < backoff && !stopping_;
           waited += std::chrono::milliseconds(kPollMs)) {
        pollfd none{};
        ::poll(&none, 0, kPollMs);
      }
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      reconnecting = true;
      continue;
    }
    backoff = std::chrono::milliseconds(100);
    listening_ = true;
    if (reconnecting) {
      spdlog::info("wake-ups: listening again");
      for (const char* channel : kChannels) on_wake_(channel);
    }
    while (!stopping_) {
      pollfd socket{.fd = PQsocket(connection), .events = POLLIN, .revents = 0};
      const int ready = ::poll(&socket, 1, kPollMs);
      if (ready < 0) continue;  // EINTR
      if (ready == 0) continue;
      if (PQconsumeInput(connection) == 0) {
        spdlog::warn("wake-ups: the PostgreSQL connection was lost: {}",
                     PQerrorMessage(connection));
        break;
      }
      while (PGnotify* notify = PQnotifies(connection)) {
        const std::string channel = notify->relname;
        PQfreemem(notify);
        on_wake_(channel);
      }
    }
    PQfinish(connection);
    reconnecting = true;
  }
}

}  // namespace duly::daemon
