package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.service.EventLog;
import io.timetravel.storage.jooq.tables.records.EventLogsRecord;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.impl.DSL;

/** The event log in {@code event_logs}, read on the store's read connections. */
public final class SqlEventLog implements EventLog {

    private final SqlRecordStore store;

    public SqlEventLog(SqlRecordStore store) {
        this.store = store;
    }

    @Override
    public List<EventLogEntry> after(long afterId, int limit) {
        return store.readers().read(s -> s.dsl().selectFrom(EVENT_LOGS)
                .where(EVENT_LOGS.ID.gt(afterId))
                .orderBy(EVENT_LOGS.ID)
                .limit(limit)
                .fetch(SqlEventLog::entry));
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
        Long id = store.readers().read(s -> s.dsl().select(DSL.max(EVENT_LOGS.ID)).from(EVENT_LOGS).fetchOne(0, Long.class));
        return id == null ? 0 : id;
    }

    @Override
    public void onCommit(Consumer<List<EventLogEntry>> listener) {
        store.addCommitListener(listener);
    }

    static EventLogEntry entry(EventLogsRecord row) {
        JsonObject payload;
        try {
            payload = JsonParser.parseObject(row.getPayload(), 1_000);
        } catch (JsonParseException e) {
            throw new CorruptStoreException("event " + row.getId() + " holds invalid JSON: " + e.getMessage());
        }
        return new EventLogEntry(row.getId(), row.getEventType(), row.getRecordId(), row.getVersion(),
                Instants.parseStored(row.getOccurredAt()), row.getActor(), payload);
    }
}
