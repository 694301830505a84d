package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.AUDIT_ROWS;
import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.EVENT_ROWS;
import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;
import static io.timetravel.storage.jooq.Tables.VERSION_ROWS;
import static io.timetravel.storage.jooq.Tables.VERSION_ROWS_AS_WRITTEN;

import io.timetravel.service.LedgerStore;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.storage.jooq.DefaultSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Copies a SQLite database into an empty PostgreSQL one (docs/decisions/0031): every row of every
 * table, every column as stored, with its id, in one PostgreSQL transaction that commits only
 * when the ledger verifies on the copy with the same heads as on the source.
 *
 * <p>The tables and their columns are those of the generated jOOQ classes, so a table or column
 * added to the schema is copied without a change here; a column present in either database that
 * this build does not know stops the copy rather than being left out. Rows are streamed from one
 * read transaction on the source (a consistent snapshot, even beside a running server) and
 * inserted in batches, so memory stays bounded whatever the size of the database.
 */
public final class DatabaseCopy {

    /** Rows per INSERT: at most 16 columns a row stay far below PostgreSQL's 65,535 parameters a statement. */
    static final int BATCH = 500;

    /**
     * SQLite's views policyholder_records, audit_history and event_logs (db/migration/V12, V13) and
     * the tables beneath them: PostgreSQL has the views' names as tables, and the copy reads the
     * views. A view's keys and id counter are those of its table.
     */
    private static final Map<Table<?>, Table<?>> TABLE_BENEATH = Map.of(POLICYHOLDER_RECORDS, VERSION_ROWS,
            AUDIT_HISTORY, AUDIT_ROWS, EVENT_LOGS, EVENT_ROWS);

    /**
     * SQLite's copies of version rows that a change by hand touched (V16): what they hold is in the
     * events' version_sha256, which the copy writes out.
     */
    private static final Set<Table<?>> SQLITE_ONLY = Set.of(VERSION_ROWS_AS_WRITTEN);

    /** The table whose rows replace the target's rather than meet an empty table: the migrations seed it. */
    private static final Table<?> SEEDED = FEATURE_FLAGS;

    /** PostgreSQL's column that SQLite lacks: the order streams deliver events in; a copied event's is its id. */

    private final int batchSize;

    public DatabaseCopy() {
        this(BATCH);
    }

    DatabaseCopy(int batchSize) {
        this.batchSize = batchSize;
    }

    /** How many rows of a table were copied. */
    public record TableCount(String table, long rows) {
    }

    /**
     * What a copy did.
     *
     * @param tables the tables in the order they were copied, with their row counts
     * @param source the ledger verification of the source, on the very read that was copied
     * @param target the same verification of the copy, before it was committed
     * @param took   how long the copy and both verifications took
     */
    public record Result(List<TableCount> tables, LedgerVerification source, LedgerVerification target, Duration took) {

        public long rows() {
            return tables.stream().mapToLong(TableCount::rows).sum();
        }
    }

    /** Why a copy did not happen or did not commit; the target is left as it was. */
    public static final class CopyRefusedException extends RuntimeException {
        public CopyRefusedException(String message) {
            super(message);
        }

    }

