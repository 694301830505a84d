package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.StoreUnavailableException;
import io.timetravel.testing.Sql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite file that another program made is refused before anything writes to it, with a
 * message saying what was found; the file stays byte for byte as it was. An empty file, or one
 * with no tables, is a new database.
 */
class ForeignDatabaseTest {

    @TempDir
    Path dir;

    /** The ways to open a SQLite file; each must refuse a foreign one. */
    private static final List<Function<Path, Database>> OPENS = List.of(Database::open, Database::openBeside,
            Database::openReadOnly);

    /** A database like the Go service's: tables of our names, and a schema_migrations of its own. */
    private Path goServiceDatabase(String journalMode) throws Exception {
        Path db = dir.resolve("go-" + journalMode + ".db");
        sql(db, "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE schema_migrations (version uint64, dirty bool)",
                "INSERT INTO schema_migrations VALUES (3, 0)",
                "CREATE TABLE policyholders (id INTEGER PRIMARY KEY, data TEXT)",
                "INSERT INTO policyholders VALUES (1, '{\"name\":\"Ada\"}')",
                "CREATE TABLE feature_flags (name TEXT PRIMARY KEY, enabled INTEGER)",
                "INSERT INTO feature_flags VALUES ('enable_v2', 1)");
        return db;
    }

    @Test
    void theGoServicesDatabaseIsRefusedSayingWhatWasFoundAndStaysAsItWas() throws Exception {
        for (String journalMode : List.of("DELETE", "WAL")) {
            Path db = goServiceDatabase(journalMode);
            byte[] before = sha256(db);
            for (Function<Path, Database> open : OPENS) {
                StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> open.apply(db).close());

                assertEquals(db + " is not a Timetravel database: it has tables feature_flags, policyholders, schema_migrations"
                        + " and a schema_migrations table of another kind (columns dirty, version); it was not changed",
                        refused.getMessage(), journalMode);
                assertUnchanged(db, before);
            }
            assertEquals("{\"name\":\"Ada\"}", Sql.scalar(db, "SELECT data FROM policyholders WHERE id = 1"));
        }
    }

    @Test
    void aDatabaseOfOtherTablesIsRefused() throws Exception {
        Path db = dir.resolve("notes.db");
        sql(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes VALUES (1, 'hello')");
        byte[] before = sha256(db);

        for (Function<Path, Database> open : OPENS) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> open.apply(db).close());

            assertEquals(db + " is not a Timetravel database: it has a table notes and no schema_migrations table;"
                    + " it was not changed", refused.getMessage());
            assertUnchanged(db, before);
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedNamingItsPath() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "these are not the tables you are looking for\n", StandardCharsets.UTF_8);
        byte[] before = sha256(text);

        for (Function<Path, Database> open : OPENS) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> open.apply(text).close());

            assertEquals(text.toAbsolutePath() + " is not a Timetravel database: it is not an SQLite file at all;"
                    + " it was not changed", refused.getMessage());
            assertUnchanged(text, before);
        }
    }

    @Test
    void anEmptyFileAndAnSqliteFileWithoutTablesAreNewDatabases() throws Exception {
        Path empty = dir.resolve("empty.db");
        Files.createFile(empty);
        Path blank = dir.resolve("blank.db");
        sql(blank, "PRAGMA user_version = 1"); // a valid SQLite file with no tables

        for (Path db : List.of(empty, blank)) {
            StoreUnavailableException unread = assertThrows(StoreUnavailableException.class, () -> Database.openReadOnly(db));
            assertEquals("no Timetravel database at " + db + ": it holds no tables yet", unread.getMessage());

            try (Database database = Database.open(db)) {
                assertEquals(Database.SCHEMA_VERSION, Sql.count(db, "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations"));
            }
            Database.openReadOnly(db).close();
        }
    }

    @Test
    void ourDatabaseOpensBesideARunningServerWhoseLogHoldsPartOfIt() throws Exception {
        Path db = dir.resolve("ours.db");
        try (Database server = Database.open(db); Connection held = server.connect();
             Statement statement = held.createStatement()) {
            statement.execute("INSERT INTO users (id, name, roles, created_at, created_by) VALUES (5, 'Ada', 'admin', '2026-01-01T00:00:00Z', 5)");
            assertTrue(Files.size(Path.of(db + "-wal")) > 0, "the write is in the log");

            try (Database beside = Database.openBeside(db)) {
                assertEquals(1, Sql.count(db, "SELECT count(*) FROM users"));
            }
            Database.openReadOnly(db).close();
        }
    }

    private static void assertUnchanged(Path db, byte[] before) throws Exception {
        assertArrayEquals(before, sha256(db), "the file is byte for byte as it was");
        for (String beside : List.of("-wal", "-shm", "-journal")) {
            assertFalse(Files.exists(Path.of(db.toAbsolutePath() + beside)), beside + " left beside " + db);
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }

    private static void sql(Path db, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
