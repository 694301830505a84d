-- Nothing changes on PostgreSQL, as in V12: SQLite's V13 keeps once, in a version row, what the
-- row repeated (docs/decisions/0044). The schemas stay numbered alike.
SELECT 1;
