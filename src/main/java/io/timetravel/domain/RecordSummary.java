package io.timetravel.domain;

import java.time.Instant;

/**
 * A line of the record list: who the record is about and how much history it has.
 *
 * @param name      the policyholder's name from the current data, or {@code null}
 * @param region    the policyholder's region from the current data, or {@code null}
 * @param versions  the number of versions
 * @param updatedAt when the last version was recorded
 */
public record RecordSummary(
        long id, String name, String region, long versions, Instant createdAt, Instant updatedAt, long updatedBy) {
}
