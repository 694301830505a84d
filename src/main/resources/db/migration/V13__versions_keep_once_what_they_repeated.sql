-- A version row keeps once what it repeated (decision 0044, second step, its first part): the
-- time it was recorded stood three times (recorded_at, updated_at, and effective_at unless the
-- version was back-dated), and the patch of a small version up to three times (patch,
-- applied_patch, and data when it replaced the whole state).
--
-- policyholder_records becomes a view with its columns and text as they were, over the table as
-- it was, renamed version_rows. A version written from now on may keep such a column empty and
-- say in `derived` what it is: 1 effective_at is recorded_at, 2 updated_at is recorded_at,
-- 4 applied_patch is patch, 8 data is patch. The rows written before keep every column (derived
-- 0), and no hash changes: the ledger commits to a version row as the view reads it.
--
-- The views of V12 read the version's columns, so they are made again over version_rows, with
-- the applied patch as derived; their triggers, and those of the version rows, with them.

DROP TRIGGER policyholder_records_entries_out_on_update;
DROP TRIGGER policyholder_records_entries_moved;
DROP TRIGGER policyholder_records_entries_out_on_delete;
DROP VIEW audit_history;
DROP VIEW event_logs;

ALTER TABLE policyholder_records RENAME TO version_rows;
ALTER TABLE version_rows ADD COLUMN derived INTEGER NOT NULL DEFAULT 0 CHECK (derived BETWEEN 0 AND 15);

CREATE VIEW policyholder_records AS
SELECT record_id,
       version,
       CASE WHEN (derived & 8) = 8 THEN patch ELSE data END AS data,
       patch,
       checkpoint_version,
       CASE WHEN (derived & 1) = 1 THEN recorded_at ELSE effective_at END AS effective_at,
       recorded_at,
       CASE WHEN (derived & 2) = 2 THEN recorded_at ELSE updated_at END AS updated_at,
       actor,
       operation,
       reason,
       metadata,
       CASE WHEN (derived & 4) = 4 THEN patch ELSE applied_patch END AS applied_patch,
       valid_to
FROM version_rows;

-- The view reads, inserts, updates and deletes as the table did. A change by hand stores every
-- column as given; version_rows' own triggers move the row's entries out first.
CREATE TRIGGER policyholder_records_insert INSTEAD OF INSERT ON policyholder_records
BEGIN
    INSERT INTO version_rows (record_id, version, data, patch, checkpoint_version, effective_at, recorded_at, updated_at, actor,
                              operation, reason, metadata, applied_patch, valid_to)
    VALUES (NEW.record_id, NEW.version, NEW.data, NEW.patch, NEW.checkpoint_version, NEW.effective_at, NEW.recorded_at,
            NEW.updated_at, NEW.actor, NEW.operation, NEW.reason, NEW.metadata, NEW.applied_patch, NEW.valid_to);
END;

CREATE TRIGGER policyholder_records_update INSTEAD OF UPDATE ON policyholder_records
BEGIN
    UPDATE version_rows
    SET record_id = NEW.record_id, version = NEW.version, data = NEW.data, patch = NEW.patch,
        checkpoint_version = NEW.checkpoint_version, effective_at = NEW.effective_at, recorded_at = NEW.recorded_at,
        updated_at = NEW.updated_at, actor = NEW.actor, operation = NEW.operation, reason = NEW.reason,
        metadata = NEW.metadata, applied_patch = NEW.applied_patch, valid_to = NEW.valid_to, derived = 0
    WHERE record_id = OLD.record_id AND version = OLD.version;
END;

CREATE TRIGGER policyholder_records_delete INSTEAD OF DELETE ON policyholder_records
BEGIN
    DELETE FROM version_rows WHERE record_id = OLD.record_id AND version = OLD.version;
END;


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
       CAST(coalesce(audit_new_value, CASE WHEN (derived & 4) = 4 THEN patch ELSE applied_patch END) AS TEXT),
       reason,
       CAST(lower(hex(audit_prev_hash)) AS TEXT),
       CAST(lower(hex(audit_hash)) AS TEXT),
       audit_actor_verified,
       entry_lane
FROM version_rows
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
FROM version_rows
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
    FROM version_rows
    WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
    UPDATE version_rows SET entries_shown = entries_shown & ~1 WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
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
    FROM version_rows
    WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
    UPDATE version_rows SET entries_shown = entries_shown & ~2 WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
END;

CREATE TRIGGER audit_history_delete INSTEAD OF DELETE ON audit_history
BEGIN
    DELETE FROM audit_rows WHERE id = OLD.id;
    UPDATE version_rows SET entries_shown = entries_shown & ~1 WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
END;

CREATE TRIGGER event_logs_delete INSTEAD OF DELETE ON event_logs
BEGIN
    DELETE FROM event_rows WHERE id = OLD.id;
    UPDATE version_rows SET entries_shown = entries_shown & ~2 WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
END;

-- A version row changed or deleted by hand: its entries move out first, read through the views
-- while the row is still as it was, so they keep what they were written with (as in V12).
CREATE TRIGGER version_rows_entries_out_on_update
    BEFORE UPDATE OF record_id, version, operation, recorded_at, actor, reason, applied_patch, patch, derived ON version_rows
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

CREATE TRIGGER version_rows_entries_moved
    AFTER UPDATE OF record_id, version, operation, recorded_at, actor, reason, applied_patch, patch, derived ON version_rows
    WHEN OLD.entries_shown != 0
BEGIN
    UPDATE version_rows SET entries_shown = 0 WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER version_rows_entries_out_on_delete
    BEFORE DELETE ON version_rows
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
