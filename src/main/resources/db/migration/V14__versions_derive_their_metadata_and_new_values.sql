-- A version row keeps once what it still repeated (decision 0044, its third step): a small
-- version's applied patch repeated its state (data) when the patch set every field; its
-- metadata, the same forty characters on almost every version, repeated the source of the write
-- and whether the actor was verified; and its audit entry's new value repeated the patch (the
-- fields the write changed) when it was not the applied patch.
--
-- A version written from now on may keep them once and say so in `derived_more`:
-- 1 applied_patch is data; 2 metadata is {"actor_verified":true,"source":"<metadata>"};
-- 4 metadata is {"actor_verified":false,"source":"<metadata>"} (the column then keeps the source
-- alone); 8 the audit entry's new value is patch. Rows written before keep derived_more 0, and
-- every view reads every column back as it was written, so no hash changes.
--
-- policyholder_records and audit_history read the new column, so they are made again (with their
-- triggers), and version_rows' update triggers watch it too.

DROP TRIGGER version_rows_entries_out_on_update;
DROP TRIGGER version_rows_entries_moved;
DROP VIEW policyholder_records;
DROP VIEW audit_history;

ALTER TABLE version_rows ADD COLUMN derived_more INTEGER NOT NULL DEFAULT 0 CHECK (derived_more BETWEEN 0 AND 15);

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
       CASE
           WHEN (derived_more & 2) = 2 THEN '{"actor_verified":true,"source":"' || metadata || '"}'
           WHEN (derived_more & 4) = 4 THEN '{"actor_verified":false,"source":"' || metadata || '"}'
           ELSE metadata
       END AS metadata,
       CASE
           WHEN (derived & 4) = 4 THEN patch
           WHEN (derived_more & 1) = 1 THEN data
           ELSE applied_patch
       END AS applied_patch,
       valid_to
FROM version_rows;

-- As in V13: the view reads, inserts, updates and deletes as the table did, and a change by hand
-- stores every column as given.
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
        metadata = NEW.metadata, applied_patch = NEW.applied_patch, valid_to = NEW.valid_to, derived = 0, derived_more = 0
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
       CAST(coalesce(audit_new_value,
                     CASE
                         WHEN (derived_more & 8) = 8 OR (derived & 4) = 4 THEN patch
                         WHEN (derived_more & 1) = 1 THEN data
                         ELSE applied_patch
                     END) AS TEXT),
       reason,
       CAST(lower(hex(audit_prev_hash)) AS TEXT),
       CAST(lower(hex(audit_hash)) AS TEXT),
       audit_actor_verified,
       entry_lane
FROM version_rows
WHERE audit_id IS NOT NULL AND (entries_shown & 1) = 1;

-- The triggers of V13, again with the view.
CREATE TRIGGER audit_history_insert INSTEAD OF INSERT ON audit_history
BEGIN
    INSERT INTO audit_rows (id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash,
                            actor_verified, lane)
    VALUES (NEW.id, NEW.record_id, NEW.version, NEW.event_type, NEW.changed_at, NEW.actor, NEW.old_value, NEW.new_value,
            NEW.reason, NEW.prev_hash, NEW.hash, NEW.actor_verified, coalesce(NEW.lane, 0));
END;

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

CREATE TRIGGER audit_history_delete INSTEAD OF DELETE ON audit_history
BEGIN
    DELETE FROM audit_rows WHERE id = OLD.id;
    UPDATE version_rows SET entries_shown = entries_shown & ~1 WHERE audit_id = OLD.id AND (entries_shown & 1) = 1;
END;

-- A change by hand to what the entries read moves them out first, as in V13; derived_more is
-- among what they read.
CREATE TRIGGER version_rows_entries_out_on_update
    BEFORE UPDATE OF record_id, version, operation, recorded_at, actor, reason, applied_patch, patch, data, derived, derived_more
    ON version_rows
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
    AFTER UPDATE OF record_id, version, operation, recorded_at, actor, reason, applied_patch, patch, data, derived, derived_more
    ON version_rows
    WHEN OLD.entries_shown != 0
BEGIN
    UPDATE version_rows SET entries_shown = 0 WHERE rowid = NEW.rowid;
END;
