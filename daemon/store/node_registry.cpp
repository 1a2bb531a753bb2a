#include "daemon/store/node_registry.h"

#include <soci/soci.h>

namespace duly::daemon {
namespace {

constexpr const char* kUpsert =
    "INSERT INTO nodes (id, host, pid, version, started_at, heartbeat_at, stopped_at)"
    " VALUES (:id, :host, :pid, :version, :at, :at2, NULL)"
    " ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid,"
    " version = excluded.version, heartbeat_at = excluded.heartbeat_at, stopped_at = NULL";
constexpr const char* kBeat = "UPDATE nodes SET heartbeat_at = :at WHERE id = :id";
constexpr const char* kPrune = "DELETE FROM nodes WHERE heartbeat_at < :before";
constexpr const char* kStop = "UPDATE nodes SET stopped_at = :at WHERE id = :id";
constexpr const char* kList =
    "SELECT id, host, pid, version, started_at, heartbeat_at, COALESCE(stopped_at, -1)"
    " FROM nodes WHERE heartbeat_at >= :since ORDER BY started_at DESC, id";

}  // namespace

Status NodeRegistry::Register(const NodeStatus& node) {
  if (node.id.empty()) return FieldInvalid("/id", "a node needs an id");
  return Done(Transact<bool>("registering node " + node.id, [&](soci::session& s) -> Result<bool> {
    long long at = ToEpochMillis(clock_.Now());
    long long pid = node.pid;
    s << kUpsert, soci::use(node.id, "id"), soci::use(node.host, "host"), soci::use(pid, "pid"),
        soci::use(node.version, "version"), soci::use(at, "at"), soci::use(at, "at2");
    return true;
  }));
}

Status NodeRegistry::Heartbeat(const std::string& id) {
  return Done(Transact<bool>("beating node " + id, [&](soci::session& s) -> Result<bool> {
    long long at = ToEpochMillis(clock_.Now());
    soci::statement beat = (s.prepare << kBeat, soci::use(at, "at"), soci::use(id, "id"));
    beat.execute(true);
    if (beat.get_affected_rows() == 0) {
      return NotFound("node " + id + " is not registered (its row was removed)");
    }
    long long before = at - forget_after_.count();
    s << kPrune, soci::use(before, "before");
    return true;
  }));
}

Status NodeRegistry::Stop(const std::string& id) {
  return Done(Transact<bool>("stopping node " + id, [&](soci::session& s) -> Result<bool> {
    long long at = ToEpochMillis(clock_.Now());
    s << kStop, soci::use(at, "at"), soci::use(id, "id");
    return true;
  }));
}

Result<std::vector<NodeStatus>> NodeRegistry::List() {
  return Read<std::vector<NodeStatus>>("listing nodes", [&](soci::session& s) {
    const long long now = ToEpochMillis(clock_.Now());
    long long since = now - forget_after_.count();
    std::string id, host, version;
    long long pid = 0, started = 0, beat = 0, stopped = 0;
    soci::statement select = (s.prepare << kList, soci::use(since, "since"), soci::into(id),
                              soci::into(host), soci::into(pid), soci::into(version),
                              soci::into(started), soci::into(beat), soci::into(stopped));
    select.execute();
    std::vector<NodeStatus> nodes;
    while (select.fetch()) {
      NodeStatus node{.id = id,
                      .host = host,
                      .pid = pid,
                      .version = version,
                      .started_at = FromEpochMillis(started),
                      .heartbeat_at = FromEpochMillis(beat),
                      .stopped_at = std::nullopt,
                      .alive = false};
      if (stopped >= 0) node.stopped_at = FromEpochMillis(stopped);
      node.alive = !node.stopped_at && now - beat <= stale_after_.count();
      nodes.push_back(std::move(node));
    }
    return Result<std::vector<NodeStatus>>(std::move(nodes));
  });
}

}  // namespace duly::daemon
