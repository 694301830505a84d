package io.timetravel.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;

/**
 * The writer thread's connection, with the statements prepared on it and the lane of the hash
 * chains it extends; on a shared database it is replaced when the server loses it.
 */
final class WriterConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SingleWriter.class.getName());

    private final Database database;
    /** Whether other servers write the same database (PostgreSQL): rows are locked, conflicts retried. */
    private final boolean shared;
    /** Told when the connection was replaced: what was cached about the database may be stale. */
    private final Runnable onReconnect;
    // Replaced together when a shared database's connection is lost (heal); the writer thread's only.
    private Connection connection;
    private DSLContext dsl;
    private VersionQueries queries;
    private WriteStatements statements;
    /** The lane of the hash chains this writer extends (docs/decisions/0029): always 0 on SQLite. */
    private long lane;

    WriterConnection(Database database, long lane, Runnable onReconnect) {
        this.database = database;
        this.shared = database.engine() == Database.Engine.POSTGRES;
        this.onReconnect = onReconnect;
        this.connection = database.connectForWrites();
        this.dsl = Database.dsl(connection);
        this.lane = shared ? Lanes.claim(dsl, lane) : lane;
        this.queries = new VersionQueries(connection);
        this.statements = new WriteStatements(connection, shared);
    }

    boolean shared() {
        return shared;
    }

    DSLContext dsl() {
        return dsl;
    }

    VersionQueries queries() {
        return queries;
    }

    WriteStatements statements() {
        return statements;
    }

    /** The lane of the chains this writer extends. */
    long lane() {
        return lane;
    }

    /**
     * On a shared database, a connection the server lost (PostgreSQL restarted, a network cut) is
     * replaced, and the lane it held claimed again: its advisory lock went with the connection.
     */
    void heal() {
        if (!shared) {
            return;
        }
        try {
            if (connection.isValid(2)) {
                return;
            }
        } catch (SQLException ignored) {
            // Not valid, then.
        }
        try {
            Connection fresh = database.connectForWrites();
            DSLContext freshDsl = Database.dsl(fresh);
            long claimed = Lanes.claim(freshDsl, lane);
            queries.close();
            statements.close();
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Gone anyway.
            }
            connection = fresh;
            dsl = freshDsl;
            queries = new VersionQueries(fresh);
            statements = new WriteStatements(fresh, true);
            onReconnect.run();
            LOG.log(System.Logger.Level.WARNING, "writer reconnected to " + database.describe() + "; lane " + lane
                    + (claimed == lane ? "" : ", now lane " + claimed));
            lane = claimed;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "writer cannot reconnect to " + database.describe() + ": " + e.getMessage());
        }
    }

    /**
     * Starts the batch's transaction; on a shared database, on a new connection if the old one is
     * gone. SQLite takes the write lock now, not at the first write (which could then fail busy).
     */
    void begin() throws SQLException {
        try {
            execute(shared ? "BEGIN" : "BEGIN IMMEDIATE");
        } catch (SQLException e) {
            Connection before = connection;
            heal();
            if (connection == before) {
                throw e;
            }
            execute("BEGIN");
        }
    }

    void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction left to roll back.
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Closes the prepared statements, then the connection. */
    @Override
    public void close() {
        queries.close();
        statements.close();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing anyway.
        }
    }
}
