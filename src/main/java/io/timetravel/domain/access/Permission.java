package io.timetravel.domain.access;

/** What a request or a workbench action needs the caller to be allowed to do. */
public enum Permission {
    /** Records, versions, history, diff, replay, live events, flags and the audit trail, read only. */
    READ,
    /** Writing records and restoring past states. */
    WRITE,
    /** Taking snapshots and downloading their exports. */
    SNAPSHOTS,
    /** Changing feature flags. */
    CHANGE_FLAGS,
    /** The Prometheus page. */
    METRICS,
    /** The access log: who saw which personal data. */
    ACCESS_LOG,
    /** Users, tokens and field policies. */
    ADMINISTER
}
