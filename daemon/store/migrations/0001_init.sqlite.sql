-- 0001 init (SQLite): every table DESIGN.md lists. Portable subset: ids from the ERP are TEXT,
-- ids the store assigns are INTEGER PRIMARY KEY (SQLite's 64-bit rowid, BIGINT on PostgreSQL),
-- money is BIGINT cents, instants are BIGINT epoch milliseconds UTC, dates are TEXT 'YYYY-MM-DD',
-- states are TEXT with a CHECK, JSON is TEXT. Statements end with ';' at the end of a line.

-- The head of the hash-chained history: one row, locked by every writer to serialise appends.
CREATE TABLE history_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,             -- seq of the last event (0 when the history is empty)
  hash TEXT NOT NULL               -- hash of the last event ('' when empty)
);
INSERT INTO history_head (id, seq, hash) VALUES (1, 0, '');

-- Colleagues: people in the creditor's organisation.
CREATE TABLE colleagues (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('colleague', 'manager', 'collector', 'admin')),
  department TEXT NOT NULL,
  manager TEXT NOT NULL,           -- colleague id of the manager, '' at the top (store-checked)
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  notify TEXT NOT NULL CHECK (notify IN ('email', 'sms', 'whatsapp', 'chat')),
  chat_webhook TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  content_hash TEXT NOT NULL,      -- hex SHA-256 of the record as last received (idempotency)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Customers: debtors, keyed by the ERP's id.
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('b2b', 'b2c')),
  language TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,             -- E.164 or ''
  whatsapp INTEGER NOT NULL CHECK (whatsapp IN (0, 1)),
  preferred_channels TEXT NOT NULL, -- JSON array of channel names, in order of preference
  contacts TEXT NOT NULL,          -- JSON array of {name, role, email, phone}
  street TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  account_manager TEXT NOT NULL,   -- colleague id, '' when none (store-checked)
  tags TEXT NOT NULL,              -- JSON array of strings
  vat_number TEXT NOT NULL,
  iban TEXT NOT NULL,
  time_zone TEXT NOT NULL,         -- IANA zone, '' for the configured default
  credit_limit BIGINT,             -- cents, NULL when none
  currency TEXT NOT NULL,
  content_hash TEXT NOT NULL,      -- hex SHA-256 of the record as last received (idempotency)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Invoices and credit notes.
CREATE TABLE invoices (
  id TEXT PRIMARY KEY,             -- the ERP's number, unique across invoices and credit notes
  customer TEXT NOT NULL REFERENCES customers (id),
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  issued TEXT NOT NULL,
  due TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  open_amount BIGINT NOT NULL CHECK (open_amount >= 0 AND open_amount <= amount), -- amount minus allocations
  currency TEXT NOT NULL,
  po_number TEXT NOT NULL,
  reference TEXT NOT NULL,         -- structured payment reference, '' when none
  credits_invoice TEXT NOT NULL,   -- credit note: the invoice it corrects, '' when none
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'credited', 'written_off')),
  content_hash TEXT NOT NULL,      -- hex SHA-256 of the record as last received (idempotency)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- A customer's invoices: listings and oldest-due-first allocation.
CREATE INDEX invoices_customer ON invoices (customer, id);

-- The document (PDF) attached to reminders; one per invoice.
CREATE TABLE invoice_documents (
  invoice TEXT PRIMARY KEY REFERENCES invoices (id),
  filename TEXT NOT NULL,
  media_type TEXT NOT NULL,
  content_base64 TEXT NOT NULL     -- the document bytes, base64 (portable across backends)
);

-- Payments received; immutable once posted.
CREATE TABLE payments (
  id TEXT PRIMARY KEY,             -- external id (bank entry, provider)
  customer TEXT NOT NULL REFERENCES customers (id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  received TEXT NOT NULL,          -- value date
  method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'direct_debit', 'card', 'ideal', 'cash', 'other')),
  reference TEXT NOT NULL,
  counterparty_name TEXT NOT NULL,
  counterparty_iban TEXT NOT NULL,
  remittance TEXT NOT NULL,
  unallocated BIGINT NOT NULL CHECK (unallocated >= 0), -- cents left as customer credit
  request_hash TEXT NOT NULL,      -- hex SHA-256 of the payment as posted (re-post detection)
  created_at BIGINT NOT NULL
);
CREATE INDEX payments_customer ON payments (customer, id);

-- What settled an invoice: a payment or a credit note, never both.
CREATE TABLE allocations (
  id INTEGER PRIMARY KEY,
  payment TEXT REFERENCES payments (id),
  credit_note TEXT REFERENCES invoices (id),
  invoice TEXT NOT NULL REFERENCES invoices (id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  created_at BIGINT NOT NULL,
  CHECK ((payment IS NULL) <> (credit_note IS NULL))
);
CREATE INDEX allocations_invoice ON allocations (invoice);
CREATE INDEX allocations_payment ON allocations (payment);
CREATE INDEX allocations_credit_note ON allocations (credit_note);

-- The append-only, hash-chained history (see daemon/store/history_hash.h).
CREATE TABLE events (
  seq BIGINT PRIMARY KEY CHECK (seq >= 1), -- 1, 2, 3, ... without gaps
  at BIGINT NOT NULL,
  type TEXT NOT NULL,
  customer TEXT NOT NULL,          -- '' for global events
  invoice TEXT NOT NULL,           -- '' unless the event concerns one invoice
  actor TEXT NOT NULL,
  payload TEXT NOT NULL,           -- JSON object
  prev_hash TEXT NOT NULL,         -- hash of seq - 1 ('' for seq 1)
  hash TEXT NOT NULL               -- hex SHA-256 of this event
);
CREATE INDEX events_customer ON events (customer, seq);
CREATE INDEX events_invoice ON events (invoice, seq);

-- Bearer tokens for the API; only the hash of the secret is kept.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'collector', 'colleague', 'integration')),
  hash TEXT NOT NULL UNIQUE,       -- hex SHA-256 of the secret
  created_at BIGINT NOT NULL,
  revoked_at BIGINT                -- NULL while the token is valid
);

