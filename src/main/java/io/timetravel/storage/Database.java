package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database file: opens it with the settings every connection needs (WAL, full
 * synchronous commits, foreign keys, a busy timeout), applies the migrations, and makes sure no
 * second Timetravel process writes to the same file.
 */
public final class Database implements AutoCloseable {

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** How long a connection waits for a lock held by another connection (e.g. an operator's sqlite3). */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;
    private final SQLiteDataSource dataSource;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean writable;

    private Database(Path file, SQLiteDataSource dataSource, FileChannel lockChannel, FileLock lock, boolean writable) {
        this.file = file;
        this.dataSource = dataSource;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writable = writable;
    }

    /** Opens (creating it and its folder if needed) and migrates the database at {@code file}. */
    public static Database open(Path file) {
        return open(file, true);
    }

    /**
     * Opens (creating and migrating it if needed) the database at {@code file} for a short piece
     * of administration, such as the {@code users} command, whether or not a server has it open:
     * no process lock is taken, and writes wait for the server's writer through SQLite's own
     * locking (the busy timeout). Only work that keeps no cache of the tables it writes may use it.
     */
    public static Database openBeside(Path file) {
        return open(file, false);
    }

    private static Database open(Path file, boolean exclusive) {
        Path absolute = file.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            // Owner-only from the start; SQLite gives the WAL and shared-memory files the same permissions.
            OwnerOnlyFiles.createFile(absolute);
            FileLock lock = null;
            if (exclusive) {
                channel = FileChannel.open(Path.of(absolute + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = tryLock(channel);
                if (lock == null) {
                    throw new StoreUnavailableException("database " + absolute + " is in use by another Timetravel process");
                }
            }
            SQLiteDataSource dataSource = dataSource(absolute);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .javaMigrations(new AppliedPatchBackfill(), new LedgerBackfill())
                    .table("schema_migrations")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
            return new Database(absolute, dataSource, channel, lock, true);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreUnavailableException("cannot open database " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The schema version this build reads: the last migration, including the Java ones. */
    static final int SCHEMA_VERSION = 7;

    /**
     * Opens an existing database for reading only: no migrations, no lock, so it works on a copy
     * or beside a running server (readers never block the writer in WAL).
     */
    public static Database openReadOnly(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new StoreUnavailableException("no database at " + absolute);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);
        Database database = new Database(absolute, dataSource, null, null, false);
        int schema;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery(
                     "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations WHERE success = 1")) {
            schema = result.next() ? result.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException(absolute + " is not a Timetravel database: " + e.getMessage(), e);
        }
        if (schema < SCHEMA_VERSION) {
            throw new StoreUnavailableException(absolute + " was written by an older Timetravel (schema " + schema
                    + ", this one reads " + SCHEMA_VERSION + "); start the server or the workbench on it once to migrate it");
        }
        return database;
    }

    /** Whether this database was opened by {@link #openReadOnly}. */
    public boolean readOnly() {
        return !writable;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this very process has it open already
        }
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-16_000); // KiB per connection
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /** A new connection with the store's settings; the caller closes it. */
    public Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            if (writable) {
                try (Statement statement = connection.createStatement()) {
                    // Keep WAL from growing without bound under a steady write load.
                    statement.execute("PRAGMA wal_autocheckpoint = 1000");
                }
            }
            return connection;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect to database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A jOOQ context bound to one connection. */
    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.SQLITE, settings());
    }

    static Settings settings() {
        return new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false)
                .withFetchTriggerValuesAfterReturning(org.jooq.conf.FetchTriggerValuesAfterReturning.NEVER);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // The lock goes with the channel anyway.
            }
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Nothing more to do while closing.
            }
        }
    }
}
