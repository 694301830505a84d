package io.timetravel.domain;

import java.time.Instant;

/**
 * A version's facts without its data, as listed on a record's timeline.
 *
 * @param effectiveAt valid time: when the version's change became true
 * @param validTo     valid time: when it stops being true, or {@code null} when it does not end
 * @param recordedAt  transaction time: when the store learned it
 */
public record VersionInfo(
        long recordId,
        long version,
        Instant effectiveAt,
        Instant validTo,
        Instant recordedAt,
        long actor,
        Operation operation,
        String reason) {

    /**
     * These facts with one instant for both times when the version took effect when it was
     * recorded (most do): a timeline keeps many versions' facts at once.
     */
    VersionInfo sharingInstants() {
        return effectiveAt != recordedAt && effectiveAt != null && effectiveAt.equals(recordedAt)
                ? new VersionInfo(recordId, version, recordedAt, validTo, recordedAt, actor, operation, reason)
                : this;
    }
}
