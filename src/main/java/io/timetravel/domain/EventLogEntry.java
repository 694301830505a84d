package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;

/**
 * One entry of the event log: an action with everything needed to replay it.
 *
 * @param id       the event id: what a stream sends as an event's id, and a client resumes from
 * @param position the event's place in the order streams deliver events: its id on SQLite; on
 *                 PostgreSQL, where several servers commit ids out of order, a number that follows
 *                 commit order (docs/decisions/0029)
 */
public record EventLogEntry(
        long id, String eventType, Long recordId, Long version, Instant occurredAt, Long actor, JsonObject payload,
        long position) {

    /** An entry whose position is its id (one writer: ids are handed out in commit order). */
    public EventLogEntry(long id, String eventType, Long recordId, Long version, Instant occurredAt, Long actor,
                         JsonObject payload) {
        this(id, eventType, recordId, version, occurredAt, actor, payload, id);
    }
}
