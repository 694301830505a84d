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
    /** The newest audit entry (id 0: none) and its hash, as this batch has extended the chain. */
    private long auditId;
    private String auditHash = HashChain.GENESIS;
    /** The ledger's head (id 0: none), and the audit entry its newest event named (0: none). */
    private long ledgerId;
    private String ledgerHash = HashChain.GENESIS;
    private long sealedAuditId;
    /** Versions and audit entries the batch has appended so far, for {@link WriteMetrics}. */
    private int versionsWritten;
    private int auditEntriesWritten;
    /** Rows (records', flags') this transaction has locked on PostgreSQL, and the count at the mark. */
    private int rowsHeld;
    private int rowsHeldMark;
    /** This transaction's id on PostgreSQL (-1 until an event needs it) and its events so far. */
    private long transactionId = -1;
    private int eventOrdinal;
    private int timelineMark;
    private int eventMark;
    private int touchedMark;
    private long auditIdMark;
    private String auditHashMark;
    private long ledgerIdMark;
    private String ledgerHashMark;
    private long sealedAuditIdMark;
    private int versionsWrittenMark;
    private int auditEntriesWrittenMark;

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
        auditIdMark = auditId;
        auditHashMark = auditHash;
        ledgerIdMark = ledgerId;
        ledgerHashMark = ledgerHash;
        sealedAuditIdMark = sealedAuditId;
        versionsWrittenMark = versionsWritten;
        auditEntriesWrittenMark = auditEntriesWritten;
        rowsHeldMark = rowsHeld;
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
        auditId = auditIdMark;
        auditHash = auditHashMark;
        ledgerId = ledgerIdMark;
        ledgerHash = ledgerHashMark;
        sealedAuditId = sealedAuditIdMark;
        versionsWritten = versionsWrittenMark;
        auditEntriesWritten = auditEntriesWrittenMark;
        // A unit rolled back to its savepoint lets go of the rows it locked.
        rowsHeld = rowsHeldMark;
    }

    /**
     * Whether units before this one hold a locked row (then this one must not wait for
     * another); the batch's first unit may wait for every row it needs.
     */
    boolean holdsRows() {
        return rowsHeldMark > 0;
    }

    /** This transaction has locked a row (a record's, a flag's). */
    void holdRow() {
        rowsHeld++;
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
        return auditId;
    }

    String auditHash() {
        return auditHash;
    }

    void setAuditHead(long id, String hash) {
        auditId = id;
        auditHash = hash;
    }

    long ledgerId() {
        return ledgerId;
    }

    String ledgerHash() {
        return ledgerHash;
    }

    long sealedAuditId() {
        return sealedAuditId;
    }

    /** The ledger's new head, event {@code id}, which named audit entry {@code auditId} (0: none). */
    void setLedgerHead(long id, String hash, long auditId) {
        ledgerId = id;
        ledgerHash = hash;
        sealedAuditId = auditId;
    }

    /** A version row was appended (counted unless its unit of work is undone). */
    void countVersion() {
        versionsWritten++;
    }

    /** An audit entry was appended (counted unless its unit of work is undone). */
    void countAuditEntry() {
        auditEntriesWritten++;
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
        return versionsWritten;
    }

    int auditEntriesWritten() {
        return auditEntriesWritten;
    }
}
