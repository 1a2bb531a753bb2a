-- 0008 payment links (PostgreSQL): the Mollie payments duly made so customers can pay their open invoices
-- online (workflows/payment_link_store.h). A message reuses a link of the same customer,
-- invoices and amount while it is open and unexpired; Mollie's webhook finds its invoices here.
-- Every index matches a query of daemon/store/soci_payment_link_store.cpp.

CREATE TABLE payment_links (
  provider_id TEXT PRIMARY KEY,    -- Mollie's payment id, "tr_..."
  customer TEXT NOT NULL,          -- the customer it was made for
  invoices TEXT NOT NULL,          -- JSON array of invoice ids, in allocation order
  amount BIGINT NOT NULL CHECK (amount > 0),  -- cents
  currency TEXT NOT NULL,          -- ISO 4217
  checkout_url TEXT NOT NULL,      -- where the customer pays
  status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'authorized', 'paid', 'canceled',
                                         'expired', 'failed')),  -- Mollie's payment status
  expires_at BIGINT NOT NULL,      -- epoch ms: not put in messages after this
  created_at BIGINT NOT NULL,      -- epoch ms
  updated_at BIGINT NOT NULL       -- epoch ms of the last status change
);
-- A customer's reusable link: same invoices and amount, open, newest first.
CREATE INDEX payment_links_customer ON payment_links (customer, created_at);
