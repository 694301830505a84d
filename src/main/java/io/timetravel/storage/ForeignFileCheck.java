package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Looks at a SQLite file before anything writes to it, and refuses one that another program
 * made: migrating it would add our tables beside its own, or fail half-way on a
 * {@code schema_migrations} table of another kind. The file is read without changing a byte of
 * it and without leaving files beside it.
 *
 * <p>A file is ours when it is empty, holds no tables at all (a new database), or has the
 * {@code schema_migrations} table our migrations keep; anything else is foreign.
 */
final class ForeignFileCheck {

    /** The first 16 bytes of every SQLite database file. */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** The columns of the history table our migration tool keeps as {@code schema_migrations}. */
    private static final Set<String> MIGRATION_COLUMNS = Set.of("installed_rank", "version", "description", "type",
            "script", "checksum", "installed_by", "installed_on", "execution_time", "success");

    /** What a file holds. */
    enum Kind {
        /** Empty, or an SQLite database with no tables: migrating it makes it ours. */
        NEW,
        /** A database with our migration history. */
        OURS
    }

    private ForeignFileCheck() {
    }

    /**
     * Says whether {@code file} (which exists) is new or ours.
     *
     * @throws StoreUnavailableException saying what was found when it is neither; the file is left as it was
     */
    static Kind inspect(Path file) {
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read database " + file + ": " + e.getMessage(), e);
        }
        if (read == 0) {
            return Kind.NEW;
        }
        if (read < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
            throw new StoreUnavailableException(file + " is not a Timetravel database: it is not an SQLite file at all;"
                    + " it was not changed");
        }
        List<String> tables = new ArrayList<>();
        Set<String> migrationColumns = new TreeSet<>();
        try (Connection connection = reader(file).getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            if (tables.contains("schema_migrations")) {
                try (ResultSet result = statement.executeQuery("SELECT name FROM pragma_table_info('schema_migrations')")) {
                    while (result.next()) {
                        migrationColumns.add(result.getString(1).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(file + " is not a Timetravel database: it cannot be read as one ("
                    + e.getMessage() + "); it was not changed", e);
        }
        if (tables.isEmpty()) {
            return Kind.NEW;
        }
        if (migrationColumns.containsAll(MIGRATION_COLUMNS)) {
            return Kind.OURS;
        }
        String found = tables.size() == 1 ? "a table " : "tables ";
        String migrations = !tables.contains("schema_migrations") ? " and no schema_migrations table"
                : " and a schema_migrations table of another kind (columns " + String.join(", ", migrationColumns) + ")";
        throw new StoreUnavailableException(file + " is not a Timetravel database: it has " + found
                + String.join(", ", shortList(tables)) + migrations + "; it was not changed");
    }

    /** At most 12 names, then how many more. */
    private static List<String> shortList(List<String> names) {
        if (names.size() <= 12) {
            return names;
        }
        List<String> shown = new ArrayList<>(names.subList(0, 12));
        shown.add("and " + (names.size() - 12) + " more");
        return shown;
    }

    /**
     * A read-only connection that cannot change the file. Without a write-ahead log beside the
     * file it is opened immutable: no locks, no shared-memory file, nothing written. With one
     * (a server running, or one that stopped without cleaning up) the log holds part of the
     * database, so it is opened read-only the ordinary way, which reads the log and writes nothing
     * back to the file.
     */
    private static SQLiteDataSource reader(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        config.setBusyTimeout(Database.BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        boolean log = Files.exists(Path.of(file + "-wal"));
        dataSource.setUrl("jdbc:sqlite:" + file.toUri().toString().replaceFirst("^file:///", "file:/")
                + (log ? "?mode=ro" : "?mode=ro&immutable=1"));
        return dataSource;
    }
}
