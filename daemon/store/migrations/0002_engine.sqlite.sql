-- 0002 engine (SQLite): the collection engine's tables. Replaces the sketches of 0001 that
-- nothing used (workflow_versions, segment_rules, workflow_instances, timers, outbox_messages,
-- call_tasks) with the shapes workflows/engine/*_store.h need. Every index matches a query of
-- daemon/store/{timer_table,timer_inputs,effect_writer,outbox_table}.cpp exactly.
-- @migrated_at is replaced by the migration time (epoch ms, from the Clock).

DROP TABLE call_tasks;
DROP TABLE outbox_messages;
DROP TABLE timers;
DROP TABLE workflow_instances;
DROP TABLE segment_rules;
DROP TABLE workflow_versions;

-- Workflow definitions; a version is never changed once stored.
CREATE TABLE workflow_versions (
  workflow TEXT NOT NULL,          -- workflow id
  version BIGINT NOT NULL CHECK (version >= 1),
  segment TEXT NOT NULL,           -- the segment it serves
  definition TEXT NOT NULL,        -- JSON as saved, with "version" set
  created_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (workflow, version)
);

-- Segment rules documents; a version is never changed once stored.
CREATE TABLE segment_versions (
  version BIGINT PRIMARY KEY CHECK (version >= 1),
  definition TEXT NOT NULL,        -- JSON { "segments": [...] }
  created_at BIGINT NOT NULL,
  actor TEXT NOT NULL
);

-- Grows on every catalog save, so a cached catalog can tell it is stale. One row.
CREATE TABLE catalog_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision BIGINT NOT NULL CHECK (revision >= 0)
);
INSERT INTO catalog_revision (id, revision) VALUES (1, 0);

-- One collection instance per invoice that entered the engine.
CREATE TABLE workflow_instances (
  invoice TEXT PRIMARY KEY REFERENCES invoices (id),
  customer TEXT NOT NULL,
  segment TEXT NOT NULL,
  workflow TEXT NOT NULL,          -- '' while no workflow serves the segment
  version BIGINT NOT NULL CHECK (version >= 0),
  state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'ended')),
  next_step TEXT NOT NULL,         -- step id the pending timer runs, '' when none
  reason TEXT NOT NULL,            -- why paused or ended, '' when active
  updated_at BIGINT NOT NULL
);

-- Durable engine timers: at most one per invoice. Fetch: due_at <= now ORDER BY due_at, id.
CREATE TABLE timers (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('start', 'step', 'recheck')),
  invoice TEXT NOT NULL UNIQUE,
  step TEXT NOT NULL,              -- kind step: the step id; '' otherwise
  due_at BIGINT NOT NULL,
  attempt BIGINT NOT NULL CHECK (attempt >= 0),
  created_at BIGINT NOT NULL,
  CHECK ((kind = 'step') = (step <> ''))
);
CREATE INDEX timers_due ON timers (due_at, id);

-- Each step execution (or skip), once: the unique key makes a step run at most once.
CREATE TABLE step_runs (
  invoice TEXT NOT NULL,
  workflow TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 1),
  step TEXT NOT NULL,
  outcome TEXT NOT NULL,           -- 'ran' or 'skipped:<reason>'
  ran_at BIGINT NOT NULL,
  run_index BIGINT NOT NULL CHECK (run_index >= 0), -- order among the runs of one firing
  PRIMARY KEY (invoice, workflow, version, step)
);

-- Messages to send, one row per bundle (recipient, channel, local day).
CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY,
  recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('customer', 'colleague')),
  recipient TEXT NOT NULL,         -- customer or colleague id
  customer TEXT NOT NULL,          -- the customer concerned
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'letter', 'voice', 'chat')),
  language TEXT NOT NULL,
  template TEXT NOT NULL,          -- the template of the first item
  reason TEXT NOT NULL,            -- colleague messages: why
  case_id TEXT NOT NULL,           -- colleague messages about a case, '' otherwise
  local_day TEXT NOT NULL,         -- 'YYYY-MM-DD': the bundle key
  state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'sent', 'failed')),
  due_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL,       -- '' unless leased
  lease_until BIGINT NOT NULL,     -- 0 unless leased
  attempt BIGINT NOT NULL CHECK (attempt >= 0),
  provider_id TEXT NOT NULL,       -- the provider's id once sent, '' before
  last_error TEXT NOT NULL,
  items TEXT NOT NULL,             -- JSON array of {invoice, step, template}
  created_at BIGINT NOT NULL,
  sent_at BIGINT,                  -- NULL until sent
  CHECK ((state = 'leased') = (lease_owner <> ''))
);
CREATE INDEX outbox_due ON outbox_messages (state, due_at, id);
CREATE INDEX outbox_bundle ON outbox_messages (recipient_kind, recipient, channel, local_day, state);

-- Calls for the collectors' work list: one per customer and local day, listing every invoice.
CREATE TABLE call_tasks (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL REFERENCES customers (id),
  local_day TEXT NOT NULL,         -- 'YYYY-MM-DD'
  script TEXT NOT NULL,            -- the script of the first item
  items TEXT NOT NULL,             -- JSON array of {invoice, step, script}
  assignee TEXT NOT NULL,          -- colleague id, '' when unassigned
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
  due_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (customer, local_day)
);

-- Invoices handed over to a collection agency.
CREATE TABLE handovers (
  invoice TEXT PRIMARY KEY REFERENCES invoices (id),
  customer TEXT NOT NULL,
  agency TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'returned')),
  created_at BIGINT NOT NULL
);

-- Channels a customer asked not to be contacted on.
CREATE TABLE channel_opt_outs (
  customer TEXT NOT NULL REFERENCES customers (id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'letter', 'voice')),
  at BIGINT NOT NULL,
  PRIMARY KEY (customer, channel)
);

-- The invoices a payment plan covers (holds are read by invoice).
CREATE TABLE plan_invoices (
  plan BIGINT NOT NULL REFERENCES payment_plans (id),
  invoice TEXT NOT NULL,
  PRIMARY KEY (plan, invoice)
);
CREATE INDEX plan_invoices_invoice ON plan_invoices (invoice, plan);
-- Holds and facts read cases and promises by invoice and by customer.
CREATE INDEX cases_invoice ON cases (invoice, state);
CREATE INDEX cases_customer ON cases (customer, state);
CREATE INDEX promises_invoice ON promises (invoice, state);
CREATE INDEX promises_customer ON promises (customer, state);

-- Every open invoice starts collection now.
INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)
  SELECT 'start', id, '', @migrated_at, 0, @migrated_at FROM invoices
  WHERE kind = 'invoice' AND open_amount > 0 ORDER BY id;