    /**
     * Copies {@code source} (opened read-only, a SQLite file) into {@code target} (opened and
     * migrated, PostgreSQL, holding nothing but its seeded flags).
     *
     * @param verify   checks a ledger (the caller's LedgerService, with its digest log and key):
     *                 run on the source and on the copy, which commits only when both hold with the same heads
     * @param progress told of each table as it is done
     * @throws CopyRefusedException when the target is not empty, either database has a column this
     *                              build does not know, or the copy does not verify as the source does
     */
    public Result copy(Database source, Database target, Function<LedgerStore, LedgerVerification> verify, Consumer<TableCount> progress) {
        Objects.requireNonNull(verify, "verify");
        if (source.engine() != Database.Engine.SQLITE || !source.readOnly()) {
            throw new IllegalArgumentException("the source must be a SQLite database opened read-only");
        }
        if (target.engine() != Database.Engine.POSTGRES || target.readOnly()) {
            throw new IllegalArgumentException("the target must be a PostgreSQL database opened for writing");
        }
        long started = System.nanoTime();
        List<Table<?>> tables = inDependencyOrder(DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .filter(table -> !TABLE_BENEATH.containsValue(table) && !SQLITE_ONLY.contains(table))
                .toList());
        try (Connection from = source.connect(); Connection to = target.connect()) {
            from.setAutoCommit(false); // one read transaction: every table from the same snapshot
            to.setAutoCommit(false);   // one write transaction: all or nothing
            try {
                DSLContext read = Database.dsl(from);
                DSLContext write = Database.dsl(to);
                checkColumns(from, tables, Set.of(), source.describe());
                checkColumns(to, tables, Set.of(EVENT_LOGS.getName() + "." + SqlEventLog.POSITION.getName()), target.describe());
                lock(write, tables);
                checkEmpty(write, tables, target.describe());
                LedgerVerification before = verify.apply(SqlLedger.within(read));
                if (!before.ok()) {
                    throw new CopyRefusedException("the source " + source.describe() + " does not verify: "
                            + before.broken().reason() + "; run verify on it for the details");
                }
                List<TableCount> counts = new ArrayList<>();
                for (Table<?> table : tables) {
                    TableCount count = copyTable(read, write, table);
                    counts.add(count);
                    progress.accept(count);
                }
                Map<String, Long> issued = new LinkedHashMap<>();
                for (Table<?> table : tables) {
                    issued.put(table.getName(), continueIds(read, write, table));
                }
                // What verify takes for the ids given out on PostgreSQL (docs/decisions/0029): all in lane 0.
                write.execute("INSERT INTO chain_lanes (lane, last_audit_id, last_event_id) VALUES (0, ?, ?)",
                        issued.getOrDefault(AUDIT_HISTORY.getName(), 0L), issued.getOrDefault(EVENT_LOGS.getName(), 0L));
                LedgerVerification after = verify.apply(SqlLedger.within(write));
                checkSameHeads(before, after);
                to.commit();
                return new Result(List.copyOf(counts), before, after, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(to);
                throw e;
            } finally {
                rollbackQuietly(from);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the copy failed, nothing was written: " + e.getMessage(), e);
        } catch (DataAccessException e) {
            throw new StoreUnavailableException("the copy failed, nothing was written: " + firstLine(e), e);
        }
    }

    /** The tables with every table after those its foreign keys refer to, else by name. */
    static List<Table<?>> inDependencyOrder(List<Table<?>> all) {
        List<Table<?>> remaining = new ArrayList<>(all);
        remaining.sort(Comparator.comparing(Table::getName));
        List<Table<?>> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (!remaining.isEmpty()) {
            Table<?> next = remaining.stream()
                    .filter(table -> beneath(table).getReferences().stream()
                            .map(reference -> reference.getKey().getTable().getName())
                            .map(DatabaseCopy::viewOver)
                            .allMatch(name -> done.contains(name) || name.equals(table.getName())))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("foreign keys in a cycle among " + remaining));
            remaining.remove(next);
            ordered.add(next);
            done.add(next.getName());
        }
        return ordered;
    }

    /** The table beneath a view of SQLite's, else the table itself. */
    private static Table<?> beneath(Table<?> table) {
        return TABLE_BENEATH.getOrDefault(table, table);
    }

    /** The name of the view over the table named {@code name}, else {@code name}. */
    private static String viewOver(String name) {
        return TABLE_BENEATH.entrySet().stream().filter(entry -> entry.getValue().getName().equals(name))
                .map(entry -> entry.getKey().getName()).findFirst().orElse(name);
    }

    /** A database's columns must be those of this build's tables (plus {@code extra}, as table.column): nothing is left out. */
    private static void checkColumns(Connection connection, List<Table<?>> tables, Set<String> extra, String where) throws SQLException {
        Set<String> unknown = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        String current = connection.getSchema();
        for (Table<?> table : tables) {
            Set<String> present = new LinkedHashSet<>();
            try (ResultSet columns = meta.getColumns(null, null, table.getName(), null)) {
                while (columns.next()) {
                    String schema = columns.getString("TABLE_SCHEM");
                    boolean here = schema == null || schema.equals(current) || schema.equals("main");
                    // A table name is a LIKE pattern, where _ matches any character.
                    if (here && columns.getString("TABLE_NAME").equalsIgnoreCase(table.getName())) {
                        present.add(columns.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            Set<String> known = Arrays.stream(table.fields()).map(Field::getName).collect(Collectors.toCollection(LinkedHashSet::new));
            for (String column : present) {
                if (!known.contains(column) && !extra.contains(table.getName() + "." + column)) {
                    unknown.add(table.getName() + "." + column);
                }
            }
            for (String column : known) {
                if (!present.contains(column)) {
                    missing.add(table.getName() + "." + column);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new CopyRefusedException(where + " has columns this build does not know (" + String.join(", ", unknown)
                    + "); copy with the build that wrote it");
        }
        if (!missing.isEmpty()) {
            throw new CopyRefusedException(where + " lacks columns this build writes (" + String.join(", ", missing) + ")");
        }
    }

    /** No server may write to the target while it is checked and filled; reads go on. */
    private static void lock(DSLContext write, List<Table<?>> tables) {
        write.execute("LOCK TABLE " + tables.stream().map(table -> write.render(DSL.name(table.getName())))
                .collect(Collectors.joining(", ")) + " IN EXCLUSIVE MODE");
    }

    private static void checkEmpty(DSLContext write, List<Table<?>> tables, String where) {
        List<String> holding = new ArrayList<>();
        for (Table<?> table : tables) {
            boolean rows = table == SEEDED
                    ? write.fetchExists(DSL.selectOne().from(FEATURE_FLAGS).where(FEATURE_FLAGS.UPDATED_BY.isNotNull()))
                    : write.fetchExists(DSL.selectOne().from(table));
            if (rows) {
                holding.add(table == SEEDED ? table.getName() + " (changed flags)" : table.getName());
            }
        }
        if (!holding.isEmpty()) {
            throw new CopyRefusedException(where + " is not empty (rows in " + String.join(", ", holding)
                    + "); migrate copies only into a new, empty database, and changed nothing");
        }
    }

    private TableCount copyTable(DSLContext read, DSLContext write, Table<?> table) {
        List<Field<?>> fields = List.of(table.fields());
        boolean events = table.getName().equals(EVENT_LOGS.getName());
        List<Field<?>> columns = new ArrayList<>(fields);
        if (events) {
            columns.add(SqlEventLog.POSITION);
        }
        if (table == SEEDED) {
            write.deleteFrom(table).execute();
        }
        long rows = 0;
        try (Cursor<? extends Record> cursor = read.select(fields).from(table).orderBy(order(table)).fetchSize(batchSize).fetchLazy()) {
            List<Object[]> batch = new ArrayList<>(batchSize);
            for (Record row : cursor) {
                Object[] values = Arrays.copyOf(row.intoArray(), columns.size());
                if (events) {
                    values[fields.size()] = row.get(EVENT_LOGS.ID);
                }
                batch.add(values);
                rows++;
                if (batch.size() == batchSize) {
                    insert(write, table, columns, events ? LedgerRows.withComputedDigests(read, fields, batch) : batch);
                }
            }
            insert(write, table, columns, events ? LedgerRows.withComputedDigests(read, fields, batch) : batch);
        }
        return new TableCount(table.getName(), rows);
    }

    /** One INSERT of many rows: far fewer round trips than a row at a time. */
    private static void insert(DSLContext write, Table<?> table, List<Field<?>> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        InsertValuesStepN<?> insert = write.insertInto(table).columns(columns);
        for (Object[] row : rows) {
            insert = insert.values(row);
        }
        insert.execute();
        rows.clear();
    }

    /** The primary key, else the first unique key: versions in order, as the target's trigger wants them. */
    private static List<SortField<?>> order(Table<?> table) {
        Table<?> keyed = beneath(table);
        UniqueKey<?> key = keyed.getPrimaryKey() != null ? keyed.getPrimaryKey()
                : keyed.getUniqueKeys().stream().findFirst().orElse(null);
        List<Field<?>> fields = key != null ? key.getFields().stream().<Field<?>>map(field -> table.field(field.getName())).toList()
                : List.of(table.fields());
        return fields.stream().<SortField<?>>map(Field::asc).toList();
    }

    /**
     * The target's identity sequence continues after every id the source gave out: its highest
     * id, or SQLite's AUTOINCREMENT counter when rows after it were deleted, so no id is reused.
     */
    private static long continueIds(DSLContext read, DSLContext write, Table<?> table) {
        // A view's ids come from the counter of the table beneath it.
        Table<?> counted = beneath(table);
        if (counted.getIdentity() == null) {
            return 0;
        }
        Field<?> id = table.field(counted.getIdentity().getField().getName());
        String counterName = counted.getName();
        long issued = 0;
        Object counter = read.fetchValue("SELECT seq FROM sqlite_sequence WHERE name = ?", counterName);
        if (counter != null) {
            issued = Long.parseLong(counter.toString());
        }
        Object highest = write.select(DSL.max(id)).from(table).fetchOne(0);
        if (highest != null) {
            issued = Math.max(issued, Long.parseLong(highest.toString()));
        }
        if (issued > 0) {
            write.fetch("SELECT setval(pg_get_serial_sequence(?, ?), ?)", table.getName(), id.getName(), issued);
        }
        return issued;
    }

    private static void checkSameHeads(LedgerVerification source, LedgerVerification copy) {
        if (!copy.ok()) {
            throw new CopyRefusedException("the copy does not verify (" + copy.broken().reason() + "); nothing was written");
        }
        Map<String, Object[]> compared = new LinkedHashMap<>();
        compared.put("audit entries", new Object[] {source.auditEntries(), copy.auditEntries()});
        compared.put("audit head", new Object[] {source.auditHead(), copy.auditHead()});
        compared.put("ledger entries", new Object[] {source.ledgerEntries(), copy.ledgerEntries()});
        compared.put("ledger head", new Object[] {source.ledgerHead(), copy.ledgerHead()});
        compared.put("versions", new Object[] {source.versions(), copy.versions()});
        compared.put("lanes", new Object[] {source.lanes(), copy.lanes()});
        for (Map.Entry<String, Object[]> entry : compared.entrySet()) {
            if (!Objects.equals(entry.getValue()[0], entry.getValue()[1])) {
                throw new CopyRefusedException("the copy's " + entry.getKey() + " is " + entry.getValue()[1] + ", the source's "
                        + entry.getValue()[0] + "; nothing was written");
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection closes next; an open transaction ends with it.
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
