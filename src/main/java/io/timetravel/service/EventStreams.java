package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Opens live subscriptions to the event log and replays of one record's versions, at most
 * {@link Limits#maxStreams()} of them at a time, and hands each commit to every live subscriber.
 *
 * <p>The commit listener runs on the single writer thread, so it only appends to each
 * subscriber's bounded buffer and never waits: a slow or stuck subscriber cannot hold up writes
 * or other subscribers. A subscriber whose buffer overflows loses nothing; it reads what it
 * missed from the durable log (see {@link LiveSubscription}).
 */
public final class EventStreams implements AutoCloseable {

    /**
     * @param maxStreams   live subscriptions and replays open at once
     * @param queueEntries events a subscriber may have waiting before it catches up from the log
     * @param queueBytes   roughly the payload bytes it may have waiting (large records fill memory
     *                     long before the entry count is reached)
     */
    public record Limits(int maxStreams, int queueEntries, long queueBytes) {

        public Limits {
            if (maxStreams < 1 || queueEntries < 1 || queueBytes < 1) {
                throw new IllegalArgumentException("stream limits must be positive");
            }
        }

        public static Limits defaults() {
            return new Limits(64, 1024, 8L * 1024 * 1024);
        }

    }

    private final EventLog log;
    private final RecordService records;
    private final Limits limits;
    private final Semaphore slots;
    private final Set<LiveSubscription> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public EventStreams(EventLog log, RecordService records, Limits limits) {
        this.log = log;
        this.records = records;
        this.limits = limits;
        this.slots = new Semaphore(limits.maxStreams());
        log.onCommit(this::publish);
    }

    /**
     * Subscribes to events as they commit. With {@code lastEventId} the subscription first
     * delivers every event after it from the log, then continues live without a gap or a
     * duplicate; without, it delivers only events committed from now on.
     *
     * @throws TooManyStreamsException when {@link Limits#maxStreams()} streams are open
     */
    public LiveSubscription subscribe(Long lastEventId) {
        if (lastEventId != null && lastEventId < 0) {
            throw new InvalidRequestException("invalid Last-Event-ID; use a non-negative whole number");
        }
        acquireSlot();
        LiveSubscription subscription = new LiveSubscription(this, log, limits.queueEntries(), limits.queueBytes());
        // Registered before the log is read: an event committed after that read reaches the buffer,
        // one committed before it is in the log, and the subscription's cursor drops the overlap.
        subscribers.add(subscription);
        try {
            if (closed) {
                throw closing();
            }
            // An id the log never gave (say, from another database's log) would silence the stream
            // until the log grew past it; the log resumes from its newest entry instead.
            long from = lastEventId == null ? log.lastId() : log.resumeAfter(lastEventId);
            subscription.start(from, log.positionOf(from), lastEventId != null);
            return subscription;
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
    }

    /**
     * Replays a record's versions, oldest first, as they stand now: versions written while the
     * replay runs are not part of it.
     *
     * @throws NotFoundException       when the record does not exist
     * @throws TooManyStreamsException when {@link Limits#maxStreams()} streams are open
     */
    public RecordReplay replay(long recordId) {
        RecordService.validateId(recordId);
        if (!records.exists(recordId)) {
            throw RecordService.notFound(recordId);
        }
        acquireSlot();
        try {
            // The newest event now bounds the replay, so it ends even while the record keeps changing.
            return new RecordReplay(this, log, records, recordId, log.lastId());
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Streams open now (live and replays). */
    public int openStreams() {
        return limits.maxStreams() - slots.availablePermits();
    }

    public Limits limits() {
        return limits;
    }

    boolean closed() {
        return closed;
    }

    /** Called once by each subscription when it ends. */
    void ended(LiveSubscription subscription) {
        subscribers.remove(subscription);
        slots.release();
    }

    /** Called once by each replay when it ends. */
    void ended(RecordReplay replay) {
        slots.release();
    }

    private void acquireSlot() {
        if (closed) {
            throw closing();
        }
        if (!slots.tryAcquire()) {
            throw new TooManyStreamsException(limits.maxStreams());
        }
    }

    private static StoreUnavailableException closing() {
        return new StoreUnavailableException("the server is stopping; event streams are closed");
    }

    /** On the writer thread, after each commit: must not block. */
    private void publish(List<EventLogEntry> committed) {
        for (LiveSubscription subscription : subscribers) {
            subscription.offer(committed);
        }
    }

    /** Ends every stream: live ones wake and finish, replays stop before their next version. */
    @Override
    public void close() {
        closed = true;
        for (LiveSubscription subscription : subscribers) {
            subscription.wake();
        }
    }
}
