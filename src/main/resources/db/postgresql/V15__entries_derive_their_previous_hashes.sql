-- Nothing changes on PostgreSQL, as in V12 to V14: in SQLite's V15 an entry kept in a version
-- row reads the hash before it from the entry before it (docs/decisions/0044). The schemas stay
-- numbered alike.
SELECT 1;
