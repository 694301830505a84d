package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.StoredAuditEntry;
import io.timetravel.service.AuditLog;
import io.timetravel.service.AuditQuery;
import io.timetravel.storage.jooq.tables.AuditHistory;
import io.timetravel.storage.jooq.tables.records.AuditHistoryRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The audit trail in {@code audit_history}, read on the store's read connections. */
public final class SqlAuditLog implements AuditLog {

    private static final AuditHistory A = AUDIT_HISTORY;
    // The chain is checked on the stored text: read every column as text, never converted.
    private static final Field<String> RECORD_ID = A.RECORD_ID.coerce(String.class);
    private static final Field<String> VERSION = A.VERSION.coerce(String.class);
    private static final Field<String> ACTOR = A.ACTOR.coerce(String.class);
    private static final Field<String> ACTOR_VERIFIED = A.ACTOR_VERIFIED.coerce(String.class);

    private final SqlRecordStore store;

    public SqlAuditLog(SqlRecordStore store) {
        this.store = store;
    }

    @Override
    public Page<AuditEntry> find(AuditQuery query) {
        return store.readers().read(s -> {
            Condition where = where(s.dsl(), query);
            int total = s.dsl().fetchCount(A, where);
            List<AuditEntry> items = total <= query.offset() ? List.of() : entries(s.dsl(), where, query);
            return new Page<>(items, query.limit(), query.offset(), total);
        });
    }

    @Override
    public List<AuditEntry> entries(AuditQuery query) {
        return store.readers().read(s -> entries(s.dsl(), where(s.dsl(), query), query));
    }

    @Override
    public long count(AuditQuery query) {
        return store.readers().read(s -> (long) s.dsl().fetchCount(A, where(s.dsl(), query)));
    }

    @Override
    public Optional<Long> idOf(long recordId, long version) {
        return store.readers().read(s -> s.dsl().select(DSL.max(A.ID)).from(A)
                .where(A.RECORD_ID.eq(recordId)).and(A.VERSION.eq(version))
                .fetchOptional(0, Long.class));
    }

    private static List<AuditEntry> entries(DSLContext dsl, Condition where, AuditQuery query) {
        return dsl.selectFrom(A)
                .where(where)
                .orderBy(A.ID.desc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(SqlAuditLog::entry);
    }

    /** The entries {@code query} asks for, on {@code dsl}'s connection (which finds the ids a period's entries lie between). */
    private static Condition where(DSLContext dsl, AuditQuery query) {
        Condition condition = DSL.noCondition();
        if (query.recordId() != null) {
            condition = condition.and(A.RECORD_ID.eq(query.recordId()));
        }
        if (query.actor() != null) {
            condition = condition.and(A.ACTOR.eq(query.actor()));
        }
        if (query.eventType() != null) {
            condition = condition.and(A.EVENT_TYPE.eq(query.eventType()));
        }
        condition = InstantColumns.within(condition, A.CHANGED_AT, query.from(), query.to())
                .and(AuditTimeRange.ids(dsl, query.from(), query.to()));
        if (query.actorVerified() != null) {
            // Entries from before verification was recorded (NULL) were declared: nothing proved them.
            condition = condition.and(query.actorVerified() ? A.ACTOR_VERIFIED.eq(1L)
                    : A.ACTOR_VERIFIED.isNull().or(A.ACTOR_VERIFIED.ne(1L)));
        }
        if (query.afterId() != null) {
            condition = condition.and(A.ID.gt(query.afterId()));
        }
        if (query.beforeId() != null) {
            condition = condition.and(A.ID.lt(query.beforeId()));
        }
        return condition;
    }

    @Override
    public List<Long> lanes() {
        return store.readers().read(s -> lanes(s.dsl()));
    }

    /** The lanes that hold audit entries, ascending, on {@code dsl}'s connection. */
    static List<Long> lanes(DSLContext dsl) {
        return dsl.selectDistinct(A.LANE).from(A).orderBy(A.LANE).fetch(A.LANE);
    }

    @Override
    public List<StoredAuditEntry> chainAfter(long lane, long afterId, int limit) {
        return store.readers().read(s -> chainAfter(s.dsl(), lane, afterId, limit));
    }

    /**
     * Up to {@code limit} entries of {@code lane} after {@code afterId} in id order, every column
     * as stored, on {@code dsl}'s connection.
     */
    static List<StoredAuditEntry> chainAfter(DSLContext dsl, long lane, long afterId, int limit) {
        return dsl.select(A.ID, RECORD_ID, VERSION, A.EVENT_TYPE, A.CHANGED_AT, ACTOR, A.OLD_VALUE, A.NEW_VALUE, A.REASON,
                        A.PREV_HASH, A.HASH, ACTOR_VERIFIED)
                .from(A)
                .where(A.LANE.eq(lane))
                .and(A.ID.gt(afterId))
                .orderBy(A.ID)
                .limit(limit)
                .fetch(SqlAuditLog::stored);
    }

    private static StoredAuditEntry stored(Record row) {
        return new StoredAuditEntry(row.get(A.ID), row.get(RECORD_ID), row.get(VERSION), row.get(A.EVENT_TYPE),
                row.get(A.CHANGED_AT), row.get(ACTOR), row.get(A.OLD_VALUE), row.get(A.NEW_VALUE), row.get(A.REASON),
                row.get(A.PREV_HASH), row.get(A.HASH), row.get(ACTOR_VERIFIED));
    }

    private static AuditEntry entry(AuditHistoryRecord row) {
        return new AuditEntry(row.getId(), row.getRecordId(), row.getVersion(), row.getEventType(), changedAt(row.getChangedAt()),
                row.getActor(), row.getOldValue(), row.getNewValue(), row.getReason(), row.getPrevHash(), row.getHash(),
                row.getActorVerified() == null ? null : row.getActorVerified() != 0);
    }

    /** The entry's instant, or {@code null} when a hand edit left something else there (verify names the entry). */
    private static Instant changedAt(String text) {
        try {
            return text == null ? null : Instants.parseStored(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }
}
