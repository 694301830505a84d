package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Page;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable log of every action, read for history, replay, live streams and rebuilds.
 * Entries are appended by the writer inside the transaction of the change they describe.
 */
public interface EventLog {

    /** Entries with an id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<EventLogEntry> after(long afterId, int limit);

    /** A record's entries, oldest first. */
    Page<EventLogEntry> forRecord(long recordId, int limit, int offset);

    /** The id of the newest entry, or 0 when the log is empty. */
    long lastId();

    /**
     * Subscribes to entries as they commit, in order, on the writer's thread: the listener must
     * only hand them on (never block or do I/O).
     */
    void onCommit(Consumer<List<EventLogEntry>> listener);
}
