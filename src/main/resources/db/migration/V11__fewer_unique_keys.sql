-- Two unique keys that nothing reads and that cost every write a random index page
-- (docs/decisions/0040):
--
-- audit_history.hash: no query looks an entry up by its hash, and verification already refuses
--   a chain whose links do not hold. Its index was 83 bytes of every version.
-- policyholder_records (record_id, recorded_at): the writer takes a version's transaction time
--   after its predecessor's, and the trigger below now makes the database refuse any other order,
--   as PostgreSQL's has since its V8. Strictly increasing per record is stronger than unique.
--
-- SQLite drops a table's own UNIQUE only by building the table again: each table is copied
-- column for column, rows and ids as they were, and the audit chain's AUTOINCREMENT counter is
-- carried over, since verification reads it to tell entries deleted from the chain's end. No
-- hash changes: nothing a hash covers is touched.

CREATE TEMP TABLE v11_audit_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'audit_history';

CREATE TABLE audit_history_v11 (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id      INTEGER REFERENCES policyholders (id),
    version        INTEGER,
    event_type     TEXT    NOT NULL,
    changed_at     TEXT    NOT NULL,
    actor          INTEGER NOT NULL,
    old_value      TEXT,
    new_value      TEXT,
    reason         TEXT,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    actor_verified INTEGER CHECK (actor_verified IN (0, 1)),
    lane           INTEGER NOT NULL DEFAULT 0 CHECK (lane >= 0)
);

INSERT INTO audit_history_v11 (id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash,
                               hash, actor_verified, lane)
SELECT id, record_id, version, event_type, changed_at, actor, old_value, new_value, reason, prev_hash, hash, actor_verified, lane
FROM audit_history
ORDER BY id;

DROP TABLE audit_history;
ALTER TABLE audit_history_v11 RENAME TO audit_history;

CREATE INDEX audit_history_record ON audit_history (record_id, version);
CREATE INDEX audit_history_changed_at ON audit_history (changed_at);
CREATE INDEX audit_history_actor ON audit_history (actor);

-- The copy sets the counter to the largest id; it was larger when entries were deleted from the end.
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM v11_audit_sequence))
WHERE name = 'audit_history' AND EXISTS (SELECT 1 FROM v11_audit_sequence);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'audit_history', seq FROM v11_audit_sequence
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'audit_history');
DROP TABLE v11_audit_sequence;

CREATE TABLE policyholder_records_v11 (
    record_id          INTEGER NOT NULL REFERENCES policyholders (id),
    version            INTEGER NOT NULL CHECK (version >= 1),
    data               TEXT,
    patch              TEXT    NOT NULL,
    checkpoint_version INTEGER NOT NULL CHECK (checkpoint_version BETWEEN 1 AND version),
    effective_at       TEXT    NOT NULL,
    recorded_at        TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    actor              INTEGER NOT NULL,
    operation          TEXT    NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'RESTORE')),
    reason             TEXT,
    metadata           TEXT    NOT NULL,
    applied_patch      TEXT,
    valid_to           TEXT,
    UNIQUE (record_id, version)
);

INSERT INTO policyholder_records_v11 (record_id, version, data, patch, checkpoint_version, effective_at, recorded_at, updated_at,
                                      actor, operation, reason, metadata, applied_patch, valid_to)
SELECT record_id, version, data, patch, checkpoint_version, effective_at, recorded_at, updated_at, actor, operation, reason,
       metadata, applied_patch, valid_to
FROM policyholder_records
ORDER BY rowid;

DROP TABLE policyholder_records;
ALTER TABLE policyholder_records_v11 RENAME TO policyholder_records;

-- Versions are 1..n with no gap, and recorded_at grows strictly, whoever inserts: UNIQUE
-- (record_id, version) refuses a duplicate, and this trigger a version whose predecessor is
-- missing or was recorded at the same instant or later. It reads the predecessor through the
-- unique key, a page the insert touches anyway.
CREATE TRIGGER policyholder_records_in_order BEFORE INSERT ON policyholder_records
    WHEN NEW.version > 1
BEGIN
    SELECT RAISE(ABORT, 'a version needs its predecessor, recorded before it')
    WHERE NOT EXISTS (SELECT 1
                      FROM policyholder_records
                      WHERE record_id = NEW.record_id
                        AND version = NEW.version - 1
                        AND recorded_at < NEW.recorded_at);
END;
