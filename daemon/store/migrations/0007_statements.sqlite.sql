-- 0007 statements (SQLite): bank statement files imported, their credit entries (posted as
-- payments or waiting in the reconciliation queue), and the accounts customers paid from.
-- Every index matches a query of daemon/store/{statement_table,payer_accounts}.cpp or
-- invoice_table.cpp (generated payment references must be unique).

-- One row per statement file imported; the same bytes twice are recognised by their digest.
CREATE TABLE statement_imports (
  digest TEXT PRIMARY KEY,         -- hex SHA-256 of the file's bytes
  format TEXT NOT NULL CHECK (format IN ('camt.053', 'mt940')),
  account TEXT NOT NULL,           -- the statement's account (IBAN or as written)
  statement_id TEXT NOT NULL,      -- the bank's statement id(s)
  entries BIGINT NOT NULL,         -- credit lines in the file
  posted BIGINT NOT NULL,          -- lines posted as payments by this import
  queued BIGINT NOT NULL,          -- lines queued for a person by this import
  duplicates BIGINT NOT NULL,      -- lines imported before (by another file)
  actor TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- One row per credit entry ever imported, keyed by the entry's key (account + bank reference,
-- or a digest of the entry), so an entry is posted at most once whichever file brings it.
CREATE TABLE statement_entries (
  id INTEGER PRIMARY KEY,
  entry_key TEXT NOT NULL UNIQUE,
  file_digest TEXT NOT NULL REFERENCES statement_imports (digest),
  bank_reference TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  value_date TEXT NOT NULL,        -- 'YYYY-MM-DD'
  counterparty_name TEXT NOT NULL,
  counterparty_iban TEXT NOT NULL,
  creditor_reference TEXT NOT NULL,
  remittance_text TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('posted', 'queued', 'allocated', 'dismissed')),
  outcome TEXT NOT NULL CHECK (outcome IN ('matched', 'ambiguous', 'unmatched')),
  reason TEXT NOT NULL,            -- the matcher's reason, or the dismissal reason
  candidates TEXT NOT NULL,        -- JSON array of {item, customer, kind, open_amount, currency, due, rule, score, currency_mismatch}
  payment TEXT NOT NULL,           -- posted / allocated: payments.id, '' otherwise
  decided_by TEXT NOT NULL,        -- allocated / dismissed: the actor, '' otherwise
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- The reconciliation queue, oldest first.
CREATE INDEX statement_entries_state ON statement_entries (state, id);

-- Accounts a customer paid from (learnt when a reference or invoice number identified it).
CREATE TABLE payer_accounts (
  customer TEXT NOT NULL REFERENCES customers (id),
  iban TEXT NOT NULL,              -- normalised: upper-case letters and digits
  created_at BIGINT NOT NULL,
  PRIMARY KEY (customer, iban)
);

-- Generated payment references are checked against the stored ones.
CREATE INDEX invoices_reference ON invoices (reference);
