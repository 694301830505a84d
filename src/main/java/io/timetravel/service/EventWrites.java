package io.timetravel.service;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;

/** Appends to the event log (and so to the ledger) inside the writer's transaction. */
public interface EventWrites {

    /** Appends to the event log; returns the event id. */
    long appendEvent(EventDraft event);

    /**
     * An event-log entry before the store numbers it: {@code payload} is what its listeners get,
     * {@code stored} what the event log keeps (a record event's version row holds the rest,
     * docs/decisions/0035).
     */
    record EventDraft(String eventType, Long recordId, Long version, Instant occurredAt, Long actor, JsonObject payload,
                      JsonObject stored) {

        /** An event stored as it is delivered. */
        public EventDraft(String eventType, Long recordId, Long version, Instant occurredAt, Long actor, JsonObject payload) {
            this(eventType, recordId, version, occurredAt, actor, payload, payload);
        }
    }
}
