package io.timetravel.domain;

import java.util.Locale;

/** Where a snapshot job stands; stored as the lower-case name. */
public enum SnapshotStatus {
    /** Requested; the file is being written (or will be again after a restart). */
    IN_PROGRESS,
    /** The sealed file is written and its digest recorded. */
    COMPLETED,
    /** The job stopped with an error; there is no file. */
    FAILED;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotStatus fromText(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
