-- One row per version (docs/decisions/0044): a record write keeps its audit entry and its event in
-- the version's own row, instead of a row in each of three tables that repeat the version's record,
-- number, actor, reason, time and patch.
--
-- audit_history and event_logs become views with the columns and text they always had, so what
-- operators query by hand does not change. Each view reads two places:
-- - audit_rows and event_rows (the tables as they were, renamed): every entry written before this
--   migration, and every entry that is not a record write's (flags, snapshots, users, premium
--   decisions, ...);
-- - the columns added to policyholder_records below, for the entries of record writes from now on.
--   What such an entry shares with its version is read from the version's columns; the rest is
--   stored here once, hashes as their 32 bytes.
--
-- No stored row changes and no hash changes: the old rows stay where they are, under new names.
-- Ids keep coming from the renamed tables' AUTOINCREMENT counters (sqlite_sequence), which the
-- writer also advances for the entries it keeps in policyholder_records, so an id is never given
-- out twice.

ALTER TABLE audit_history RENAME TO audit_rows;
ALTER TABLE event_logs RENAME TO event_rows;

-- Both counters exist from here on, even in a database that never had an entry.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'audit_rows', coalesce((SELECT max(id) FROM audit_rows), 0)
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'audit_rows');
INSERT INTO sqlite_sequence (name, seq)
SELECT 'event_rows', coalesce((SELECT max(id) FROM event_rows), 0)
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'event_rows');

-- The version's audit entry (audit_id is its id) and event (event_id), NULL on versions whose
-- entries are rows of their own. A NULL *_new_value or event_payload means the derived value:
-- the applied patch, and the stored payload of a record event (decision 0035).
ALTER TABLE policyholder_records ADD COLUMN audit_id INTEGER;
ALTER TABLE policyholder_records ADD COLUMN audit_old_value TEXT;
ALTER TABLE policyholder_records ADD COLUMN audit_new_value TEXT;
ALTER TABLE policyholder_records ADD COLUMN audit_actor_verified INTEGER;
ALTER TABLE policyholder_records ADD COLUMN audit_prev_hash BLOB;
ALTER TABLE policyholder_records ADD COLUMN audit_hash BLOB;
ALTER TABLE policyholder_records ADD COLUMN event_id INTEGER;
ALTER TABLE policyholder_records ADD COLUMN event_payload TEXT;
ALTER TABLE policyholder_records ADD COLUMN event_state_sha256 BLOB;
ALTER TABLE policyholder_records ADD COLUMN event_prev_hash BLOB;
ALTER TABLE policyholder_records ADD COLUMN event_hash BLOB;
ALTER TABLE policyholder_records ADD COLUMN event_version_sha256 BLOB;
ALTER TABLE policyholder_records ADD COLUMN event_audit_id INTEGER;
ALTER TABLE policyholder_records ADD COLUMN event_audit_hash BLOB;
-- The chains' lane of both entries, and which of them the views show: 1 the audit entry, 2 the
-- event. A change made by hand moves an entry to a row of its own (the triggers below).
ALTER TABLE policyholder_records ADD COLUMN entry_lane INTEGER;
ALTER TABLE policyholder_records ADD COLUMN entries_shown INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX policyholder_records_audit_id ON policyholder_records (audit_id) WHERE audit_id IS NOT NULL;
CREATE UNIQUE INDEX policyholder_records_event_id ON policyholder_records (event_id) WHERE event_id IS NOT NULL;
-- audit_history's reads by time and by actor (its own indexes audit_history_changed_at and
-- audit_history_actor serve the rows in audit_rows).
CREATE INDEX policyholder_records_audit_time ON policyholder_records (recorded_at) WHERE audit_id IS NOT NULL;
CREATE INDEX policyholder_records_audit_actor ON policyholder_records (actor) WHERE audit_id IS NOT NULL;

CREATE VIEW audit_history AS
SELECT id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash, actor_verified,
       lane
FROM audit_rows
UNION ALL
SELECT audit_id,
       record_id,
       version,
       operation,
       recorded_at,
       actor,
       audit_old_value,
       CAST(coalesce(audit_new_value, applied_patch) AS TEXT),
       reason,
       CAST(lower(hex(audit_prev_hash)) AS TEXT),
       CAST(lower(hex(audit_hash)) AS TEXT),
       audit_actor_verified,
       entry_lane
FROM policyholder_records
WHERE audit_id IS NOT NULL AND (entries_shown & 1) = 1;

CREATE VIEW event_logs AS
SELECT id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256, audit_id, audit_hash,
       lane
FROM event_rows
UNION ALL
SELECT event_id,
       CAST(CASE operation WHEN 'RESTORE' THEN 'record.restored' ELSE 'record.written' END AS TEXT),
       record_id,
       version,
       recorded_at,
       actor,
       CAST(coalesce(event_payload, '{"state_rule":"field-fold","state_sha256":"' || lower(hex(event_state_sha256))
                                    || '","version_row":true}') AS TEXT),
       CAST(lower(hex(event_prev_hash)) AS TEXT),
       CAST(lower(hex(event_hash)) AS TEXT),
       CAST(lower(hex(event_version_sha256)) AS TEXT),
       event_audit_id,
       CAST(CASE
                WHEN event_audit_hash IS NOT NULL THEN lower(hex(event_audit_hash))
                WHEN event_audit_id = audit_id THEN lower(hex(audit_hash))
            END AS TEXT),
       entry_lane
FROM policyholder_records
WHERE event_id IS NOT NULL AND (entries_shown & 2) = 2;

