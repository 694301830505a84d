package io.timetravel.service;

import java.time.Instant;

/**
 * A request for a snapshot.
 *
 * @param at     the instant whose states to take (valid time); required
 * @param asOf   as known at this instant (transaction time); {@code null} = when the request is recorded
 * @param reason why; required
 * @param actor  who asks
 * @param masked whether the file masks personal fields (the caller may not see them unmasked)
 */
public record SnapshotRequest(Instant at, Instant asOf, String reason, long actor, boolean masked) {

    /** A request for a file with personal fields as stored. */
    public SnapshotRequest(Instant at, Instant asOf, String reason, long actor) {
        this(at, asOf, reason, actor, false);
    }
}
