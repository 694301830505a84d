-- An entry kept in a version row names the hash before it by its first four bytes (decision 0044,
-- its fourth step): each of the two chains stored, in every entry, the whole hash of the entry
-- before it, which that entry holds already.
--
-- An entry written from now on keeps in audit_prev_hash or event_prev_hash only the first 4 of
-- the 32 bytes when the entry it follows has the id just before its own, in its lane. The views
-- read the whole hash from that entry when it begins with those bytes. Otherwise (the entry was
-- deleted, or rewritten with another hash) they read the four bytes alone, which match no hash:
-- verification finds the link broken at the same entry, with the same words, as when the whole
-- previous hash was stored. The writer stores the whole hash whenever the entry before is not the
-- id just before (the first entry of a chain; ids a rolled-back write took).
--
-- Rows written before keep their whole previous hashes, and every view reads every column back as
-- it was written, so no hash changes. The two views are made again, with their triggers.

DROP VIEW audit_history;
DROP VIEW event_logs;

CREATE VIEW audit_history AS
SELECT id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash, actor_verified,
       lane
FROM audit_rows
UNION ALL
SELECT v.audit_id,
       v.record_id,
       v.version,
       v.operation,
       v.recorded_at,
       v.actor,
       v.audit_old_value,
       CAST(coalesce(v.audit_new_value,
                     CASE
                         WHEN (v.derived_more & 8) = 8 OR (v.derived & 4) = 4 THEN v.patch
                         WHEN (v.derived_more & 1) = 1 THEN v.data
                         ELSE v.applied_patch
                     END) AS TEXT),
       v.reason,
       CAST(CASE
                WHEN length(v.audit_prev_hash) = 4 THEN
                    coalesce((SELECT r.hash FROM audit_rows r
                              WHERE r.id = v.audit_id - 1 AND r.lane = v.entry_lane
                                AND substr(r.hash, 1, 8) = lower(hex(v.audit_prev_hash))),
                             (SELECT lower(hex(w.audit_hash)) FROM version_rows w
                              WHERE w.audit_id = v.audit_id - 1 AND w.entry_lane = v.entry_lane AND (w.entries_shown & 1) = 1
                                AND substr(w.audit_hash, 1, 4) = v.audit_prev_hash),
                             lower(hex(v.audit_prev_hash)))
                ELSE lower(hex(v.audit_prev_hash))
            END AS TEXT),
       CAST(lower(hex(v.audit_hash)) AS TEXT),
       v.audit_actor_verified,
       v.entry_lane
FROM version_rows v
WHERE v.audit_id IS NOT NULL AND (v.entries_shown & 1) = 1;

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
       CAST(coalesce(v.event_payload, '{"state_rule":"field-fold","state_sha256":"' || lower(hex(v.event_state_sha256))
                                      || '","version_row":true}') AS TEXT),
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
       CAST(lower(hex(v.event_version_sha256)) AS TEXT),
       v.event_audit_id,
       CAST(CASE
                WHEN v.event_audit_hash IS NOT NULL THEN lower(hex(v.event_audit_hash))
                WHEN v.event_audit_id = v.audit_id THEN lower(hex(v.audit_hash))
            END AS TEXT),
       v.entry_lane
FROM version_rows v
WHERE v.event_id IS NOT NULL AND (v.entries_shown & 2) = 2;

-- The triggers of V13 and V14, again with the views.
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
