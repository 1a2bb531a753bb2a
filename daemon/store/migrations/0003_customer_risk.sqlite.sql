-- 0003 customer risk (SQLite): a customer's credit risk rating, read by segment rules and step
-- conditions as the fact customer.risk_rating. '' means unknown; existing customers get ''.

ALTER TABLE customers ADD COLUMN risk_rating TEXT NOT NULL DEFAULT ''
  CHECK (risk_rating IN ('', 'low', 'medium', 'high'));
