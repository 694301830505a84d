-- Identity and access (docs/decisions/0018): registered users with roles, bearer tokens
-- (only their SHA-256 is stored), field policies that name personal fields, and the access
-- log of every disclosure of unmasked personal data.

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    -- Comma-separated role keys: auditor, underwriter, operator, admin.
    roles      TEXT    NOT NULL,
    pii        INTEGER NOT NULL DEFAULT 0 CHECK (pii IN (0, 1)),
    os_user    TEXT UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT    NOT NULL,
    created_by INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);

CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE field_policies (
    path          TEXT PRIMARY KEY,
    masking       TEXT    NOT NULL CHECK (masking IN ('partial', 'full', 'hash')),
    visible_chars INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT    NOT NULL,
    updated_by    INTEGER NOT NULL
);

-- record_ids and fields are JSON arrays; access_records lets the log be searched by record.
CREATE TABLE access_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    accessed_at    TEXT    NOT NULL,
    actor          INTEGER NOT NULL,
    actor_verified INTEGER NOT NULL CHECK (actor_verified IN (0, 1)),
    endpoint       TEXT    NOT NULL,
    record_ids     TEXT    NOT NULL,
    fields         TEXT    NOT NULL
);

CREATE INDEX access_log_accessed_at ON access_log (accessed_at);
CREATE INDEX access_log_actor ON access_log (actor, accessed_at);

CREATE TABLE access_records (
    access_id INTEGER NOT NULL REFERENCES access_log (id),
    record_id INTEGER NOT NULL,
    PRIMARY KEY (record_id, access_id)
);

-- Whether an audit entry's actor was verified (1) or only declared (0); NULL on entries
-- written before this column, whose hashes do not cover it.
ALTER TABLE audit_history ADD COLUMN actor_verified INTEGER CHECK (actor_verified IN (0, 1));

-- Whether a snapshot's file has personal fields masked (taken for a caller without the pii
-- grant) or holds them as stored; unmasked files are exported to pii holders only.
ALTER TABLE snapshots ADD COLUMN masked INTEGER NOT NULL DEFAULT 0 CHECK (masked IN (0, 1));