-- Workflow definitions; a version is never changed once stored.
CREATE TABLE workflow_versions (
  id INTEGER PRIMARY KEY,
  workflow TEXT NOT NULL,          -- workflow name
  version BIGINT NOT NULL CHECK (version >= 1),
  segment TEXT NOT NULL,           -- segment it serves
  definition TEXT NOT NULL,        -- JSON, validated against schemas/workflow.schema.json
  state TEXT NOT NULL CHECK (state IN ('draft', 'active', 'retired')),
  created_at BIGINT NOT NULL,
  UNIQUE (workflow, version)
);

-- Segment rules, evaluated in priority order; a customer is in the first that matches.
CREATE TABLE segment_rules (
  id INTEGER PRIMARY KEY,
  segment TEXT NOT NULL UNIQUE,
  priority BIGINT NOT NULL UNIQUE,
  rule TEXT NOT NULL,              -- JSON condition on customer facts
  updated_at BIGINT NOT NULL
);

-- One collection instance per open invoice.
CREATE TABLE workflow_instances (
  id INTEGER PRIMARY KEY,
  invoice TEXT NOT NULL UNIQUE REFERENCES invoices (id),
  workflow_version BIGINT NOT NULL REFERENCES workflow_versions (id),
  state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'done', 'cancelled')),
  next_step BIGINT NOT NULL CHECK (next_step >= 0), -- index of the next step in the definition
  updated_at BIGINT NOT NULL
);

-- Durable timers: the next step of an instance, leased by one scheduler at a time.
CREATE TABLE timers (
  id INTEGER PRIMARY KEY,
  instance BIGINT REFERENCES workflow_instances (id),
  kind TEXT NOT NULL,              -- what fires: 'step', 'case_reminder', ...
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'cancelled', 'failed')),
  due_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL,       -- node holding the lease, '' when none
  lease_until BIGINT NOT NULL,     -- lease expiry, 0 when none
  attempt BIGINT NOT NULL CHECK (attempt >= 0),
  unique_key TEXT NOT NULL UNIQUE, -- makes each step execute once
  payload TEXT NOT NULL            -- JSON
);
CREATE INDEX timers_due ON timers (state, due_at);

-- Messages to send, leased by one dispatcher at a time.
CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp', 'letter', 'voice', 'chat')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'sent', 'failed', 'cancelled')),
  due_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL,
  lease_until BIGINT NOT NULL,
  attempt BIGINT NOT NULL CHECK (attempt >= 0),
  unique_key TEXT NOT NULL UNIQUE, -- one message per customer, channel and day
  provider_id TEXT NOT NULL,       -- id the provider gave, '' before sending
  payload TEXT NOT NULL            -- JSON: template, invoices, attachments
);
CREATE INDEX outbox_due ON outbox_messages (state, due_at);

-- Calls for collectors' daily work lists.
CREATE TABLE call_tasks (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL REFERENCES customers (id),
  invoice TEXT NOT NULL,           -- '' when the call concerns the customer as a whole
  assignee TEXT NOT NULL,          -- colleague id, '' when unassigned
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
  due_on TEXT NOT NULL,            -- day the call is planned for
  outcome TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX call_tasks_assignee ON call_tasks (assignee, state, due_on);

-- Complaint cases routed to a department; disputed invoices pause while one is open.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL REFERENCES customers (id),
  invoice TEXT NOT NULL,
  category TEXT NOT NULL,
  department TEXT NOT NULL,
  assignee TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'escalated', 'resolved', 'rejected')),
  deadline_at BIGINT NOT NULL,     -- escalates to the assignee's manager after this
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX cases_state ON cases (state, deadline_at);

-- Promises to pay.
CREATE TABLE promises (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL REFERENCES customers (id),
  invoice TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  promised_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'kept', 'broken', 'cancelled')),
  created_at BIGINT NOT NULL
);
CREATE INDEX promises_state ON promises (state, promised_on);

-- Payment plans and their installments.
CREATE TABLE payment_plans (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL REFERENCES customers (id),
  total BIGINT NOT NULL CHECK (total > 0),
  currency TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'completed', 'broken', 'cancelled')),
  invoices TEXT NOT NULL,          -- JSON array of invoice ids the plan covers
  created_at BIGINT NOT NULL
);
CREATE TABLE installments (
  id INTEGER PRIMARY KEY,
  plan BIGINT NOT NULL REFERENCES payment_plans (id),
  number BIGINT NOT NULL CHECK (number BETWEEN 1 AND 6),
  due_on TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  paid BIGINT NOT NULL CHECK (paid >= 0),
  state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'missed')),
  UNIQUE (plan, number)
);
