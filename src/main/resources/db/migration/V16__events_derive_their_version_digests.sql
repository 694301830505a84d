-- A record event kept in its version row stores neither the hash of that row nor the hash of the
-- record's state, and no index orders the kept audit entries by time (decision 0048, the last
-- steps of decision 0044). Each is a copy, in another form, of what the version row holds.
--
-- 1. version_sha256: an event kept in its version row and written from now on leaves
--    event_version_sha256 empty. Its value is the SHA-256 of the row's canonical text, which SQL
--    cannot compute: event_logs shows it empty, and the code computes it where it needs it
--    (verify, migrate). So that a change by hand cannot alter what the event recorded, the row as
--    the views read it is first kept in version_rows_as_written, by the triggers below, before
--    any change to its columns or its removal; verify computes the recorded hash from that copy.
-- 2. The state's hash: a record event written from now on stores the payload
--    {"state_rule":"field-fold","version_row":true}. The ledger commits to the state through the
--    version row (its patch, and its whole state at every checkpoint); the API computes the
--    state's hash from the record's timeline, as it computes the rest of the payload.
-- 3. The index on recorded_at for the kept audit entries goes: the writer hands out transaction
--    times that strictly increase with the entries' ids, so reads by time find their range of ids
--    through the index on audit_id (SqlAuditLog). Entries in audit_rows keep their own index.
--
-- Rows written before keep every column and read back as they were, so no hash changes.

DROP INDEX policyholder_records_audit_time;

-- A version row as policyholder_records showed it when a change by hand first touched it, for an
-- event kept in the row whose version_sha256 the code computes. Written only by the triggers.
CREATE TABLE version_rows_as_written (
    event_id           INTEGER PRIMARY KEY,
    record_id          INTEGER NOT NULL,
    version            INTEGER NOT NULL,
    data               TEXT,
    patch              TEXT,
    checkpoint_version INTEGER,
    effective_at       TEXT,
    recorded_at        TEXT,
    updated_at         TEXT,
    actor              INTEGER,
    operation          TEXT,
    reason             TEXT,
    metadata           TEXT,
    applied_patch      TEXT,
    valid_to           TEXT
);

CREATE TRIGGER version_rows_as_written_on_update
    BEFORE UPDATE OF record_id, version, data, patch, checkpoint_version, effective_at, recorded_at, updated_at, actor, operation,
        reason, metadata, applied_patch, valid_to, derived, derived_more
    ON version_rows
    WHEN OLD.event_version_sha256 IS NULL AND (OLD.entries_shown & 2) = 2
BEGIN
    INSERT OR IGNORE INTO version_rows_as_written (event_id, record_id, version, data, patch, checkpoint_version, effective_at,
                                                   recorded_at, updated_at, actor, operation, reason, metadata, applied_patch,
                                                   valid_to)
    SELECT OLD.event_id, record_id, version, data, patch, checkpoint_version, effective_at, recorded_at, updated_at, actor,
           operation, reason, metadata, applied_patch, valid_to
    FROM policyholder_records
    WHERE record_id = OLD.record_id AND version = OLD.version;
END;

CREATE TRIGGER version_rows_as_written_on_delete
    BEFORE DELETE ON version_rows
    WHEN OLD.event_version_sha256 IS NULL AND (OLD.entries_shown & 2) = 2
BEGIN
    INSERT OR IGNORE INTO version_rows_as_written (event_id, record_id, version, data, patch, checkpoint_version, effective_at,
                                                   recorded_at, updated_at, actor, operation, reason, metadata, applied_patch,
                                                   valid_to)
    SELECT OLD.event_id, record_id, version, data, patch, checkpoint_version, effective_at, recorded_at, updated_at, actor,
           operation, reason, metadata, applied_patch, valid_to
    FROM policyholder_records
    WHERE record_id = OLD.record_id AND version = OLD.version;
END;

DROP VIEW event_logs;

CREATE VIEW event_logs AS
SELECT id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256, audit_id, audit_hash,
       lane
