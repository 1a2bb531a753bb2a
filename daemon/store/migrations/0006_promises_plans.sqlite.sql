-- 0006 promises and plans (SQLite): promises to pay name one or more invoices and remember the
-- invoices' open amount when made (what paid since is measured against); payment plans gain the
-- state proposed (a policy exception waiting for a manager), the segment whose policy applied,
-- the start, the approved exceptions and who approved them; installments may number more than 6
-- (an approved exception) and remember their reminder and the day they were missed.
-- SQLite cannot change a CHECK in place: payment_plans and installments are rebuilt (no plan can
-- exist before this migration: nothing wrote them). Every index matches a query of
-- daemon/store/{promise_table,plan_table,collection_holds}.cpp.

ALTER TABLE promises ADD COLUMN source TEXT NOT NULL DEFAULT 'api'
  CHECK (source IN ('api', 'ui', 'call', 'reply'));  -- where it was made
ALTER TABLE promises ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE promises ADD COLUMN open_at BIGINT NOT NULL DEFAULT 0; -- the invoices' open amount then
ALTER TABLE promises ADD COLUMN recorded_by TEXT NOT NULL DEFAULT ''; -- the actor
ALTER TABLE promises ADD COLUMN closed_at BIGINT;    -- kept, broken or cancelled at; NULL while open

-- Every invoice a promise names (promises.invoice keeps the first). Holds read it by invoice.
CREATE TABLE promise_invoices (
  promise BIGINT NOT NULL REFERENCES promises (id),
  invoice TEXT NOT NULL,
  PRIMARY KEY (promise, invoice)
);
CREATE INDEX promise_invoices_invoice ON promise_invoices (invoice, promise);

CREATE TABLE payment_plans_0006 (
  id INTEGER PRIMARY KEY,
  customer TEXT NOT NULL REFERENCES customers (id),
  total BIGINT NOT NULL CHECK (total > 0), -- the invoices' open amount when made = sum of installments
  currency TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('proposed', 'active', 'completed', 'broken', 'cancelled')),
  invoices TEXT NOT NULL,          -- JSON array of invoice ids the plan covers
  created_at BIGINT NOT NULL,
  segment TEXT NOT NULL DEFAULT '',           -- the customer's segment when made ('' when none)
  starts_on TEXT NOT NULL DEFAULT '', -- 'YYYY-MM-DD': the policy's months count from it ('' = created)
  exceptions TEXT NOT NULL DEFAULT '[]',        -- JSON array of {field, message}: the policy breaks
  approved_by TEXT NOT NULL DEFAULT '',       -- the approving manager's colleague id, '' when none
  created_by TEXT NOT NULL DEFAULT '',        -- the actor
  closed_at BIGINT                 -- completed, broken or cancelled at; NULL otherwise
);
INSERT INTO payment_plans_0006 (id, customer, total, currency, state, invoices, created_at,
    segment, starts_on, exceptions, approved_by, created_by)
  SELECT id, customer, total, currency, state, invoices, created_at, '',
    date(created_at / 1000, 'unixepoch'), '[]', '', '' FROM payment_plans;

CREATE TABLE installments_0006 (
  id INTEGER PRIMARY KEY,
  plan BIGINT NOT NULL REFERENCES payment_plans (id),
  number BIGINT NOT NULL CHECK (number >= 1),
  due_on TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  paid BIGINT NOT NULL CHECK (paid >= 0),  -- payments allocated to it in order
  state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'missed')),
  reminded_at BIGINT,              -- the reminder before the due date was queued; NULL before
  missed_on TEXT NOT NULL DEFAULT '',         -- 'YYYY-MM-DD' it was found missed, '' when not
  UNIQUE (plan, number)
);
INSERT INTO installments_0006 (id, plan, number, due_on, amount, paid, state, missed_on)
  SELECT id, plan, number, due_on, amount, paid, state, '' FROM installments;
DROP TABLE installments;
DROP TABLE payment_plans;
ALTER TABLE payment_plans_0006 RENAME TO payment_plans;
ALTER TABLE installments_0006 RENAME TO installments;
-- The plan job's round: active plans; a customer's plans, newest first.
CREATE INDEX payment_plans_state ON payment_plans (state, id);
CREATE INDEX payment_plans_customer ON payment_plans (customer, id);
