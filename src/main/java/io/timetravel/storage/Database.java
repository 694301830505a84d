package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.service.StoreUnavailableException;
import io.timetravel.storage.jooq.tables.PolicyholderRecords;
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
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database, on one of two engines (docs/decisions/0029). A SQLite file: opened with the
 * settings every connection needs (WAL, full synchronous commits, foreign keys, a busy timeout),
 * migrated, and locked so that no second Timetravel process writes to it. A PostgreSQL
 * database: migrated with its own scripts and shared by any number of servers, whose writers
 * each keep their own lane of the hash chains.
 *
 * <p>Everything that differs between the engines is decided here and in the storage classes
 * that ask {@link #engine()}; nothing above the storage layer knows which one it runs on.
 */
public final class Database implements AutoCloseable {

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** How long a connection waits for a lock held by another connection (e.g. an operator's sqlite3). */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** SQLite page cache of each reading connection, in KiB. */
    static final int PAGE_CACHE_KIB = 512;
    /**
     * SQLite page cache of the writer's connection, in KiB: it walks the indexes every write
     * extends. 4 MB since a small version takes about 400 bytes rather than 1,100 (decisions 0044
     * and 0046): the pages a write touches fit as before, and the server's peak is 4 MB lower.
     */
    static final int WRITER_PAGE_CACHE_KIB = 4_000;

    /** The engines the store runs on. */
    enum Engine {
        SQLITE(SQLDialect.SQLITE),
        POSTGRES(SQLDialect.POSTGRES);

        private final SQLDialect dialect;

        Engine(SQLDialect dialect) {
            this.dialect = dialect;
        }

        SQLDialect dialect() {
            return dialect;
        }

        static Engine of(Connection connection) {
            try {
                String url = connection.getMetaData().getURL();
                return url != null && url.startsWith("jdbc:postgresql:") ? POSTGRES : SQLITE;
            } catch (SQLException e) {
                throw new StoreUnavailableException("cannot tell the database engine: " + e.getMessage(), e);
            }
        }
    }

    private final DbTarget target;
    private final Path file;
    private final DataSource dataSource;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean writable;

    private Database(DbTarget target, DataSource dataSource, FileChannel lockChannel, FileLock lock, boolean writable) {
        this.target = target;
        this.file = target.file();
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
     * Opens and migrates the database {@code target} names: a SQLite file as {@link #open(Path)}
     * does; a PostgreSQL database, which must exist (it may be empty), shared with other servers.
     */
    public static Database open(DbTarget target) {
        return target.postgres() ? openPostgres(target, true) : open(target.file(), true);
    }

    /** {@link #openBeside(Path)} for either engine (on PostgreSQL there is no difference from {@link #open(DbTarget)}). */
    public static Database openBeside(DbTarget target) {
        return target.postgres() ? openPostgres(target, true) : open(target.file(), false);
    }

    /** {@link #openReadOnly(Path)} for either engine: no migrations, no writer. */
    public static Database openReadOnly(DbTarget target) {
        return target.postgres() ? openPostgres(target, false) : openReadOnly(target.file());
    }

    private static Database openPostgres(DbTarget target, boolean writable) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(target.url());
        target.connectionProperties().forEach((key, value) -> {
            try {
                dataSource.setProperty(key.toString(), value.toString());
            } catch (SQLException e) {
                throw new IllegalArgumentException("bad database setting " + key + ": " + e.getMessage(), e);
            }
        });
        Database database = new Database(target, dataSource, null, null, writable);
        try (Connection connection = database.connect()) {
            connection.isValid(5);
        } catch (SQLException | RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to database " + target.describe() + ": " + rootMessage(e), e);
        }
        if (writable) {
            try {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/postgresql")
                        .table("schema_migrations")
                        .cleanDisabled(true)
                        .load()
                        .migrate();
            } catch (RuntimeException e) {
                throw new StoreUnavailableException("cannot migrate database " + target.describe() + ": " + rootMessage(e), e);
            }
        } else {
            database.checkSchema();
        }
        return database;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
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
            if (Files.isDirectory(absolute)) {
                throw new StoreUnavailableException("cannot open database " + absolute + ": it is a folder, not a file");
            }
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
            // Before anything writes to it: a file another program made is refused as it is.
            ForeignFileCheck.inspect(absolute);
            SQLiteDataSource dataSource = dataSource(absolute);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .javaMigrations(new AppliedPatchBackfill(), new LedgerBackfill())
                    .table("schema_migrations")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
            return new Database(DbTarget.sqlite(absolute), dataSource, channel, lock, true);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreUnavailableException("cannot open database " + absolute + ": " + FileReason.of(e, absolute), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The schema version this build reads: the last migration, including the Java ones. */
    static final int SCHEMA_VERSION = 16;

    /**
     * Opens an existing database for reading only: no migrations, no lock, so it works on a copy
     * or beside a running server (readers never block the writer in WAL).
     */
    public static Database openReadOnly(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new StoreUnavailableException("no database at " + absolute);
        }
        if (ForeignFileCheck.inspect(absolute) == ForeignFileCheck.Kind.NEW) {
            throw new StoreUnavailableException("no Timetravel database at " + absolute + ": it holds no tables yet");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);
        Database database = new Database(DbTarget.sqlite(absolute), dataSource, null, null, false);
        database.checkSchema();
        return database;
    }

    private void checkSchema() {
        int schema;
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery(
                     "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations WHERE success = " + (engine() == Engine.POSTGRES ? "true" : "1"))) {
            schema = result.next() ? result.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException(target.describe() + " is not a Timetravel database: " + e.getMessage(), e);
        }
        if (schema < SCHEMA_VERSION) {
            throw new StoreUnavailableException(target.describe() + " was written by an older Timetravel (schema " + schema
                    + ", this one reads " + SCHEMA_VERSION + "); start the server or the workbench on it once to migrate it");
        }
    }

    /** The engine this database runs on. */
    Engine engine() {
        return target.postgres() ? Engine.POSTGRES : Engine.SQLITE;
    }

    /** Where the database is: the SQLite file, or the PostgreSQL URL without its password. */
    public String describe() {
        return target.describe();
    }

    public DbTarget target() {
        return target;
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
        // Ids come back through RETURNING. Left on, the driver ran "SELECT last_insert_rowid()" as a
        // statement of its own after every INSERT: 7% of the writer thread's time (decision 0040).
        config.setGetGeneratedKeys(false);
        // Reads are served from the timeline cache on the heap, and 16 MB on each of ten connections
        // grew the server's native memory by up to 160 MB, outside the heap limit (decision 0036);
        // the writer's connection gets more (connectForWrites).
        config.setCacheSize(-PAGE_CACHE_KIB);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /** A new connection with the store's settings; the caller closes it. */
    public Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            if (target.postgres()) {
                // A read-only open (verify, rebuild's source) cannot write even by mistake.
                connection.setReadOnly(!writable);
                return connection;
            }
            if (writable) {
                try (Statement statement = connection.createStatement()) {
                    // Keep WAL from growing without bound under a steady write load.
                    statement.execute("PRAGMA wal_autocheckpoint = 1000");
                }
            }
            return connection;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect to database " + target.describe() + ": " + e.getMessage(), e);
        }
    }

    /** A connection for the writer: {@link #connect()}, with a larger page cache on SQLite. */
    Connection connectForWrites() {
        Connection connection = connect();
        if (!target.postgres()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA cache_size = -" + WRITER_PAGE_CACHE_KIB);
            } catch (SQLException e) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Failing anyway.
                }
                throw new StoreUnavailableException("cannot set up the writer's connection to " + target.describe() + ": "
                        + e.getMessage(), e);
            }
        }
        return connection;
    }

    /**
     * Loads and links what the store's first statements need, jOOQ's renderer above all (about a
     * second of a cold start on two cores), without a connection: a thread can do it while
     * another opens and migrates the database.
     */
    public static void warmUp() {
        DSLContext dsl = DSL.using(SQLDialect.SQLITE, settings());
        PolicyholderRecords versions = POLICYHOLDER_RECORDS;
        dsl.select(versions.VERSION, versions.RECORDED_AT).from(versions)
                .where(versions.RECORD_ID.eq(1L)).and(versions.VERSION.gt(0L))
                .orderBy(versions.VERSION).limit(1).offset(0).getSQL();
        dsl.insertInto(versions).set(versions.RECORD_ID, 1L).set(versions.VERSION, 1L).returning().getSQL();
        dsl.update(versions).set(versions.REASON, "").where(versions.RECORD_ID.eq(1L)).getSQL();
        dsl.select(DSL.max(versions.RECORDED_AT)).from(versions).fetchSize(1).getSQL();
    }

    /** A jOOQ context bound to one connection, in its engine's dialect. */
    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, Engine.of(connection).dialect(), settings());
    }

    static Settings settings() {
        return new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false)
                .withFetchTriggerValuesAfterReturning(org.jooq.conf.FetchTriggerValuesAfterReturning.NEVER);
    }

    /** The SQLite file, or {@code null} on PostgreSQL. */
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
