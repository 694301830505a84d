package io.timetravel.storage;

/** One row of {@code policyholder_records} as the read path needs it. */
record VersionRow(
        long version,
        String data,
        String patch,
        String effectiveAt,
        String recordedAt,
        long actor,
        String operation,
        String reason) {
}
