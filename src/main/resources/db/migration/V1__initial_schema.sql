-- Timetravel's versioned record store. Table and column names are part of the product
-- contract (SPEC section 3): operators query them by hand, so do not rename them.
--
-- Instants are stored as TEXT in one fixed-width UTC form with microseconds,
-- e.g. 2026-05-01T12:00:00.000000Z, so that text order is time order, indexes work,
-- and operators can read them. No DEFAULT may use strftime()/datetime(): jOOQ's
-- SQLite reader would silently lose the unique keys.

-- One row per policyholder (a record's identity). The last four columns summarise the
-- record's newest version so that listings need no aggregate over all versions.
CREATE TABLE policyholders (
    id             INTEGER PRIMARY KEY,
    created_at     TEXT    NOT NULL,
    created_by     INTEGER NOT NULL,
    region         TEXT,
    name           TEXT,
    latest_version INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL,
    updated_by     INTEGER NOT NULL
);

CREATE INDEX policyholders_region ON policyholders (region);
CREATE INDEX policyholders_updated_at ON policyholders (updated_at);

-- One row per version. A version's state is stored as a merge patch (`patch`) against the
-- previous version's state; every so often a version also stores its full state (`data`,
-- a checkpoint). `checkpoint_version` names the checkpoint a version is rebuilt from, so a
-- read touches at most the rows between the two (see docs/decisions/0003).
CREATE TABLE policyholder_records (
    record_id          INTEGER NOT NULL REFERENCES policyholders (id),
    version            INTEGER NOT NULL CHECK (version >= 1),
    data               TEXT,
    patch              TEXT    NOT NULL,
    checkpoint_version INTEGER NOT NULL CHECK (checkpoint_version BETWEEN 1 AND version),
    effective_at       TEXT    NOT NULL,
    recorded_at        TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    actor              INTEGER NOT NULL,
    operation          TEXT    NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'RESTORE')),
    reason             TEXT,
    metadata           TEXT    NOT NULL,
    UNIQUE (record_id, version),
    UNIQUE (record_id, recorded_at)
);

-- "What was true at T1 as known at T2": seek by (record, effective_at) backwards, skipping
-- versions recorded after T2. Covering, so the seek never touches the table rows.
CREATE INDEX policyholder_records_valid_time
    ON policyholder_records (record_id, effective_at, recorded_at, version, checkpoint_version);

-- One row per change, chained by SHA-256: each hash covers prev_hash and the entry's content.
CREATE TABLE audit_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id  INTEGER REFERENCES policyholders (id),
    version    INTEGER,
    event_type TEXT    NOT NULL,
    changed_at TEXT    NOT NULL,
    actor      INTEGER NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    reason     TEXT,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL UNIQUE
);

CREATE INDEX audit_history_record ON audit_history (record_id, version);
CREATE INDEX audit_history_changed_at ON audit_history (changed_at);
CREATE INDEX audit_history_actor ON audit_history (actor);

-- Every action, with the payload needed to replay it (integration and rebuild).
CREATE TABLE event_logs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_type  TEXT    NOT NULL,
    record_id   INTEGER,
    version     INTEGER,
    occurred_at TEXT    NOT NULL,
    actor       INTEGER,
    payload     TEXT    NOT NULL
);

CREATE INDEX event_logs_record ON event_logs (record_id, version);

-- Periodic copies of the in-memory metric counters.
CREATE TABLE observability_metrics (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    captured_at TEXT NOT NULL,
    metric_name TEXT NOT NULL,
    labels      TEXT NOT NULL,
    value       REAL NOT NULL
);

CREATE INDEX observability_metrics_captured_at ON observability_metrics (captured_at);

-- Rollout controls. `regions` is a comma-separated list of region codes; empty = everywhere.
CREATE TABLE feature_flags (
    flag_key           TEXT PRIMARY KEY,
    enabled            INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    rollout_percentage INTEGER NOT NULL DEFAULT 100 CHECK (rollout_percentage BETWEEN 0 AND 100),
    regions            TEXT    NOT NULL DEFAULT '',
    description        TEXT    NOT NULL DEFAULT '',
    updated_at         TEXT    NOT NULL,
    updated_by         INTEGER
);

INSERT INTO feature_flags (flag_key, enabled, rollout_percentage, regions, description, updated_at, updated_by)
VALUES ('enable_v2_api', 1, 100, '', 'Serve the versioned v2 API under /api/v2', '2026-02-16T00:00:00.000000Z', NULL),
       ('enable_audit_logging', 1, 100, '', 'Write an audit_history entry for every change', '2026-02-16T00:00:00.000000Z', NULL),
       ('enable_metrics', 1, 100, '', 'Copy metric counters to observability_metrics', '2026-02-16T00:00:00.000000Z', NULL);

-- Snapshot jobs and their sealed output.
CREATE TABLE snapshots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    requested_by INTEGER NOT NULL,
    requested_at TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),
    record_count INTEGER NOT NULL DEFAULT 0,
    byte_size    INTEGER,
    sha256       TEXT,
    file_path    TEXT,
    completed_at TEXT,
    expires_at   TEXT    NOT NULL,
    error        TEXT
);
