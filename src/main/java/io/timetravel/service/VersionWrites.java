package io.timetravel.service;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * The record versions a unit of work reads and appends inside the writer's transaction, and the
 * transaction time they are recorded at. Reads see the work's own writes and those of earlier
 * work in the same batch.
 */
public interface VersionWrites {

    /**
     * This work's transaction time: strictly later than every instant handed out before, so
     * {@code recorded_at} strictly increases per record (and across records).
     */
    Instant recordedAt();

    /**
     * For replaying history (rebuild, sample data), never for client requests: makes this
     * work's transaction time {@code requested}, or the first instant after the last one handed
     * out if that is later. Must come before the first call of {@link #recordedAt()}.
     */
    Instant recordAt(Instant requested);

    /** The record's versions, including those this batch wrote; empty when it does not exist. */
    Optional<RecordTimeline> timeline(long recordId);

    /**
     * Appends the record's next version (creating the policyholder on the first), recorded at
     * {@link #recordedAt()}. Answers it with the state the store answers right after it, valid
     * and known now.
     */
    RecordVersion appendVersion(NewVersion version);

    /**
     * The content of a version to append.
     *
     * @param patch   the merge patch it applies over its valid period
     * @param validTo the end of its valid period, {@code null} when open-ended
     */
    record NewVersion(
            long recordId,
            JsonObject patch,
            Instant effectiveAt,
            Instant validTo,
            long actor,
            Operation operation,
            String reason,
            JsonObject metadata) {
    }
}
