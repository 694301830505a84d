package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live subscriber of the event log: a bounded buffer that the writer's commits fill and the
 * subscriber's own stream thread drains, in event-id order, with no gap and no duplicate.
 *
 * <p>The writer never waits here. When the buffer is full the writer drops what it holds and
 * marks the subscription as behind; the stream thread then reads what it missed from the
 * durable log (from its cursor, the last id it delivered) and goes live again. The same path
 * serves a resume from {@code Last-Event-ID}. Because every event reaches the log before the
 * writer offers it here, whatever the buffer lost the log still has, and the cursor drops the
 * events that arrive both ways.
 */
public final class LiveSubscription implements AutoCloseable {

    /** Events read from the log per query while catching up: few, as events of large records are large. */
    static final int LOG_PAGE = 64;
    /** Rough bytes of an event beyond its payload, for the buffer's byte bound. */
    private static final int ENTRY_OVERHEAD = 200;

    private final EventStreams owner;
    private final EventLog log;
    private final int maxEntries;
    private final long maxBytes;
    private final AtomicBoolean ended = new AtomicBoolean();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<EventLogEntry> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean behind;

    // Used by the stream thread only (set before it is handed over).
    private long cursor;
    /** The delivery position of the event {@link #cursor} names: events are delivered past it. */
    private long cursorPosition;
    private boolean catchingUp;
    private int catchUps;

    LiveSubscription(EventStreams owner, EventLog log, int maxEntries, long maxBytes) {
        this.owner = owner;
        this.log = log;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * Sets the position: events after {@code afterId} (whose delivery position is
     * {@code afterPosition}) are delivered, from the log first if asked.
     */
    void start(long afterId, long afterPosition, boolean fromLog) {
        cursor = afterId;
        cursorPosition = afterPosition;
        catchingUp = fromLog;
    }

    /** On the writer thread: appends committed events, or marks the subscription as behind. */
    void offer(List<EventLogEntry> committed) {
        lock.lock();
        try {
            if (ended.get() || behind) {
                return;
            }
            for (EventLogEntry entry : committed) {
                long size = ENTRY_OVERHEAD + entry.payload().toJson().length();
                if (buffer.size() >= maxEntries || bufferedBytes + size > maxBytes) {
                    // Keeping a prefix would be pointless: the catch-up reads it again from the log.
                    buffer.clear();
                    bufferedBytes = 0;
                    behind = true;
                    break;
                }
                buffer.addLast(entry);
                bufferedBytes += size;
            }
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next events in delivery order, waiting up to {@code timeout} for some: an empty list when
     * none came in time (time for a keep-alive), {@code null} once the subscription or the
     * server is closed. Only the subscriber's stream thread calls this.
     */
    public List<EventLogEntry> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (isClosed()) {
                return null;
            }
            if (catchingUp) {
                List<EventLogEntry> page = log.after(cursor, LOG_PAGE);
                // A short page means the log held nothing more when it was read; anything committed
                // since then was offered to the buffer (or marked it behind), so live is safe now.
                catchingUp = page.size() == LOG_PAGE;
                if (!page.isEmpty()) {
                    cursor = page.get(page.size() - 1).id();
                    cursorPosition = page.get(page.size() - 1).position();
                    return page;
                }
                continue;
            }
            List<EventLogEntry> fresh = new ArrayList<>();
            lock.lock();
            try {
                while (buffer.isEmpty() && !behind && !isClosed()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    arrived.awaitNanos(left);
                }
                if (isClosed()) {
                    return null;
                }
                if (behind) {
                    // Clear the mark before reading the log: events lost after this point mark it again.
                    behind = false;
                    buffer.clear();
                    bufferedBytes = 0;
                    catchingUp = true;
                    catchUps++;
                    continue;
                }
                fresh.addAll(buffer);
                buffer.clear();
                bufferedBytes = 0;
            } finally {
                lock.unlock();
            }
            List<EventLogEntry> news = new ArrayList<>(fresh.size());
            for (EventLogEntry entry : fresh) {
                if (entry.position() > cursorPosition) {
                    news.add(entry);
                    cursor = entry.id();
                    cursorPosition = entry.position();
                }
            }
            if (!news.isEmpty()) {
                return news;
            }
        }
    }

    /** The id of the last event delivered (or the starting position). */
    public long position() {
        return cursor;
    }

    /** How often this subscriber fell behind and read from the log to catch up. */
    public int catchUps() {
        return catchUps;
    }

    private boolean isClosed() {
        return ended.get() || owner.closed();
    }

    /** Makes a waiting {@link #next} look again (the server is closing). */
    void wake() {
        lock.lock();
        try {
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the subscription and frees its stream slot; safe to call more than once. */
    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            lock.lock();
            try {
                buffer.clear();
                bufferedBytes = 0;
                arrived.signal();
            } finally {
                lock.unlock();
            }
            owner.ended(this);
        }
    }
}
