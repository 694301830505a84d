package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.AUDIT_ROWS;
import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.EVENT_ROWS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;
import static io.timetravel.storage.jooq.Tables.VERSION_ROWS;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The writer's statements for every change of a record (its policyholder row, version row, audit
 * entry and event) and for the chain heads each batch starts from, built by jOOQ once per connection and run as {@link Prepared} statements:
 * rendering them anew for every write took half of the writer thread's time. Each binds its
 * values in the order of the columns listed here. Not thread-safe: the writer thread's only.
 */
final class WriteStatements implements AutoCloseable {

    private static final List<Field<?>> POLICYHOLDER_COLUMNS = List.of(POLICYHOLDERS.ID, POLICYHOLDERS.CREATED_AT,
            POLICYHOLDERS.CREATED_BY, POLICYHOLDERS.REGION, POLICYHOLDERS.NAME, POLICYHOLDERS.LATEST_VERSION,
            POLICYHOLDERS.UPDATED_AT, POLICYHOLDERS.UPDATED_BY);
    private static final List<Field<?>> POLICYHOLDER_UPDATE_COLUMNS = List.of(POLICYHOLDERS.REGION, POLICYHOLDERS.NAME,
            POLICYHOLDERS.LATEST_VERSION, POLICYHOLDERS.UPDATED_AT, POLICYHOLDERS.UPDATED_BY);
    private static final List<Field<?>> VERSION_COLUMNS = List.of(POLICYHOLDER_RECORDS.RECORD_ID,
            POLICYHOLDER_RECORDS.VERSION, POLICYHOLDER_RECORDS.DATA, POLICYHOLDER_RECORDS.PATCH,
            POLICYHOLDER_RECORDS.CHECKPOINT_VERSION, POLICYHOLDER_RECORDS.EFFECTIVE_AT, POLICYHOLDER_RECORDS.VALID_TO,
            POLICYHOLDER_RECORDS.RECORDED_AT, POLICYHOLDER_RECORDS.UPDATED_AT, POLICYHOLDER_RECORDS.ACTOR,
            POLICYHOLDER_RECORDS.OPERATION, POLICYHOLDER_RECORDS.REASON, POLICYHOLDER_RECORDS.METADATA,
            POLICYHOLDER_RECORDS.APPLIED_PATCH);
    private static final List<Field<?>> AUDIT_COLUMNS = List.of(AUDIT_HISTORY.RECORD_ID, AUDIT_HISTORY.VERSION,
            AUDIT_HISTORY.EVENT_TYPE, AUDIT_HISTORY.CHANGED_AT, AUDIT_HISTORY.ACTOR, AUDIT_HISTORY.OLD_VALUE,
            AUDIT_HISTORY.NEW_VALUE, AUDIT_HISTORY.REASON, AUDIT_HISTORY.PREV_HASH, AUDIT_HISTORY.HASH,
            AUDIT_HISTORY.ACTOR_VERIFIED, AUDIT_HISTORY.LANE);
    private static final List<Field<?>> EVENT_COLUMNS = List.of(EVENT_LOGS.EVENT_TYPE, EVENT_LOGS.RECORD_ID,
            EVENT_LOGS.VERSION, EVENT_LOGS.OCCURRED_AT, EVENT_LOGS.ACTOR, EVENT_LOGS.PAYLOAD, EVENT_LOGS.PREV_HASH,
            EVENT_LOGS.HASH, EVENT_LOGS.VERSION_SHA256, EVENT_LOGS.AUDIT_ID, EVENT_LOGS.AUDIT_HASH, EVENT_LOGS.LANE);

    /**
     * The columns of a version row (SQLite's version_rows, decision 0044) that keep its audit entry
     * and event, and which of its own columns it derives: after {@link #VERSION_COLUMNS}.
     */
    static final List<Field<?>> ENTRY_COLUMNS = List.of(VERSION_ROWS.AUDIT_ID, VERSION_ROWS.AUDIT_OLD_VALUE,
            VERSION_ROWS.AUDIT_NEW_VALUE, VERSION_ROWS.AUDIT_ACTOR_VERIFIED, VERSION_ROWS.AUDIT_PREV_HASH, VERSION_ROWS.AUDIT_HASH,
            VERSION_ROWS.EVENT_ID, VERSION_ROWS.EVENT_PAYLOAD, VERSION_ROWS.EVENT_STATE_SHA256, VERSION_ROWS.EVENT_PREV_HASH,
            VERSION_ROWS.EVENT_HASH, VERSION_ROWS.EVENT_VERSION_SHA256, VERSION_ROWS.EVENT_AUDIT_ID, VERSION_ROWS.EVENT_AUDIT_HASH,
            VERSION_ROWS.ENTRY_LANE, VERSION_ROWS.ENTRIES_SHOWN, VERSION_ROWS.DERIVED, VERSION_ROWS.DERIVED_MORE);

