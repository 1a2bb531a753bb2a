-- 0011 nodes (SQLite): every dulyd node registers here and beats its heart while it
-- runs, so operators (GET /v1/nodes) and the other nodes see who is alive. Operational state,
-- not business history: no events are recorded for it.

CREATE TABLE nodes (
  id TEXT PRIMARY KEY,             -- host:pid:start, unique per process lifetime
  host TEXT NOT NULL,
  pid BIGINT NOT NULL,
  version TEXT NOT NULL,
  started_at BIGINT NOT NULL,      -- epoch ms
  heartbeat_at BIGINT NOT NULL,    -- epoch ms of the last heartbeat
  stopped_at BIGINT                -- epoch ms of a clean shutdown; NULL while running or after a crash
);
CREATE INDEX nodes_heartbeat ON nodes (heartbeat_at);
