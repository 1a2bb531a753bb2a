-- 0005 cases (sqlite): complaint cases as the cases room keeps them (workflows/cases/case_store.h,
-- daemon/store/case_table.cpp). A case covers one or more invoices of one customer
-- (case_invoices; cases.invoice keeps the first), carries its description, source, reminder and
-- escalation marks and its resolution, and has comments. Collection holds read case_invoices
-- (daemon/store/collection_holds.cpp): every invoice of an open or escalated case pauses.

ALTER TABLE cases ADD COLUMN description TEXT NOT NULL DEFAULT '';  -- what is wrong
ALTER TABLE cases ADD COLUMN source TEXT NOT NULL DEFAULT 'api'
  CHECK (source IN ('api', 'ui', 'reply', 'call', 'workflow'));     -- where it came from
ALTER TABLE cases ADD COLUMN opened_by TEXT NOT NULL DEFAULT '';    -- the actor that opened it
ALTER TABLE cases ADD COLUMN reminder_at BIGINT;      -- when the assignee is reminded, NULL: never
ALTER TABLE cases ADD COLUMN reminded_at BIGINT;      -- when the reminder was queued, NULL: not yet
ALTER TABLE cases ADD COLUMN acknowledged_at BIGINT;  -- the assignee's first acknowledgement
ALTER TABLE cases ADD COLUMN escalation_level BIGINT NOT NULL DEFAULT 0
  CHECK (escalation_level >= 0);                      -- how many managers up it has gone
ALTER TABLE cases ADD COLUMN escalated_at BIGINT;     -- the latest escalation, NULL: none
ALTER TABLE cases ADD COLUMN escalate_at BIGINT;      -- the next escalation, NULL: none left
ALTER TABLE cases ADD COLUMN resolution TEXT;         -- JSON {kind, note, ...}, NULL while open
UPDATE cases SET escalate_at = deadline_at WHERE state IN ('open', 'escalated');

-- The invoices under a case (a case's first invoice is also cases.invoice).
CREATE TABLE case_invoices (
  case_id BIGINT NOT NULL REFERENCES cases (id),
  invoice TEXT NOT NULL,
  PRIMARY KEY (case_id, invoice)
);
INSERT INTO case_invoices (case_id, invoice) SELECT id, invoice FROM cases;
-- Holds: the cases of a batch of invoices.
CREATE INDEX case_invoices_invoice ON case_invoices (invoice, case_id);

-- Comments on a case, oldest first.
CREATE TABLE case_comments (
  id INTEGER PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases (id),
  author TEXT NOT NULL,            -- colleague id or API actor
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_comments_case ON case_comments (case_id, id);

-- RemindDue and EscalateDue walk these; listings by assignee and customer.
CREATE INDEX cases_reminder ON cases (reminder_at);
CREATE INDEX cases_escalate ON cases (escalate_at);
CREATE INDEX cases_assignee ON cases (assignee, state);
CREATE INDEX cases_customer_id ON cases (customer, id);
