-- Nothing changes in PostgreSQL's tables: in SQLite's V16 an event kept in its version row leaves
-- its version_sha256 to be computed and the kept audit entries lose their index by time
-- (docs/decisions/0048). New record events store no state hash on either engine, which needs no
-- change of schema. The schemas stay numbered alike.
SELECT 1;
