-- 0010 reports (PostgreSQL): the same as 0010_reports.sqlite.sql. See there for why
-- allocations.settled_on exists; here a BEFORE INSERT trigger sets it.

ALTER TABLE allocations ADD COLUMN settled_on TEXT; -- 'YYYY-MM-DD', see the SQLite file
UPDATE allocations SET settled_on = GREATEST(
    COALESCE((SELECT received FROM payments p WHERE p.id = allocations.payment),
             (SELECT issued FROM invoices c WHERE c.id = allocations.credit_note)),
    (SELECT issued FROM invoices i WHERE i.id = allocations.invoice));
CREATE FUNCTION allocations_settled_on() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.settled_on = GREATEST(COALESCE((SELECT received FROM payments p WHERE p.id = NEW.payment), (SELECT issued FROM invoices c WHERE c.id = NEW.credit_note)), (SELECT issued FROM invoices i WHERE i.id = NEW.invoice)); RETURN NEW; END $$;
CREATE TRIGGER allocations_settled_on BEFORE INSERT ON allocations FOR EACH ROW
  EXECUTE FUNCTION allocations_settled_on();
CREATE FUNCTION invoices_issued_settled_on() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE allocations SET settled_on = GREATEST(COALESCE((SELECT received FROM payments p WHERE p.id = allocations.payment), (SELECT issued FROM invoices c WHERE c.id = allocations.credit_note)), (SELECT issued FROM invoices i WHERE i.id = allocations.invoice)) WHERE invoice = NEW.id OR credit_note = NEW.id; RETURN NEW; END $$;
CREATE TRIGGER invoices_issued_settled_on AFTER UPDATE OF issued ON invoices FOR EACH ROW
  WHEN (OLD.issued <> NEW.issued) EXECUTE FUNCTION invoices_issued_settled_on();

CREATE INDEX allocations_settled ON allocations (settled_on, amount, invoice);
CREATE INDEX invoices_open ON invoices (customer, due, issued, open_amount, status, updated_at)
  WHERE kind = 'invoice' AND open_amount > 0;
CREATE INDEX invoices_issued ON invoices (kind, issued, amount);
CREATE INDEX invoices_written_off ON invoices (updated_at, open_amount)
  WHERE status = 'written_off';
CREATE INDEX payments_received ON payments (received, amount);
CREATE INDEX payments_customer_posted ON payments (customer, created_at);
CREATE INDEX outbox_sent ON outbox_messages (sent_at);
CREATE INDEX tasks_done ON tasks (state, updated_at);
CREATE INDEX promises_due ON promises (promised_on, state, amount);
