package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.RecordVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One record's versions in order, each with the id of the event that wrote it, read a page at a
 * time so that a long history never sits in memory at once. Ends at the newest event that existed
 * when it was opened.
 */
public final class RecordReplay implements AutoCloseable {

    /** Versions read per page. */
    static final int PAGE = 100;

    /** A version of the record and the id of its event in the log. */
    public record Step(long eventId, RecordVersion version) {
    }

    private final EventStreams owner;
    private final EventLog log;
    private final RecordService records;
    private final long recordId;
    private final long lastEventId;
    private final AtomicBoolean ended = new AtomicBoolean();
    private int offset;
    private boolean done;

    RecordReplay(EventStreams owner, EventLog log, RecordService records, long recordId, long lastEventId) {
        this.owner = owner;
        this.log = log;
        this.records = records;
        this.recordId = recordId;
        this.lastEventId = lastEventId;
    }

    public long recordId() {
        return recordId;
    }

    /** The next versions in order; empty when the replay is complete or the server is closing. */
    public List<Step> next() {
        List<Step> steps = new ArrayList<>();
        while (steps.isEmpty() && !done && !ended.get() && !owner.closed()) {
            // Offsets are stable: a record's events are only ever appended, in id order.
            List<EventLogEntry> page = log.forRecord(recordId, PAGE, offset).items();
            offset += page.size();
            done = page.size() < PAGE;
            for (EventLogEntry entry : page) {
                if (entry.id() > lastEventId) {
                    done = true;
                    break;
                }
                if (entry.version() != null) {
                    steps.add(new Step(entry.id(), records.version(recordId, entry.version())));
                }
            }
        }
        return steps;
    }

    /** Ends the replay and frees its stream slot; safe to call more than once. */
    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            owner.ended(this);
        }
    }
}
