package io.timetravel.storage;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.service.WriteMetrics;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch has written but not yet committed, with marks to undo the last unit of work.
 * Serves the batch's reads of timelines: its own first, then the shared (committed) cache.
 */
final class BatchState {

    private final WriterConnection connection;
    private final TransactionClock clock;
    /** The writer's chain heads by record, shared by its batches. */
    private final Map<Long, ChainHead> heads;
    private final TimelineCache sharedCache;
    private final Map<Long, RecordTimeline> pendingTimelines = new HashMap<>();
    /** Each timeline change as (record, timeline before it or null), for undoing a unit of work. */
    private final List<Map.Entry<Long, RecordTimeline>> timelineLog = new ArrayList<>();
    private final List<EventLogEntry> events = new ArrayList<>();
    private final List<Long> touched = new ArrayList<>();
    /** The chains' heads and the counts as this batch has moved them, and as they stood at the mark. */
    private Tally tally = Tally.START;
    private Tally tallyMark = Tally.START;
    /** This transaction's id on PostgreSQL (-1 until an event needs it) and its events so far. */
    private long transactionId = -1;
    private int eventOrdinal;
    private int timelineMark;
    private int eventMark;
    private int touchedMark;

    BatchState(WriterConnection connection, TransactionClock clock, Map<Long, ChainHead> heads, TimelineCache sharedCache) {
        this.connection = connection;
        this.clock = clock;
        this.heads = heads;
        this.sharedCache = sharedCache;
    }

    void mark() {
        timelineMark = timelineLog.size();
        eventMark = events.size();
        touchedMark = touched.size();
        tallyMark = tally;
    }

    void undoToMark() {
        for (int i = timelineLog.size() - 1; i >= timelineMark; i--) {
            Map.Entry<Long, RecordTimeline> change = timelineLog.get(i);
            if (change.getValue() == null) {
                pendingTimelines.remove(change.getKey());
            } else {
                pendingTimelines.put(change.getKey(), change.getValue());
            }
        }
        timelineLog.subList(timelineMark, timelineLog.size()).clear();
        events.subList(eventMark, events.size()).clear();
        touched.subList(touchedMark, touched.size()).forEach(heads::remove);
        // Also: a unit rolled back to its savepoint lets go of the rows it locked.
        tally = tallyMark;
    }

    /**
     * Whether units before this one hold a locked row (then this one must not wait for
     * another); the batch's first unit may wait for every row it needs.
     */
    boolean holdsRows() {
        return tallyMark.rowsHeld() > 0;
    }

    /** This transaction has locked a row (a record's, a flag's). */
    void holdRow() {
        tally = tally.rowHeld();
    }

    Instant now() {
        return clock.now();
    }

    /** The lane of the chains this batch extends. */
    long lane() {
        return connection.lane();
    }

    /** The next transaction time: {@code requested} (default: the clock) unless that is not after the last. */
    Instant nextInstant(Instant requested) {
        return nextInstant(requested, null);
    }

    /** The next transaction time, not before {@code floor} for the clock's time ({@link TransactionClock#next}). */
    Instant nextInstant(Instant requested, Instant floor) {
        return clock.next(requested, floor);
    }

    /**
     * The stream position of this transaction's next event on PostgreSQL: its transaction id
     * shifted left by 20 bits plus the event's place (docs/decisions/0029).
     */
    long nextEventPosition() {
        if (transactionId < 0) {
            transactionId = connection.dsl().resultQuery("SELECT pg_current_xact_id()::text::bigint").fetchOne(0, Long.class);
        }
        if (eventOrdinal >= (1 << SingleWriter.POSITION_BITS) - 1) {
            throw new IllegalStateException("too many events in one transaction");
        }
        return (transactionId << SingleWriter.POSITION_BITS) | ++eventOrdinal;
    }

    /** The record's timeline as this batch sees it, or {@code null} when neither it nor the cache has it. */
    RecordTimeline timeline(long recordId) {
        RecordTimeline pending = pendingTimelines.get(recordId);
        return pending != null ? pending : sharedCache.get(recordId);
    }

    void putTimeline(long recordId, RecordTimeline timeline) {
        timelineLog.add(new AbstractMap.SimpleImmutableEntry<>(recordId, pendingTimelines.put(recordId, timeline)));
    }

    ChainHead head(long recordId) {
        return heads.get(recordId);
    }

    void putHead(long recordId, ChainHead head) {
        heads.put(recordId, head);
        touched.add(recordId);
    }

    long auditId() {
        return tally.auditId();
    }

    String auditHash() {
        return tally.auditHash();
    }

    void setAuditHead(long id, String hash) {
        tally = tally.audit(id, hash);
    }

    long ledgerId() {
        return tally.ledgerId();
    }

    String ledgerHash() {
        return tally.ledgerHash();
    }

    long sealedAuditId() {
        return tally.sealedAuditId();
    }

    /** The ledger's new head, event {@code id}, which named audit entry {@code auditId} (0: none). */
    void setLedgerHead(long id, String hash, long auditId) {
        tally = tally.ledger(id, hash, auditId);
    }

    /** A version row was appended (counted unless its unit of work is undone). */
    void countVersion() {
        tally = tally.versionWritten();
    }

    /** An audit entry was appended (counted unless its unit of work is undone). */
    void countAuditEntry() {
        tally = tally.auditEntryWritten();
    }

    void addEvent(EventLogEntry event) {
        events.add(event);
    }

    /** The events this batch has appended, in order. */
    List<EventLogEntry> events() {
        return events;
    }

    /** The records whose chain heads this batch has moved. */
    List<Long> touched() {
        return touched;
    }

    /** The timelines this batch has extended or loaded, by record. */
    Map<Long, RecordTimeline> pendingTimelines() {
        return pendingTimelines;
    }

    int versionsWritten() {
        return tally.versionsWritten();
    }

    int auditEntriesWritten() {
        return tally.auditEntriesWritten();
    }

    /**
     * What a unit of work moves besides its lists, as one value, so that the mark is a copy of it
     * and undoing is taking the copy back: the newest audit entry (id 0: none) and its hash as this
     * batch has extended the chain; the ledger's head (id 0: none) and the audit entry its newest
     * event named (0: none); the versions and audit entries appended so far, for
     * {@link WriteMetrics}; and the rows (records', flags') locked on PostgreSQL.
     */
    private record Tally(long auditId, String auditHash, long ledgerId, String ledgerHash, long sealedAuditId,
                         int versionsWritten, int auditEntriesWritten, int rowsHeld) {

        static final Tally START = new Tally(0, HashChain.GENESIS, 0, HashChain.GENESIS, 0, 0, 0, 0);

        Tally audit(long id, String hash) {
            return new Tally(id, hash, ledgerId, ledgerHash, sealedAuditId, versionsWritten, auditEntriesWritten, rowsHeld);
        }

        Tally ledger(long id, String hash, long sealed) {
            return new Tally(auditId, auditHash, id, hash, sealed, versionsWritten, auditEntriesWritten, rowsHeld);
        }

        Tally versionWritten() {
            return new Tally(auditId, auditHash, ledgerId, ledgerHash, sealedAuditId, versionsWritten + 1,
                    auditEntriesWritten, rowsHeld);
        }

        Tally auditEntryWritten() {
            return new Tally(auditId, auditHash, ledgerId, ledgerHash, sealedAuditId, versionsWritten,
                    auditEntriesWritten + 1, rowsHeld);
        }

        Tally rowHeld() {
            return new Tally(auditId, auditHash, ledgerId, ledgerHash, sealedAuditId, versionsWritten,
                    auditEntriesWritten, rowsHeld + 1);
        }
    }
}
