-- 0006 promises and plans (PostgreSQL): see 0006_promises_plans.sqlite.sql for the why; here the
-- CHECKs change in place.

ALTER TABLE promises ADD COLUMN source TEXT NOT NULL DEFAULT 'api'
  CHECK (source IN ('api', 'ui', 'call', 'reply'));  -- where it was made
ALTER TABLE promises ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE promises ADD COLUMN open_at BIGINT NOT NULL DEFAULT 0; -- the invoices' open amount then
ALTER TABLE promises ADD COLUMN recorded_by TEXT NOT NULL DEFAULT ''; -- the actor
ALTER TABLE promises ADD COLUMN closed_at BIGINT;    -- kept, broken or cancelled at; NULL while open

-- Every invoice a promise names (promises.invoice keeps the first). Holds read it by invoice.
CREATE TABLE promise_invoices (
  promise BIGINT NOT NULL REFERENCES promises (id),
  invoice TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (promise, invoice)
);
CREATE INDEX promise_invoices_invoice ON promise_invoices (invoice, promise);

ALTER TABLE payment_plans DROP CONSTRAINT payment_plans_state_check;
ALTER TABLE payment_plans ADD CONSTRAINT payment_plans_state_check
  CHECK (state IN ('proposed', 'active', 'completed', 'broken', 'cancelled'));
ALTER TABLE payment_plans ADD COLUMN segment TEXT NOT NULL DEFAULT ''; -- the customer's segment then
ALTER TABLE payment_plans ADD COLUMN starts_on TEXT NOT NULL DEFAULT ''; -- 'YYYY-MM-DD'
UPDATE payment_plans SET starts_on = to_char(to_timestamp(created_at / 1000) AT TIME ZONE 'UTC',
  'YYYY-MM-DD');
ALTER TABLE payment_plans ADD COLUMN exceptions TEXT NOT NULL DEFAULT '[]'; -- JSON [{field, message}]
ALTER TABLE payment_plans ADD COLUMN approved_by TEXT NOT NULL DEFAULT ''; -- manager's colleague id
ALTER TABLE payment_plans ADD COLUMN created_by TEXT NOT NULL DEFAULT ''; -- the actor
ALTER TABLE payment_plans ADD COLUMN closed_at BIGINT; -- completed, broken or cancelled at

ALTER TABLE installments DROP CONSTRAINT installments_number_check;
ALTER TABLE installments ADD CONSTRAINT installments_number_check CHECK (number >= 1);
ALTER TABLE installments ADD COLUMN reminded_at BIGINT; -- the reminder was queued; NULL before
ALTER TABLE installments ADD COLUMN missed_on TEXT NOT NULL DEFAULT ''; -- 'YYYY-MM-DD' found missed
-- The plan job's round: active plans; a customer's plans, newest first.
CREATE INDEX payment_plans_state ON payment_plans (state, id);
CREATE INDEX payment_plans_customer ON payment_plans (customer, id);
