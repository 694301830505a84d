-- A snapshot is taken "as known at" an instant as well as "as true at" one (SPEC 4.2), and
-- the job needs both to rebuild the same file after a restart. Rows from before this column
-- existed were taken as known at their request: readers treat NULL as requested_at.
ALTER TABLE snapshots ADD COLUMN as_of TEXT;

-- Start-up looks for jobs a crash left unfinished and for expired files to delete.
CREATE INDEX snapshots_status ON snapshots (status, expires_at);
