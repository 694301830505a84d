package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;

/**
 * One entry of the event log: an action with everything needed to replay it.
 *
 * @param id the event id; strictly increasing, the position to resume a stream from
 */
public record EventLogEntry(
        long id, String eventType, Long recordId, Long version, Instant occurredAt, Long actor, JsonObject payload) {
}
