package io.timetravel.service;

import java.time.Instant;

/**
 * A request to write a past state of a record again, as a new version.
 *
 * @param version the version to restore, or {@code null} to restore the state at an instant
 * @param at      valid time of the state to restore (with {@code version == null})
 * @param asOf    transaction time of that state; {@code null} = as known now
 * @param reason  why; mandatory
 */
public record RestoreCommand(long recordId, Long version, Instant at, Instant asOf, long actor, String reason, String source,
                             boolean actorVerified) {

    /** A restore by a declared (unverified) actor. */
    public RestoreCommand(long recordId, Long version, Instant at, Instant asOf, long actor, String reason, String source) {
        this(recordId, version, at, asOf, actor, reason, source, false);
    }
}
