-- 0012 wake-ups (PostgreSQL): a committed transaction that adds timers or outbox messages
-- notifies the channels duly_timers / duly_outbox, so every node's engine scheduler and dispatcher
-- look again at once (pg_wakeups.h) instead of waiting for their poll interval. Notifications are
-- delivered at commit and deduplicated per transaction, so a batch of a thousand inserts sends one.

CREATE FUNCTION duly_wake_timers() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('duly_timers', ''); RETURN NULL; END $$;
CREATE FUNCTION duly_wake_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('duly_outbox', ''); RETURN NULL; END $$;
CREATE TRIGGER timers_wake AFTER INSERT ON timers FOR EACH STATEMENT EXECUTE FUNCTION duly_wake_timers();
CREATE TRIGGER outbox_wake AFTER INSERT ON outbox_messages FOR EACH STATEMENT EXECUTE FUNCTION duly_wake_outbox();
