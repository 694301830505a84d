package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.service.EventLog;
import io.timetravel.domain.Page;
import io.timetravel.storage.jooq.tables.records.EventLogsRecord;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The event log in {@code event_logs}, read on the store's read connections.
 *
 * <p>On SQLite one writer hands out ids in commit order, so an event's id is its delivery
 * position. On PostgreSQL, where several servers commit ids out of order, events are delivered
 * in {@code position} order, and only below the horizon that no running transaction can write
 * under (docs/decisions/0029).
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
        return store.readers().read(s -> shared
                ? deliverable(s.dsl(), positionOf(s.dsl(), afterId), limit)
                : s.dsl().selectFrom(EVENT_LOGS)
                        .where(EVENT_LOGS.ID.gt(afterId))
                        .orderBy(EVENT_LOGS.ID)
                        .limit(limit)
                        .fetch(SqlEventLog::entry));
    }

    /** PostgreSQL: at most {@code limit} entries past {@code position} that no running transaction can precede. */
    static List<EventLogEntry> deliverable(DSLContext dsl, long position, int limit) {
        return dsl.select(EVENT_LOGS.fields()).select(POSITION).from(EVENT_LOGS)
                .where(POSITION.gt(position)).and(POSITION.lt(HORIZON))
                .orderBy(POSITION)
                .limit(limit)
                .fetch(SqlEventLog::positioned);
    }

    @Override
    public Page<EventLogEntry> forRecord(long recordId, int limit, int offset) {
        return store.readers().read(s -> {
            int total = s.dsl().fetchCount(EVENT_LOGS, EVENT_LOGS.RECORD_ID.eq(recordId));
            List<EventLogEntry> items = s.dsl().selectFrom(EVENT_LOGS)
                    .where(EVENT_LOGS.RECORD_ID.eq(recordId))
                    .orderBy(EVENT_LOGS.ID)
                    .limit(limit)
                    .offset(offset)
                    .fetch(SqlEventLog::entry);
            return new Page<>(items, limit, offset, total);
        });
    }

    @Override
    public long lastId() {
        Long id = store.readers().read(s -> shared
                ? s.dsl().select(EVENT_LOGS.ID).from(EVENT_LOGS).where(POSITION.lt(HORIZON)).orderBy(POSITION.desc()).limit(1)
                        .fetchOne(EVENT_LOGS.ID)
                : s.dsl().select(DSL.max(EVENT_LOGS.ID)).from(EVENT_LOGS).fetchOne(0, Long.class));
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

    static EventLogEntry entry(EventLogsRecord row) {
        return entry(row, row.getId());
    }

    private static EventLogEntry positioned(Record row) {
        EventLogsRecord event = row.into(EVENT_LOGS);
        return entry(event, row.get(POSITION));
    }

    private static EventLogEntry entry(EventLogsRecord row, long position) {
        JsonObject payload;
        try {
            payload = JsonParser.parseObject(row.getPayload(), 1_000);
        } catch (JsonParseException e) {
            throw new CorruptStoreException("event " + row.getId() + " holds invalid JSON: " + e.getMessage());
        }
        return new EventLogEntry(row.getId(), row.getEventType(), row.getRecordId(), row.getVersion(),
                Instants.parseStored(row.getOccurredAt()), row.getActor(), payload, position);
    }
}
