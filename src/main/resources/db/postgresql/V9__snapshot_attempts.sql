-- How many times a snapshot's job has been started: as on SQLite (db/migration/V9).
ALTER TABLE snapshots ADD COLUMN attempts bigint NOT NULL DEFAULT 0 CHECK (attempts >= 0);
