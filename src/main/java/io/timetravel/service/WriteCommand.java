package io.timetravel.service;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to change a record by a merge patch.
 *
 * @param effectiveAt when the change became true; {@code null} = when it is recorded
 * @param validTo     when it stops being true; {@code null} = it does not end
 * @param reason      why, or {@code null}
 * @param source      where the write came from ("v1", "v2", "desktop", ...), kept in the version's metadata
 * @param region      the caller's region when it said one, else {@code null}
 * @param actorVerified whether the actor's identity was proven (a token, an OS-mapped workbench user)
 */
public record WriteCommand(
        long recordId, JsonObject patch, Instant effectiveAt, Instant validTo, long actor, String reason, String source,
        String region, boolean actorVerified) {

    /** An open-ended write by a declared (unverified) actor. */
    public WriteCommand(long recordId, JsonObject patch, Instant effectiveAt, long actor, String reason, String source,
                        String region) {
        this(recordId, patch, effectiveAt, null, actor, reason, source, region, false);
    }

    public WriteCommand {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(source, "source");
    }
}
