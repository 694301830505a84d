package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerStore;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.storage.jooq.DefaultSchema;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.PostgresServer;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy itself: its order, its batches, and that a copy that fails anywhere leaves the target as it was. */
class DatabaseCopyTest {

    @TempDir
    Path dir;

    private Path source() {
        Path file = dir.resolve("source.db");
        MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(file, clock)) {
            for (int round = 0; round < 7; round++) {
                for (int id = 1; id <= 3; id++) {
                    clock.advance(Duration.ofMinutes(5));
                    fixture.write(id, "{\"premium\":" + (round * 10 + id) + "}");
                }
            }
        }
        return file;
    }

    private static Function<LedgerStore, LedgerVerification> verifier(Path file) {
        return store -> new LedgerService(store, DigestLogFile.beside(file), null, Clock.systemUTC()).verify();
    }

    private static List<String> names(List<Table<?>> tables) {
        return tables.stream().map(Table::getName).toList();
    }

    @Test
    void everyTableComesAfterTheTablesItRefersTo() {
        List<String> order = names(DatabaseCopy.inDependencyOrder(DefaultSchema.DEFAULT_SCHEMA.getTables()));

        assertEquals(DefaultSchema.DEFAULT_SCHEMA.getTables().size(), order.size());
        assertTrue(order.indexOf("policyholder_records") > order.indexOf("event_logs")
                && order.indexOf("policyholder_records") > order.indexOf("feature_flags"), order::toString);
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            table.getReferences().forEach(reference -> assertTrue(
                    order.indexOf(reference.getKey().getTable().getName()) < order.indexOf(table.getName()), order::toString));
        }
    }

    @Test
    void smallBatchesCopyEveryRowAndTheIdsGoOnAfterThem() throws Exception {
        Path file = source();
        DbTarget target = PostgresServer.freshDatabase();
        List<DatabaseCopy.TableCount> told = new ArrayList<>();

        DatabaseCopy.Result result;
        try (Database from = Database.openReadOnly(DbTarget.sqlite(file)); Database to = Database.open(target)) {
            result = new DatabaseCopy(4).copy(from, to, verifier(file), told::add);
        }

        assertEquals(told, result.tables());
        assertEquals(21, count(result, "policyholder_records"));
        assertEquals(Sql.count(file, "SELECT count(*) FROM event_logs"), count(result, "event_logs"));
        assertEquals(Sql.count(file, "SELECT count(*) FROM audit_history"), count(result, "audit_history"));
        assertEquals(result.source().ledgerHead(), result.target().ledgerHead());
        assertEquals(21, result.target().versions());
        try (Database to = Database.openReadOnly(target); Connection connection = to.connect(); Statement statement = connection.createStatement();
             ResultSet next = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('event_logs', 'id'))")) {
            assertTrue(next.next());
            assertEquals(Sql.count(file, "SELECT max(id) FROM event_logs") + 1, next.getLong(1));
        }
    }

    private static long count(DatabaseCopy.Result result, String table) {
        return result.tables().stream().filter(count -> count.table().equals(table)).findFirst().orElseThrow().rows();
    }

    @Test
    void aCopyThatFailsHalfWayLeavesTheTargetEmpty() throws Exception {
        Path file = source();
        // Refuses a fifth version: after the events, the flags and the audit trail went in.
        DbTarget target = migratedAnd("ALTER TABLE policyholder_records ADD CONSTRAINT few_versions CHECK (version < 5)");

        StoreUnavailableException failed = copyFails(file, target, StoreUnavailableException.class);

        assertTrue(failed.getMessage().startsWith("the copy failed, nothing was written: "), failed.getMessage());
        assertTrue(failed.getMessage().contains("few_versions"), failed.getMessage());
        assertEquals(List.of("0", "0", "0", "4"), rowCounts(target));
    }

    @Test
    void aColumnThisBuildDoesNotKnowStopsTheCopyRatherThanBeingLeftOut() throws Exception {
        Path file = source();
        DbTarget target = migratedAnd("ALTER TABLE users ADD COLUMN nickname text");

        DatabaseCopy.CopyRefusedException refused = copyFails(file, target, DatabaseCopy.CopyRefusedException.class);

        assertTrue(refused.getMessage().contains("has columns this build does not know (users.nickname)"), refused.getMessage());
        assertEquals(List.of("0", "0", "0", "4"), rowCounts(target));
    }

    @Test
    void aSourceThatDoesNotVerifyIsNotCopied() throws Exception {
        Path file = source();
        Sql.update(file, "UPDATE policyholder_records SET actor = 9 WHERE record_id = 1 AND version = 2");
        DbTarget target = PostgresServer.freshDatabase();

        DatabaseCopy.CopyRefusedException refused = copyFails(file, target, DatabaseCopy.CopyRefusedException.class);

        assertTrue(refused.getMessage().startsWith("the source " + file + " does not verify: version row does not match"), refused.getMessage());
        assertEquals(List.of("0", "0", "0", "4"), rowCounts(target));
    }

    /** A new PostgreSQL database, migrated, then changed by {@code ddl}. */
    private static DbTarget migratedAnd(String ddl) throws Exception {
        DbTarget target = PostgresServer.freshDatabase();
        try (Database to = Database.open(target); Connection connection = to.connect(); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
        return target;
    }

    /** Copies {@code file} into {@code target} in batches of 2, which must fail with {@code expected}. */
    private static <T extends Throwable> T copyFails(Path file, DbTarget target, Class<T> expected) {
        try (Database from = Database.openReadOnly(DbTarget.sqlite(file)); Database to = Database.open(target)) {
            return assertThrows(expected, () -> new DatabaseCopy(2).copy(from, to, verifier(file), count -> { }));
        }
    }

    /** Versions, events, audit entries and flags on the target. */
    private static List<String> rowCounts(DbTarget target) throws Exception {
        try (Database to = Database.openReadOnly(target); Connection connection = to.connect(); Statement statement = connection.createStatement();
             ResultSet counts = statement.executeQuery("SELECT (SELECT count(*) FROM policyholder_records), (SELECT count(*) FROM event_logs),"
                     + " (SELECT count(*) FROM audit_history), (SELECT count(*) FROM feature_flags)")) {
            assertTrue(counts.next());
            return List.of(counts.getString(1), counts.getString(2), counts.getString(3), counts.getString(4));
        }
    }
}
