-- The ledger (docs/decisions/0021): event_logs, written for every change whatever the audit
-- switch, becomes a hash chain that commits to everything stored about a change.
--
-- prev_hash, hash: the previous event's hash (64 zeros for the first) and
--   SHA-256(prev_hash || "\n" || the event's canonical content), as in audit_history.
-- version_sha256: for a record event, the SHA-256 of the version row it recorded (every column
--   as stored); NULL for other events.
-- audit_id, audit_hash: the seal of the audit chain. audit_id is the newest audit entry when the
--   event was written (NULL while there is none); audit_hash that entry's hash, only when it is
--   newer than the entry the previous event named (else NULL).
--
-- NULL in prev_hash and hash only between this migration and the next, which chains the events
-- written before it (LedgerBackfill).
ALTER TABLE event_logs ADD COLUMN prev_hash TEXT;
ALTER TABLE event_logs ADD COLUMN hash TEXT;
ALTER TABLE event_logs ADD COLUMN version_sha256 TEXT;
ALTER TABLE event_logs ADD COLUMN audit_id INTEGER;
ALTER TABLE event_logs ADD COLUMN audit_hash TEXT;
