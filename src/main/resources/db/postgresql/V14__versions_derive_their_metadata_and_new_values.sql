-- Nothing changes on PostgreSQL, as in V12 and V13: SQLite's V14 keeps once, in a version row,
-- what the row still repeated (docs/decisions/0044). The schemas stay numbered alike.
SELECT 1;
