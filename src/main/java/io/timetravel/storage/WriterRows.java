package io.timetravel.storage;

import io.timetravel.service.EventWrites;
import io.timetravel.service.VersionWrites;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * What the row sessions of the job and decision stores share: the writer's session for one unit
 * of work, its jOOQ context on the writer's connection, the unit's transaction time, and the event
 * log.
 */
abstract class WriterRows {

    final WriterSession session;
    final DSLContext dsl;

    WriterRows(WriterSession session) {
        this.session = session;
        this.dsl = session.dsl();
    }

    /** This unit's transaction time, as {@link VersionWrites#recordedAt()}. */
    public Instant recordedAt() {
        return session.recordedAt();
    }

    /** Appends to the event log, in this unit; returns the event's id. */
    public long appendEvent(EventWrites.EventDraft event) {
        return session.appendEvent(event);
    }
}
