package io.timetravel.domain;

import java.time.Instant;

/** A version's facts without its data, as listed on a record's timeline. */
public record VersionInfo(
        long recordId,
        long version,
        Instant effectiveAt,
        Instant recordedAt,
        long actor,
        Operation operation,
        String reason) {
}
