-- Premium decisions and recalculations (docs/architecture.md, "Premiums"; decision 0037).
--
-- A decision is a premium.decided event in event_logs: its id is the event's and its payload the
-- whole decision, so the ledger's hash chain covers it. This table only indexes those events by
-- record, engine and time; nothing here is evidence.
CREATE TABLE premium_decisions (
    id             INTEGER PRIMARY KEY REFERENCES event_logs (id),
    record_id      INTEGER NOT NULL REFERENCES policyholders (id),
    engine         TEXT    NOT NULL,
    engine_version INTEGER NOT NULL CHECK (engine_version >= 1),
    decided_at     TEXT    NOT NULL
);

CREATE INDEX premium_decisions_record ON premium_decisions (record_id, id);
CREATE INDEX premium_decisions_engine ON premium_decisions (engine, id);

-- A recalculation job: every record priced at valid_at as known at known_at by each engine
-- (labels such as classic@1, comma-separated, the first the base of the comparisons).
CREATE TABLE recalculations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    valid_at          TEXT    NOT NULL,
    known_at          TEXT    NOT NULL,
    engines           TEXT    NOT NULL,
    threshold_percent TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    requested_by      INTEGER NOT NULL,
    requested_at      TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('in_progress', 'completed', 'cancelled', 'failed')),
    processed         INTEGER NOT NULL DEFAULT 0 CHECK (processed >= 0),
    total             INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
    result            TEXT,
    error             TEXT,
    finished_at       TEXT
);

-- The new risk engine's rollout, where the original plan started it: 10% of users, sticky.
INSERT INTO feature_flags (flag_key, enabled, rollout_percentage, regions, description, updated_at, updated_by)
VALUES ('new_risk_engine', 1, 10, '', 'Quote premiums with the risk-v2 engine instead of classic',
        '2026-11-30T00:00:00.000000Z', NULL);