    private final List<Prepared> all = new ArrayList<>();
    /**
     * Whether a record write's audit entry and event go into its version's row (SQLite): the
     * statements below marked "compact" exist only then.
     */
    final boolean compact;
    /** INSERT INTO policyholders, values in the order of {@link #POLICYHOLDER_COLUMNS}. */
    final Prepared insertPolicyholder;
    /** UPDATE policyholders SET region, name, latest_version, updated_at, updated_by WHERE id = ?. */
    final Prepared updatePolicyholder;
    /** INSERT INTO policyholder_records (SQLite: version_rows), values in the order of {@link #VERSION_COLUMNS}. */
    final Prepared insertVersion;
    /** INSERT INTO audit_history ... RETURNING id, values in the order of {@link #AUDIT_COLUMNS}. */
    final Prepared insertAudit;
    /** INSERT INTO event_logs ... RETURNING id, values in the order of {@link #EVENT_COLUMNS}, then the position when shared. */
    final Prepared insertEvent;
    /** The newest audit entry of a lane: id, hash (read at the start of every batch). */
    final Prepared auditHead;
    /** The newest event of a lane: id, hash, audit_id (read at the start of every batch). */
    final Prepared ledgerHead;
    /** Compact: INSERT INTO version_rows, {@link #VERSION_COLUMNS} then {@link #ENTRY_COLUMNS}. */
    final Prepared insertVersionWithEntries;
    /** Compact: INSERT INTO audit_rows with the id given first, then {@link #AUDIT_COLUMNS}. */
    final Prepared insertAuditWithId;
    /** Compact: INSERT INTO event_rows with the id given first, then {@link #EVENT_COLUMNS}. */
    final Prepared insertEventWithId;
    /** Compact: takes the next id of the audit trail from its counter, as an insert into audit_rows would. */
    final Prepared nextAuditId;
    /** Compact: takes the next id of the event log from its counter. */
    final Prepared nextEventId;