FROM event_rows
UNION ALL
SELECT v.event_id,
       CAST(CASE v.operation WHEN 'RESTORE' THEN 'record.restored' ELSE 'record.written' END AS TEXT),
       v.record_id,
       v.version,
       v.recorded_at,
       v.actor,
       CAST(CASE
                WHEN v.event_payload IS NOT NULL THEN v.event_payload
                WHEN v.event_state_sha256 IS NULL THEN '{"state_rule":"field-fold","version_row":true}'
                ELSE '{"state_rule":"field-fold","state_sha256":"' || lower(hex(v.event_state_sha256)) || '","version_row":true}'
            END AS TEXT),
       CAST(CASE
                WHEN length(v.event_prev_hash) = 4 THEN
                    coalesce((SELECT r.hash FROM event_rows r
                              WHERE r.id = v.event_id - 1 AND r.lane = v.entry_lane
                                AND substr(r.hash, 1, 8) = lower(hex(v.event_prev_hash))),
                             (SELECT lower(hex(w.event_hash)) FROM version_rows w
                              WHERE w.event_id = v.event_id - 1 AND w.entry_lane = v.entry_lane AND (w.entries_shown & 2) = 2
                                AND substr(w.event_hash, 1, 4) = v.event_prev_hash),
                             lower(hex(v.event_prev_hash)))
                ELSE lower(hex(v.event_prev_hash))
            END AS TEXT),
       CAST(lower(hex(v.event_hash)) AS TEXT),
       -- Empty when computed: hex() would read NULL as ''.
       CAST(CASE WHEN v.event_version_sha256 IS NOT NULL THEN lower(hex(v.event_version_sha256)) END AS TEXT),
       v.event_audit_id,
       CAST(CASE
                WHEN v.event_audit_hash IS NOT NULL THEN lower(hex(v.event_audit_hash))
                WHEN v.event_audit_id = v.audit_id THEN lower(hex(v.audit_hash))
            END AS TEXT),
       v.entry_lane
FROM version_rows v
WHERE v.event_id IS NOT NULL AND (v.entries_shown & 2) = 2;

-- The triggers of V15, again with the view; an event moved out of its row by an update keeps the
-- row as written when its version_sha256 is computed.
CREATE TRIGGER event_logs_insert INSTEAD OF INSERT ON event_logs
BEGIN
    INSERT INTO event_rows (id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256,
                            audit_id, audit_hash, lane)
    VALUES (NEW.id, NEW.event_type, NEW.record_id, NEW.version, NEW.occurred_at, NEW.actor, NEW.payload, NEW.prev_hash, NEW.hash,
            NEW.version_sha256, NEW.audit_id, NEW.audit_hash, coalesce(NEW.lane, 0));
END;

CREATE TRIGGER event_logs_update INSTEAD OF UPDATE ON event_logs
BEGIN
    UPDATE event_rows
    SET id = NEW.id, event_type = NEW.event_type, record_id = NEW.record_id, version = NEW.version,
        occurred_at = NEW.occurred_at, actor = NEW.actor, payload = NEW.payload, prev_hash = NEW.prev_hash, hash = NEW.hash,
        version_sha256 = NEW.version_sha256, audit_id = NEW.audit_id, audit_hash = NEW.audit_hash, lane = NEW.lane
    WHERE id = OLD.id;
    INSERT OR IGNORE INTO version_rows_as_written (event_id, record_id, version, data, patch, checkpoint_version, effective_at,
                                                   recorded_at, updated_at, actor, operation, reason, metadata, applied_patch,
                                                   valid_to)
    SELECT v.event_id, p.record_id, p.version, p.data, p.patch, p.checkpoint_version, p.effective_at, p.recorded_at, p.updated_at,
           p.actor, p.operation, p.reason, p.metadata, p.applied_patch, p.valid_to
    FROM version_rows v
    JOIN policyholder_records p ON p.record_id = v.record_id AND p.version = v.version
    WHERE v.event_id = OLD.id AND (v.entries_shown & 2) = 2 AND v.event_version_sha256 IS NULL;
    INSERT INTO event_rows (id, event_type, record_id, version, occurred_at, actor, payload, prev_hash, hash, version_sha256,
                            audit_id, audit_hash, lane)
    SELECT NEW.id, NEW.event_type, NEW.record_id, NEW.version, NEW.occurred_at, NEW.actor, NEW.payload, NEW.prev_hash, NEW.hash,
           NEW.version_sha256, NEW.audit_id, NEW.audit_hash, NEW.lane
    FROM version_rows
    WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
    UPDATE version_rows SET entries_shown = entries_shown & ~2 WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
END;

CREATE TRIGGER event_logs_delete INSTEAD OF DELETE ON event_logs
BEGIN
    DELETE FROM event_rows WHERE id = OLD.id;
    UPDATE version_rows SET entries_shown = entries_shown & ~2 WHERE event_id = OLD.id AND (entries_shown & 2) = 2;
END;
