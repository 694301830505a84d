-- Nothing changes on PostgreSQL. SQLite's V12 keeps the audit entry and the event of a record write
-- in the version's own row, for the size of a single file (docs/decisions/0044); PostgreSQL keeps
-- them as rows of their own in audit_history and event_logs, which other servers' writers extend
-- in their own lanes. The schemas stay numbered alike, so a release reads both at the same version.
SELECT 1;
