package io.timetravel.domain;

/** What kind of change made a version. */
public enum Operation {
    /** The record's first version. */
    CREATE,
    /** A merge patch applied to the record. */
    UPDATE,
    /** A past state written again as a new version. */
    RESTORE
}
