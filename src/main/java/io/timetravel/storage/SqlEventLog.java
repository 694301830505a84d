package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordEvents;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.service.EventLog;
import io.timetravel.domain.Page;
import io.timetravel.storage.jooq.tables.records.EventLogsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The event log in {@code event_logs}, read on the store's read connections.
 *
 * <p>On SQLite one writer hands out ids in commit order, so an event's id is its delivery
 * position. On PostgreSQL, where several servers commit ids out of order, events are delivered
 * in {@code position} order, and only below the horizon that no running transaction can write
 * under (docs/decisions/0029).
 *
 * <p>A record event written at schema 9 or later keeps only what {@link RecordEvents#stored}
 * keeps; it is read with its version row's metadata and completed from the record's timeline,
 * so every reader gets the same payload its live listeners got (docs/decisions/0035).
 */
public final class SqlEventLog implements EventLog {

    /** PostgreSQL's delivery position (docs/decisions/0029); the generated classes come from SQLite. */
    static final Field<Long> POSITION = DSL.field(DSL.name("position"), SQLDataType.BIGINT);
    /**
     * The lowest position a transaction still running could give an event: every transaction
     * below the oldest one running has ended, and later ones get larger transaction ids.
     */
    static final Field<Long> HORIZON = DSL.field(
            "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << " + SingleWriter.POSITION_BITS + ")", SQLDataType.BIGINT);

    private final SqlRecordStore store;
    private final boolean shared;

    public SqlEventLog(SqlRecordStore store) {
        this.store = store;
        this.shared = store.shared();
    }

    @Override
    public List<EventLogEntry> after(long afterId, int limit) {
        return complete(store, store.readers().read(s -> shared
                ? deliverable(s.dsl(), positionOf(s.dsl(), afterId), limit)
                : stored(s.dsl())
                        .where(EVENT_LOGS.ID.gt(afterId))
                        .orderBy(EVENT_LOGS.ID)
                        .limit(limit)
                        .fetch(row -> StoredRow.of(row, row.get(EVENT_LOGS.ID)))));
    }

    /** PostgreSQL: at most {@code limit} entries past {@code position} that no running transaction can precede. */
    static List<StoredRow> deliverable(DSLContext dsl, long position, int limit) {
        return stored(dsl, POSITION)
                .where(POSITION.gt(position)).and(POSITION.lt(HORIZON))
                .orderBy(POSITION)
                .limit(limit)
                .fetch(row -> StoredRow.of(row, row.get(POSITION)));
    }

    @Override
    public Page<EventLogEntry> forRecord(long recordId, int limit, int offset) {
        Page<StoredRow> page = store.readers().read(s -> {
            int total = s.dsl().fetchCount(EVENT_LOGS, EVENT_LOGS.RECORD_ID.eq(recordId));
            List<StoredRow> items = stored(s.dsl())
                    .where(EVENT_LOGS.RECORD_ID.eq(recordId))
                    .orderBy(EVENT_LOGS.ID)
                    .limit(limit)
                    .offset(offset)
                    .fetch(row -> StoredRow.of(row, row.get(EVENT_LOGS.ID)));
            return new Page<>(items, limit, offset, total);
        });
        return new Page<>(complete(store, page.items()), limit, offset, page.total());
    }

    /** Events with the metadata of the version row a record event records (null for others). */
    private static SelectOnConditionStep<Record> stored(DSLContext dsl, Field<?>... extra) {
        return dsl.select(EVENT_LOGS.fields()).select(extra).select(POLICYHOLDER_RECORDS.METADATA)
                .from(EVENT_LOGS)
                .leftJoin(POLICYHOLDER_RECORDS)
                .on(POLICYHOLDER_RECORDS.RECORD_ID.eq(EVENT_LOGS.RECORD_ID))
                .and(POLICYHOLDER_RECORDS.VERSION.eq(EVENT_LOGS.VERSION));
    }

    @Override
    public long lastId() {
        Long id = store.readers().read(s -> shared
                ? s.dsl().select(EVENT_LOGS.ID).from(EVENT_LOGS).where(POSITION.lt(HORIZON)).orderBy(POSITION.desc()).limit(1)
                        .fetchOne(EVENT_LOGS.ID)
                // Not max(id): on SQLite event_logs is a view of two tables (db/migration/V12), whose
                // newest id SQLite finds at once only by merging both in id order.
                : s.dsl().select(EVENT_LOGS.ID).from(EVENT_LOGS).orderBy(EVENT_LOGS.ID.desc()).limit(1).fetchOne(EVENT_LOGS.ID));
        return id == null ? 0 : id;
    }

    @Override
    public long resumeAfter(long lastEventId) {
        if (!shared) {
            return Math.min(lastEventId, lastId());
        }
        boolean known = lastEventId == 0
                || store.readers().read(s -> s.dsl().fetchExists(EVENT_LOGS, EVENT_LOGS.ID.eq(lastEventId)));
        return known ? lastEventId : lastId();
    }

    @Override
    public long positionOf(long eventId) {
        return shared ? store.readers().read(s -> positionOf(s.dsl(), eventId)) : eventId;
    }

    /** PostgreSQL: the event's position; for an id the log lacks, that of the last event before it. */
    private static long positionOf(DSLContext dsl, long eventId) {
        if (eventId <= 0) {
            return 0;
        }
        Condition named = EVENT_LOGS.ID.eq(eventId);
        Long position = dsl.select(POSITION).from(EVENT_LOGS).where(named).fetchOne(POSITION);
        if (position == null) {
            position = dsl.select(DSL.max(POSITION)).from(EVENT_LOGS).where(EVENT_LOGS.ID.le(eventId)).fetchOne(0, Long.class);
        }
        return position == null ? 0 : position;
    }

    @Override
    public void onCommit(Consumer<List<EventLogEntry>> listener) {
        store.addCommitListener(listener);
    }

    /**
     * An event as stored, at its delivery position, with the metadata of the version row it
     * records (null when it records none).
     */
    record StoredRow(EventLogEntry entry, String metadata) {

        static StoredRow of(Record row, long position) {
            EventLogsRecord event = row.into(EVENT_LOGS);
            JsonObject payload;
            try {
                payload = JsonParser.parseObject(event.getPayload(), 1_000);
            } catch (JsonParseException e) {
                throw new CorruptStoreException("event " + event.getId() + " holds invalid JSON: " + e.getMessage());
            }
            return new StoredRow(new EventLogEntry(event.getId(), event.getEventType(), event.getRecordId(), event.getVersion(),
                    Instants.parseStored(event.getOccurredAt()), event.getActor(), payload, position),
                    row.get(POLICYHOLDER_RECORDS.METADATA));
        }
    }

    /**
     * The entries of {@code rows}, each record event that left its payload to its version row
     * completed from the record's timeline. Runs outside any read: it may load timelines.
     */
    static List<EventLogEntry> complete(SqlRecordStore store, List<StoredRow> rows) {
        List<EventLogEntry> entries = new ArrayList<>(rows.size());
        for (StoredRow row : rows) {
            EventLogEntry entry = row.entry();
            if (!RecordEvents.isStored(entry.payload())) {
                entries.add(entry);
                continue;
            }
            if (entry.recordId() == null || entry.version() == null || row.metadata() == null) {
                throw new CorruptStoreException("event " + entry.id() + " leaves its payload to a version row, but record "
                        + entry.recordId() + " has no version " + entry.version());
            }
            RecordTimeline timeline = store.timelineHolding(entry.recordId(), entry.version());
            long version = entry.version();
            JsonObject payload = RecordEvents.complete(entry.payload(), timeline, version,
                    StoredJson.object(row.metadata(), entry.recordId(), version));
            entries.add(new EventLogEntry(entry.id(), entry.eventType(), entry.recordId(), entry.version(), entry.occurredAt(),
                    entry.actor(), payload, entry.position()));
        }
        return entries;
    }
}
