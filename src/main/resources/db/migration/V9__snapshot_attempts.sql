-- How many times a snapshot's job has been started (docs/architecture.md, "Snapshots"). The job
-- adds one in its own transaction before it writes anything, so a start the process did not
-- survive counts too; a snapshot still unfinished after SnapshotService.MAX_ATTEMPTS starts is
-- marked failed with its reason instead of being run again at every start. Rows from before this
-- column count 0.
ALTER TABLE snapshots ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
