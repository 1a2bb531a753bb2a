-- 0010 reports (SQLite): what the reports (daemon/store/soci_report_store*.cpp) need to sum in
-- the database without reading every row. Every index matches a query there.
--
-- allocations.settled_on: the day an allocation lowered the receivables, so AR on any past day
-- is one index range instead of a join of every allocation with its payment and invoice. It is
-- the later of the payment's value date (a credit note's issue date) and the invoice's issue
-- date, set by the triggers below whoever inserts the allocation, and kept when an invoice's
-- issue date changes.

ALTER TABLE allocations ADD COLUMN settled_on TEXT; -- 'YYYY-MM-DD', see above
UPDATE allocations SET settled_on = max(
    COALESCE((SELECT received FROM payments p WHERE p.id = allocations.payment),
             (SELECT issued FROM invoices c WHERE c.id = allocations.credit_note)),
    (SELECT issued FROM invoices i WHERE i.id = allocations.invoice));
CREATE TRIGGER allocations_settled_on AFTER INSERT ON allocations FOR EACH ROW
  BEGIN UPDATE allocations SET settled_on = max(
    COALESCE((SELECT received FROM payments p WHERE p.id = NEW.payment),
             (SELECT issued FROM invoices c WHERE c.id = NEW.credit_note)),
    (SELECT issued FROM invoices i WHERE i.id = NEW.invoice)) WHERE id = NEW.id; END;
CREATE TRIGGER invoices_issued_settled_on AFTER UPDATE OF issued ON invoices FOR EACH ROW
  WHEN OLD.issued <> NEW.issued
  BEGIN UPDATE allocations SET settled_on = max(
    COALESCE((SELECT received FROM payments p WHERE p.id = allocations.payment),
             (SELECT issued FROM invoices c WHERE c.id = allocations.credit_note)),
    (SELECT issued FROM invoices i WHERE i.id = allocations.invoice))
    WHERE invoice = NEW.id OR credit_note = NEW.id; END;

-- Settlements per day (the ledger) and after a day (AR on a past day).
CREATE INDEX allocations_settled ON allocations (settled_on, amount, invoice);
-- Open invoices (aging): covering, so aging reads only the index.
CREATE INDEX invoices_open ON invoices (customer, due, issued, open_amount, status, updated_at)
  WHERE kind = 'invoice' AND open_amount > 0;
-- Credit sales per day.
CREATE INDEX invoices_issued ON invoices (kind, issued, amount);
-- Write-offs per day.
CREATE INDEX invoices_written_off ON invoices (updated_at, open_amount)
  WHERE status = 'written_off';
-- Cash collected per month.
CREATE INDEX payments_received ON payments (received, amount);
-- Payments after a message or a call, by customer and posting time.
CREATE INDEX payments_customer_posted ON payments (customer, created_at);
-- Messages sent in a period (channel effectiveness).
CREATE INDEX outbox_sent ON outbox_messages (sent_at);
-- Tasks completed in a period (collector productivity).
CREATE INDEX tasks_done ON tasks (state, updated_at);
-- Promises falling due in a period.
CREATE INDEX promises_due ON promises (promised_on, state, amount);
