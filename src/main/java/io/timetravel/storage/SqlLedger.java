package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.StoredAuditEntry;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerStore;
import io.timetravel.service.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record2;
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
                    execute(session.connection(), "BEGIN");
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
    public Head head() {
        // One statement: the count and the hash come from the same snapshot even while the writer commits.
        Record2<Integer, String> head = reads.read(dsl -> dsl.select(
                        DSL.field(DSL.selectCount().from(EVENT_LOGS)),
                        DSL.field(DSL.select(EVENT_LOGS.HASH).from(EVENT_LOGS).orderBy(EVENT_LOGS.ID.desc()).limit(1)))
                .fetchOne(), false);
        long entries = head == null || head.value1() == null ? 0 : head.value1();
        return new Head(entries, entries == 0 || head.value2() == null ? HashChain.GENESIS : head.value2());
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
        public List<StoredAuditEntry> auditAfter(long afterId, int limit) {
            return SqlAuditLog.chainAfter(dsl, afterId, limit);
        }

        @Override
        public List<Entry> eventsAfter(long afterId, int limit) {
            return LedgerRows.eventsAfter(dsl, afterId, limit).stream().map(row -> new Entry(row.event(), row.version())).toList();
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
         * The database's counter of {@code table}'s ids, which deleting rows never lowers: SQLite's
         * AUTOINCREMENT counter, or PostgreSQL's identity sequence (null until it gives out an id).
         */
        private long issued(String table) {
            Object seq = dsl.dialect().family() == SQLDialect.POSTGRES
                    ? dsl.fetchValue("SELECT pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass)", table)
                    : dsl.fetchValue("SELECT seq FROM sqlite_sequence WHERE name = ?", table);
            return seq == null ? 0 : Long.parseLong(seq.toString());
        }
    }
}
