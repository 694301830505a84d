-- Chain lanes and what several servers on one database need (docs/decisions/0029).
--
-- lane: as on SQLite (db/migration/V8): each server's writer holds a lane (a session advisory
--   lock) and extends the audit chain and the ledger only in it, so no server waits for another.
ALTER TABLE audit_history ADD COLUMN lane bigint NOT NULL DEFAULT 0 CHECK (lane >= 0);
ALTER TABLE event_logs ADD COLUMN lane bigint NOT NULL DEFAULT 0 CHECK (lane >= 0);
CREATE INDEX audit_history_lane ON audit_history (lane, id);
CREATE INDEX event_logs_lane ON event_logs (lane, id);

-- position: the order in which event streams deliver events. Ids come from a sequence when a
--   transaction inserts, not when it commits, so two servers can commit ids out of order and a
--   stream that went by id could pass over one for good. position is the writing transaction's
--   id shifted left by 20 bits plus the event's place in it: a stream delivers only positions
--   below the oldest transaction still running (pg_snapshot_xmin), and every transaction that
--   commits later has a larger id, so nothing can appear behind a stream's cursor.
ALTER TABLE event_logs ADD COLUMN position bigint;
CREATE UNIQUE INDEX event_logs_position ON event_logs (position);

-- Versions are 1..n with no gap and no duplicate, and recorded_at grows strictly, whichever
-- server writes: UNIQUE (record_id, version) refuses a duplicate, and this trigger refuses a
-- version whose predecessor is missing or was recorded at the same instant or later. Writers
-- also lock the policyholders row first, so that they queue instead of failing.
CREATE FUNCTION timetravel_version_in_order() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    previous text;
BEGIN
    IF NEW.version = 1 THEN
        RETURN NEW;
    END IF;
    SELECT recorded_at INTO previous FROM policyholder_records
     WHERE record_id = NEW.record_id AND version = NEW.version - 1;
    IF previous IS NULL THEN
        RAISE EXCEPTION 'record % version % has no version % before it', NEW.record_id, NEW.version, NEW.version - 1
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.recorded_at <= previous THEN
        RAISE EXCEPTION 'record % version % is recorded at %, not after version %''s %', NEW.record_id, NEW.version,
            NEW.recorded_at, NEW.version - 1, previous
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER policyholder_records_in_order BEFORE INSERT ON policyholder_records
    FOR EACH ROW EXECUTE FUNCTION timetravel_version_in_order();

-- The newest audit entry and event each lane has committed, written in the same transaction as
-- them. Verification compares the ids a chain ends with against these to tell entries deleted
-- from its end: on SQLite the AUTOINCREMENT counter does that, but a PostgreSQL sequence also
-- counts the ids of inserts that rolled back (a unit of work retried after a conflict, a batch
-- cut short by kill -9), which would look like deleted entries.
CREATE TABLE chain_lanes (
    lane          bigint PRIMARY KEY CHECK (lane >= 0),
    last_audit_id bigint NOT NULL DEFAULT 0,
    last_event_id bigint NOT NULL DEFAULT 0
);