-- Rows added by hand go where rows of their own are kept.
CREATE TRIGGER audit_history_insert INSTEAD OF INSERT ON audit_history
BEGIN
    INSERT INTO audit_rows (id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash,
                            actor_verified, lane)
    VALUES (NEW.id, NEW.record_id, NEW.version, NEW.event_type, NEW.changed_at, NEW.actor, NEW.old_value, NEW.new_value,
            NEW.reason, NEW.prev_hash, NEW.hash, NEW.actor_verified, coalesce(NEW.lane, 0));
END;

CREATE TRIGGER event_logs_insert INSTEAD OF INSERT ON event_logs
BEGIN
    INSERT INTO event_rows (id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256,
                            audit_id, audit_hash, lane)
    VALUES (NEW.id, NEW.event_type, NEW.record_id, NEW.version, NEW.occurred_at, NEW.actor, NEW.payload, NEW.prev_hash, NEW.hash,
            NEW.version_sha256, NEW.audit_id, NEW.audit_hash, coalesce(NEW.lane, 0));
END;

-- A change made by hand to an entry kept in its version's row moves it to a row of its own first,
-- as it was, so the change touches that entry alone and verification sees exactly what it would
-- have seen in the tables as they were.
CREATE TRIGGER audit_history_update INSTEAD OF UPDATE ON audit_history
BEGIN
    UPDATE audit_rows
    SET id = NEW.id, record_id = NEW.record_id, version = NEW.version, event_type = NEW.event_type, changed_at = NEW.changed_at,
        actor = NEW.actor, old_value = NEW.old_value, new_value = NEW.new_value, reason = NEW.reason, prev_hash = NEW.prev_hash,
        hash = NEW.hash, actor_verified = NEW.actor_verified, lane = NEW.lane
    WHERE id = OLD.id;
    INSERT INTO audit_rows (id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash,
                            actor_verified, lane)
    SELECT NEW.id, NEW.record_id, NEW.version, NEW.event_type, NEW.changed_at, NEW.actor, NEW.old_value, NEW.new_value,
           NEW.reason, NEW.prev_hash, NEW.hash, NEW.actor_verified, NEW.lane
    FROM policyholder_records
    WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
    UPDATE policyholder_records SET entries_shown = entries_shown & ~1 WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
END;

CREATE TRIGGER event_logs_update INSTEAD OF UPDATE ON event_logs
BEGIN
    UPDATE event_rows
    SET id = NEW.id, event_type = NEW.event_type, record_id = NEW.record_id, version = NEW.version,
        occurred_at = NEW.occurred_at, actor = NEW.actor, payload = NEW.payload, prev_hash = NEW.prev_hash, hash = NEW.hash,
        version_sha256 = NEW.version_sha256, audit_id = NEW.audit_id, audit_hash = NEW.audit_hash, lane = NEW.lane
    WHERE id = OLD.id;
    INSERT INTO event_rows (id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256,
                            audit_id, audit_hash, lane)
    SELECT NEW.id, NEW.event_type, NEW.record_id, NEW.version, NEW.occurred_at, NEW.actor, NEW.payload, NEW.prev_hash, NEW.hash,
           NEW.version_sha256, NEW.audit_id, NEW.audit_hash, NEW.lane
    FROM policyholder_records
    WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
    UPDATE policyholder_records SET entries_shown = entries_shown & ~2 WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
END;

CREATE TRIGGER audit_history_delete INSTEAD OF DELETE ON audit_history
BEGIN
    DELETE FROM audit_rows WHERE id = OLD.id;
    UPDATE policyholder_records SET entries_shown = entries_shown & ~1 WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
END;

CREATE TRIGGER event_logs_delete INSTEAD OF DELETE ON event_logs
BEGIN
    DELETE FROM event_rows WHERE id = OLD.id;
    UPDATE policyholder_records SET entries_shown = entries_shown & ~2 WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
END;

-- A version row changed or deleted by hand: its entries move out first, read through the views
-- while the row is still as it was, so they keep what they were written with. (A BEFORE trigger
-- must not change the row it fires for: the update's own trigger below marks them moved.)
CREATE TRIGGER policyholder_records_entries_out_on_update
    BEFORE UPDATE OF record_id, version, operation, recorded_at, actor, reason, applied_patch ON policyholder_records
    WHEN OLD.entries_shown != 0
BEGIN
    INSERT INTO audit_rows (id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash,
                            actor_verified, lane)
    SELECT id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash, actor_verified,
           lane
    FROM audit_history
    WHERE id = OLD.audit_id AND (OLD.entries_shown & 1) = 1;
    INSERT INTO event_rows (id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256,
                            audit_id, audit_hash, lane)
    SELECT id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256, audit_id, audit_hash,
           lane
    FROM event_logs
    WHERE id = OLD.event_id AND (OLD.entries_shown & 2) = 2;
END;

CREATE TRIGGER policyholder_records_entries_moved
    AFTER UPDATE OF record_id, version, operation, recorded_at, actor, reason, applied_patch ON policyholder_records
    WHEN OLD.entries_shown != 0
BEGIN
    UPDATE policyholder_records SET entries_shown = 0 WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER policyholder_records_entries_out_on_delete
    BEFORE DELETE ON policyholder_records
    WHEN OLD.entries_shown != 0
BEGIN
    INSERT INTO audit_rows (id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash,
                            actor_verified, lane)
    SELECT id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash, actor_verified,
           lane
    FROM audit_history
    WHERE id = OLD.audit_id AND (OLD.entries_shown & 1) = 1;
    INSERT INTO event_rows (id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256,
                            audit_id, audit_hash, lane)
    SELECT id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256, audit_id, audit_hash,
           lane
    FROM event_logs
    WHERE id = OLD.event_id AND (OLD.entries_shown & 2) = 2;
END;
