-- Chain lanes (docs/decisions/0029). Each writer extends the audit chain and the ledger in its
-- own lane: prev_hash links an entry to the previous entry of the same lane, and verification
-- walks each lane on its own. A SQLite database has one writer, so every entry is in lane 0 and
-- the chains, their hashes and the digests are exactly what they were before this column.
-- Several servers sharing one PostgreSQL database each claim a lane, so that no server waits for
-- another to extend a chain.
ALTER TABLE audit_history ADD COLUMN lane INTEGER NOT NULL DEFAULT 0 CHECK (lane >= 0);
ALTER TABLE event_logs ADD COLUMN lane INTEGER NOT NULL DEFAULT 0 CHECK (lane >= 0);
