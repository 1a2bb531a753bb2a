-- 0004 channels (SQLite): what the channel dispatcher, the collectors' work list and the
-- template editor need. outbox_messages gains the states reconcile and canceled, the step's
-- fallback channels, the reconcile marks and the provider's delivery status; call_tasks becomes
-- tasks (call tasks and follow-up tasks, claimable); message templates are kept as versions.
-- SQLite cannot change a CHECK in place, so both tables are rebuilt (nothing references them).
-- Every index matches a query of daemon/store/{outbox_table,outbox_lease,task_table,
-- template_table,customer_phones,effect_writer}.cpp.

CREATE TABLE outbox_messages_0004 (
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
  state TEXT NOT NULL
    CHECK (state IN ('pending', 'leased', 'reconcile', 'sent', 'failed', 'canceled')),
  due_at BIGINT NOT NULL,          -- pending: when it may be sent; reconcile: when to reconcile
  lease_owner TEXT NOT NULL,       -- '' unless leased
  lease_until BIGINT NOT NULL,     -- 0 unless leased
  leased_at BIGINT,                -- when the current lease was taken, NULL unless leased
  attempt BIGINT NOT NULL CHECK (attempt >= 0),
  provider_id TEXT NOT NULL,       -- the provider's id once sent, '' before
  last_error TEXT NOT NULL,
  items TEXT NOT NULL,             -- JSON array of {invoice, step, template}
  fallbacks TEXT NOT NULL,         -- JSON array of the channels left to fall back to
  needs_reconcile INTEGER NOT NULL CHECK (needs_reconcile IN (0, 1)),
  attempted_at BIGINT,             -- the attempt whose outcome is unknown, NULL when none
  delivery TEXT CHECK (delivery IN ('accepted', 'sent', 'delivered', 'read', 'failed', 'canceled')),
  delivery_error TEXT NOT NULL,    -- the provider's error code of the latest status, '' when none
  created_at BIGINT NOT NULL,
  sent_at BIGINT,                  -- NULL until sent
  CHECK ((state = 'leased') = (lease_owner <> ''))
);
INSERT INTO outbox_messages_0004 (id, recipient_kind, recipient, customer, channel, language,
    template, reason, case_id, local_day, state, due_at, lease_owner, lease_until, leased_at,
    attempt, provider_id, last_error, items, fallbacks, needs_reconcile, attempted_at, delivery,
    delivery_error, created_at, sent_at)
  SELECT id, recipient_kind, recipient, customer, channel, language, template, reason, case_id,
    local_day, state, due_at, lease_owner, lease_until,
    CASE WHEN state = 'leased' THEN created_at ELSE NULL END, attempt, provider_id, last_error,
    items, '[]', 0, NULL, NULL, '', created_at, sent_at
  FROM outbox_messages;
DROP TABLE outbox_messages;
ALTER TABLE outbox_messages_0004 RENAME TO outbox_messages;
CREATE INDEX outbox_due ON outbox_messages (state, due_at, id);
CREATE INDEX outbox_bundle
  ON outbox_messages (recipient_kind, recipient, channel, local_day, state);
-- Status callbacks find their row by the provider's id.
CREATE INDEX outbox_provider ON outbox_messages (provider_id);
-- A customer's messages, newest first.
CREATE INDEX outbox_customer ON outbox_messages (customer, id);

-- The collectors' work list: call tasks (one per customer and local day, planned by the engine)
-- and follow-up tasks (failed_message, unknown_outcome, reply).
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('call', 'failed_message', 'unknown_outcome', 'reply')),
  customer TEXT NOT NULL REFERENCES customers (id),
  local_day TEXT NOT NULL,         -- 'YYYY-MM-DD': calls: the bundle key; follow-ups: UTC day made
  script TEXT NOT NULL,            -- calls: the script of the first item; '' otherwise
  items TEXT NOT NULL,             -- JSON array of {invoice, step, script}
  detail TEXT NOT NULL,            -- follow-ups: what happened
  message BIGINT NOT NULL,         -- follow-ups: the outbox row concerned, 0 when none
  assignee TEXT NOT NULL,          -- colleague id: who holds (or last held) it, '' when nobody
  state TEXT NOT NULL CHECK (state IN ('open', 'claimed', 'done', 'cancelled')),
  due_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL CHECK (attempts >= 0), -- calls made without reaching the customer
  outcome TEXT NOT NULL,           -- the latest completion's outcome, '' before
  note TEXT NOT NULL,              -- the latest completion's note
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (state <> 'claimed' OR assignee <> '')
);
INSERT INTO tasks (id, kind, customer, local_day, script, items, detail, message, assignee, state,
    due_at, attempts, outcome, note, created_at, updated_at)
  SELECT id, 'call', customer, local_day, script, items, '', 0, assignee, state, due_at, 0, '', '',
    created_at, created_at
  FROM call_tasks;
DROP TABLE call_tasks;
-- The engine bundles calls per customer and local day.
CREATE UNIQUE INDEX tasks_call_day ON tasks (customer, local_day) WHERE kind = 'call';
-- The work list: open and claimed tasks by due time.
CREATE INDEX tasks_due ON tasks (state, due_at, id);
-- The work list's segment of a customer (ListOpenTasks).
CREATE INDEX workflow_instances_customer ON workflow_instances (customer, invoice);
-- The 0002 shape of the call tasks, for readers that predate tasks (read-only).
CREATE VIEW call_tasks AS
  SELECT id, customer, local_day, script, items, assignee, state, due_at, created_at
  FROM tasks WHERE kind = 'call';

-- Message templates managers edit; a version is never changed once stored.
CREATE TABLE template_versions (
  template TEXT NOT NULL,          -- template id
  language TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 1),
  parts TEXT NOT NULL,             -- JSON object: part name -> mustache source
  saved_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (template, language, version)
);
-- Grows on every template save, so a cached TemplateSet can tell it is stale. One row.
CREATE TABLE template_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision BIGINT NOT NULL CHECK (revision >= 0)
);
INSERT INTO template_revision (id, revision) VALUES (1, 0);

-- Inbound messages are attributed by the customer's phone (contacts are matched in the JSON).
CREATE INDEX customers_phone ON customers (phone);
