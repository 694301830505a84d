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

    /**
     * At most {@code limit} entries that come after entry {@code afterId} (0: from the start), in
     * the order streams deliver them ({@link EventLogEntry#position()}), only those that no entry
     * still being committed can come before.
     */
    List<EventLogEntry> after(long afterId, int limit);

    /** A record's entries, oldest first. */
    Page<EventLogEntry> forRecord(long recordId, int limit, int offset);

    /** The id of the newest entry in delivery order, or 0 when the log is empty. */
    long lastId();

    /**
     * Where a stream resumes for a client that last saw {@code lastEventId}: that entry, or the
     * newest one when the log never gave that id (say, the client saw another database's log).
     */
    long resumeAfter(long lastEventId);

    /** The delivery position of entry {@code eventId} (0 for 0: before the first). */
    long positionOf(long eventId);

    /**
     * Subscribes to entries as they commit, in delivery order, on the thread that learns of them
     * (the writer's, or the feed of a database other servers share): the listener must only hand
     * them on (never block or do I/O).
     */
    void onCommit(Consumer<List<EventLogEntry>> listener);
}