    /**
     * @param shared whether other servers write the same database (PostgreSQL): entries are then
     *               rows of their own in audit_history and event_logs, and the compact statements
     *               are {@code null}
     */
    WriteStatements(Connection connection, boolean shared) {
        DSLContext dsl = Database.dsl(connection);
        compact = !shared;
        // On SQLite policyholder_records, audit_history and event_logs are views (db/migration/V12,
        // V13): rows go into the tables beneath them, which have the same columns.
        Table<?> versionTable = compact ? VERSION_ROWS : POLICYHOLDER_RECORDS;
        Table<?> auditTable = compact ? AUDIT_ROWS : AUDIT_HISTORY;
        Table<?> eventTable = compact ? EVENT_ROWS : EVENT_LOGS;
        try {
            insertPolicyholder = prepare(connection, dsl, POLICYHOLDER_COLUMNS, insert(dsl, POLICYHOLDERS, POLICYHOLDER_COLUMNS));
            var update = dsl.update(POLICYHOLDERS).set(param(POLICYHOLDER_UPDATE_COLUMNS.get(0), 0));
            for (int i = 1; i < POLICYHOLDER_UPDATE_COLUMNS.size(); i++) {
                update = update.set(param(POLICYHOLDER_UPDATE_COLUMNS.get(i), i));
            }
            List<Field<?>> updateParams = new ArrayList<>(POLICYHOLDER_UPDATE_COLUMNS);
            updateParams.add(POLICYHOLDERS.ID);
            updatePolicyholder = prepare(connection, dsl, updateParams,
                    update.where(POLICYHOLDERS.ID.eq(DSL.param(name(updateParams.size() - 1), SQLDataType.BIGINT))));
            List<Field<?>> versionColumns = in(versionTable, VERSION_COLUMNS);
            insertVersion = prepare(connection, dsl, versionColumns, insert(dsl, versionTable, versionColumns));
            List<Field<?>> auditColumns = in(auditTable, AUDIT_COLUMNS);
            insertAudit = prepare(connection, dsl, auditColumns,
                    insert(dsl, auditTable, auditColumns).returningResult(auditTable.field(AUDIT_HISTORY.ID.getName())));
            List<Field<?>> eventColumns = in(eventTable, EVENT_COLUMNS);
            if (shared) {
                eventColumns.add(SqlEventLog.POSITION);
            }
            insertEvent = prepare(connection, dsl, eventColumns,
                    insert(dsl, eventTable, eventColumns).returningResult(eventTable.field(EVENT_LOGS.ID.getName())));
            insertVersionWithEntries = compact ? prepare(connection, dsl, withEntries(), insert(dsl, VERSION_ROWS, withEntries())) : null;
            insertAuditWithId = compact ? prepare(connection, dsl, withId(AUDIT_ROWS.ID, auditColumns),
                    insert(dsl, AUDIT_ROWS, withId(AUDIT_ROWS.ID, auditColumns))) : null;
            insertEventWithId = compact ? prepare(connection, dsl, withId(EVENT_ROWS.ID, eventColumns),
                    insert(dsl, EVENT_ROWS, withId(EVENT_ROWS.ID, eventColumns))) : null;
            nextAuditId = compact ? counter(connection, dsl, AUDIT_ROWS) : null;
            nextEventId = compact ? counter(connection, dsl, EVENT_ROWS) : null;
            auditHead = prepare(connection, dsl, List.of(AUDIT_HISTORY.LANE), dsl.select(AUDIT_HISTORY.ID, AUDIT_HISTORY.HASH)
                    .from(AUDIT_HISTORY)
                    .where(AUDIT_HISTORY.LANE.eq(DSL.param(name(0), SQLDataType.BIGINT)))
                    .orderBy(AUDIT_HISTORY.ID.desc())
                    .limit(DSL.inline(1)));
            // The id is selected too: SQLite reads a view of two tables in the order of its ids only
            // when the id is among the columns selected (a merge of both, db/migration/V12).
            ledgerHead = prepare(connection, dsl, List.of(EVENT_LOGS.LANE), dsl.select(EVENT_LOGS.ID, EVENT_LOGS.HASH, EVENT_LOGS.AUDIT_ID)
                    .from(EVENT_LOGS)
                    .where(EVENT_LOGS.LANE.eq(DSL.param(name(0), SQLDataType.BIGINT)))
                    .orderBy(EVENT_LOGS.ID.desc())
                    .limit(DSL.inline(1)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static List<Field<?>> withEntries() {
        List<Field<?>> columns = new ArrayList<>(in(VERSION_ROWS, VERSION_COLUMNS));
        columns.addAll(ENTRY_COLUMNS);
        return columns;
    }

    private static List<Field<?>> withId(Field<?> id, List<Field<?>> columns) {
        List<Field<?>> withId = new ArrayList<>(List.of(id));
        withId.addAll(columns);
        return withId;
    }

    /** The same columns in {@code table}, which has columns of the same names. */
    private static List<Field<?>> in(Table<?> table, List<Field<?>> columns) {
        List<Field<?>> same = new ArrayList<>(columns.size());
        for (Field<?> column : columns) {
            same.add(java.util.Objects.requireNonNull(table.field(column.getName()), column.getName()));
        }
        return same;
    }

    /**
     * Advances {@code table}'s AUTOINCREMENT counter (V12 makes sure it has one) and answers the
     * id it gives: the id an insert into the table would have taken, taken for a row elsewhere.
     */
    private Prepared counter(Connection connection, DSLContext dsl, Table<?> table) {
        Prepared prepared = new Prepared(connection, dsl,
                dsl.query("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = {0} RETURNING seq", DSL.inline(table.getName())));
        all.add(prepared);
        return prepared;
    }

    /** The next id of {@link #nextAuditId} or {@link #nextEventId}. */
    static long take(Prepared counter) {
        Long id = counter.first(row -> row.getLong(1));
        if (id == null) {
            throw new IllegalStateException("the database has no id counter for its entries: was it migrated?");
        }
        return id;
    }

    private Prepared prepare(Connection connection, DSLContext dsl, List<Field<?>> columns, Query query) {
        List<String> names = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            names.add(name(i));
        }
        Prepared prepared = new Prepared(connection, dsl, query, names);
        all.add(prepared);
        return prepared;
    }

    private static InsertSetMoreStep<Record> insert(DSLContext dsl, Table<?> table, List<Field<?>> columns) {
        @SuppressWarnings("unchecked")
        Table<Record> any = (Table<Record>) table;
        var step = dsl.insertInto(any).set(param(columns.get(0), 0));
        for (int i = 1; i < columns.size(); i++) {
            step = step.set(param(columns.get(i), i));
        }
        return step;
    }

    /** The column set to the {@code index}th parameter. */
    @SuppressWarnings("unchecked")
    private static java.util.Map<Field<?>, Param<?>> param(Field<?> column, int index) {
        return java.util.Map.of(column, DSL.param(name(index), (org.jooq.DataType<Object>) column.getDataType()));
    }

    private static String name(int index) {
        return "p" + index;
    }

    @Override
    public void close() {
        for (Prepared statement : all) {
            statement.close();
        }
    }
}
