-- Two unique keys that nothing reads, as on SQLite (db/migration/V11, docs/decisions/0040): the
-- hash of an audit entry, and (record_id, recorded_at), which V8's trigger already makes strictly
-- increasing per record. Each cost every write an index entry.
ALTER TABLE audit_history DROP CONSTRAINT audit_history_hash_key;
ALTER TABLE policyholder_records DROP CONSTRAINT policyholder_records_record_id_recorded_at_key;
