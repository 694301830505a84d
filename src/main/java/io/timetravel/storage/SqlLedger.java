package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_ROWS;
import static io.timetravel.storage.jooq.Tables.EVENT_ROWS;
import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.StoredAuditEntry;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerStore;
import io.timetravel.service.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import io.timetravel.storage.jooq.tables.EventLogs;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The ledger and the rows it commits to, read back as stored on the store's read connections. */
public final class SqlLedger implements LedgerStore {

    /** Where the queries run: a read connection of the store, or a transaction already open. */
    private interface Reads {
        <T> T read(Function<DSLContext, T> work, boolean transaction);
    }

    private final Reads reads;

    public SqlLedger(SqlRecordStore store) {
        this(new Reads() {
            @Override
            public <T> T read(Function<DSLContext, T> work, boolean transaction) {
                return store.readers().read(session -> {
                    if (!transaction) {
                        return work.apply(session.dsl());
                    }
                    // One snapshot for the whole walk: PostgreSQL's default (read committed) takes one per statement.
                    execute(session.connection(), session.dsl().dialect().family() == SQLDialect.POSTGRES
                            ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
                    try {
                        return work.apply(session.dsl());
                    } finally {
                        execute(session.connection(), "COMMIT");
                    }
                });
            }
        });
    }

    private SqlLedger(Reads reads) {
        this.reads = reads;
    }

    /**
     * The ledger as {@code dsl}'s connection sees it inside the transaction it has open (a copy
     * not yet committed, docs/decisions/0031): every read runs in that transaction.
     */
    static SqlLedger within(DSLContext dsl) {
        return new SqlLedger(new Reads() {
            @Override
            public <T> T read(Function<DSLContext, T> work, boolean transaction) {
                return work.apply(dsl);
            }
        });
    }

    @Override
    public List<Head> heads() {
        // One statement: the counts and the hashes come from the same snapshot even while writers commit.
        EventLogs lane = EVENT_LOGS.as("lane_events");
        EventLogs last = EVENT_LOGS.as("last_event");
        List<Head> heads = reads.read(dsl -> dsl.select(lane.LANE, DSL.count(),
                        DSL.field(DSL.select(last.HASH).from(last).where(last.LANE.eq(lane.LANE)).orderBy(last.ID.desc()).limit(1)))
                .from(lane)
                .groupBy(lane.LANE)
                .orderBy(lane.LANE)
                .fetch(row -> new Head(row.value1(), row.value2(), row.value3() == null ? HashChain.GENESIS : row.value3())), false);
        return heads.isEmpty() ? List.of(new Head(0, 0, HashChain.GENESIS)) : heads;
    }

    @Override
    public <T> T read(Function<View, T> work) {
        return reads.read(dsl -> work.apply(new SqlView(dsl)), true);
    }

    private static void execute(java.sql.Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StoreUnavailableException("database read failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The queries of one verification, all inside its read transaction. */
    private record SqlView(DSLContext dsl) implements View {

        @Override
        public List<Long> lanes() {
            TreeSet<Long> lanes = new TreeSet<>(SqlAuditLog.lanes(dsl));
            lanes.addAll(dsl.selectDistinct(EVENT_LOGS.LANE).from(EVENT_LOGS).fetch(EVENT_LOGS.LANE));
            return List.copyOf(lanes);
        }

        @Override
        public List<StoredAuditEntry> auditAfter(long lane, long afterId, int limit) {
            return SqlAuditLog.chainAfter(dsl, lane, afterId, limit);
        }

        @Override
        public List<Entry> eventsAfter(long lane, long afterId, int limit) {
            return LedgerRows.eventsAfter(dsl, lane, afterId, limit).stream().map(row -> new Entry(row.event(), row.version())).toList();
        }

        @Override
        public Optional<LedgerCheck.IdRun> firstFreeEventIds(long afterId, long beforeId) {
            if (afterId + 1 >= beforeId) {
                return Optional.empty();
            }
            long first;
            if (!held(afterId + 1)) {
                first = afterId + 1;
            } else {
                // The first held id whose successor is free: its successor starts the run.
                EventLogs next = EVENT_LOGS.as("next_event");
                Long gap = dsl.select(DSL.min(EVENT_LOGS.ID)).from(EVENT_LOGS)
                        .where(EVENT_LOGS.ID.gt(afterId)).and(EVENT_LOGS.ID.lt(beforeId - 1))
                        .andNotExists(DSL.selectOne().from(next).where(next.ID.eq(EVENT_LOGS.ID.plus(1L))))
                        .fetchOne(0, Long.class);
                if (gap == null) {
                    return Optional.empty();
                }
                first = gap + 1;
            }
            Long nextHeld = dsl.select(DSL.min(EVENT_LOGS.ID)).from(EVENT_LOGS)
                    .where(EVENT_LOGS.ID.gt(first)).and(EVENT_LOGS.ID.lt(beforeId))
                    .fetchOne(0, Long.class);
            return Optional.of(new LedgerCheck.IdRun(first, nextHeld == null ? beforeId - 1 : nextHeld - 1));
        }

        private boolean held(long id) {
            return dsl.fetchExists(EVENT_LOGS, EVENT_LOGS.ID.eq(id));
        }

        @Override
        public Optional<VersionRef> firstUnrecordedVersion() {
            return dsl.select(POLICYHOLDER_RECORDS.RECORD_ID, POLICYHOLDER_RECORDS.VERSION)
                    .from(POLICYHOLDER_RECORDS)
                    .whereNotExists(DSL.selectOne().from(EVENT_LOGS)
                            .where(EVENT_LOGS.RECORD_ID.eq(POLICYHOLDER_RECORDS.RECORD_ID))
                            .and(EVENT_LOGS.VERSION.eq(POLICYHOLDER_RECORDS.VERSION))
                            .and(EVENT_LOGS.EVENT_TYPE.in(LedgerService.RECORD_EVENT_TYPES)))
                    .orderBy(POLICYHOLDER_RECORDS.RECORD_ID, POLICYHOLDER_RECORDS.VERSION)
                    .limit(1)
                    .fetchOptional(row -> new VersionRef(row.value1(), row.value2()));
        }

        @Override
        public long versions() {
            return dsl.fetchCount(POLICYHOLDER_RECORDS);
        }

        @Override
        public long lastIssuedEventId() {
            return issued("event_logs");
        }

        @Override
        public long lastIssuedAuditId() {
            return issued("audit_history");
        }

        /**
         * The highest id {@code table} ever committed, which deleting rows never lowers: SQLite's
         * AUTOINCREMENT counter (an insert that rolls back gives its id back), or on PostgreSQL what
         * the lanes recorded in {@code chain_lanes} as they committed (a sequence also counts ids of
         * inserts that rolled back; docs/decisions/0029).
         */
        private long issued(String table) {
            Object seq = dsl.dialect().family() == SQLDialect.POSTGRES
                    ? dsl.fetchValue("SELECT coalesce(max(" + (table.equals("event_logs") ? "last_event_id" : "last_audit_id")
                            + "), 0) FROM chain_lanes")
                    // On SQLite the counters are those of the tables beneath the views (db/migration/V12).
                    : dsl.fetchValue("SELECT seq FROM sqlite_sequence WHERE name = ?",
                            table.equals("event_logs") ? EVENT_ROWS.getName() : AUDIT_ROWS.getName());
            return seq == null ? 0 : Long.parseLong(seq.toString());
        }
    }
}
