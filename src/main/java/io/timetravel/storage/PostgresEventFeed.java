package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.service.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * The commits of every server on a shared PostgreSQL database, handed to this server's commit
 * listeners (live event streams, the workbench) in delivery order (docs/decisions/0029).
 *
 * <p>Each writer sends a notification on {@link #CHANNEL} with every commit that wrote events;
 * this feed listens on a connection of its own and reads what is deliverable past its cursor.
 * It also reads every {@link #POLL_MILLIS} without one, for what a notification cannot tell:
 * the end of a transaction that held the horizon back. A lost connection is opened again.
 */
final class PostgresEventFeed implements AutoCloseable {

    static final String CHANNEL = "timetravel_events";
    /** The longest a commit waits to be seen without a notification. */
    static final int POLL_MILLIS = 250;
    private static final int PAGE = 500;
    private static final System.Logger LOG = System.getLogger(PostgresEventFeed.class.getName());

    private final Database database;
    /** Completes record events from their version rows (SqlEventLog.complete). */
    private final java.util.function.Function<List<SqlEventLog.StoredRow>, List<EventLogEntry>> complete;
    private final List<Consumer<List<EventLogEntry>>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;
    private long cursor;

    PostgresEventFeed(Database database, java.util.function.Function<List<SqlEventLog.StoredRow>, List<EventLogEntry>> complete) {
        this.database = database;
        this.complete = complete;
        this.connection = listen();
        this.cursor = newestPosition(Database.dsl(connection));
        this.thread = DaemonThreads.start("timetravel-event-feed", this::run);
    }

    void addListener(Consumer<List<EventLogEntry>> listener) {
        listeners.add(listener);
    }

    private Connection listen() {
        Connection opened = database.connect();
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            return opened;
        } catch (SQLException e) {
            closeQuietly(opened);
            throw new io.timetravel.service.StoreUnavailableException("cannot listen for commits: " + e.getMessage(), e);
        }
    }

    /** The newest deliverable position: the feed hands on what commits after it is made. */
    private static long newestPosition(DSLContext dsl) {
        Long newest = dsl.select(DSL.max(SqlEventLog.POSITION)).from(EVENT_LOGS).where(SqlEventLog.POSITION.lt(SqlEventLog.HORIZON))
                .fetchOne(0, Long.class);
        return newest == null ? 0 : newest;
    }

    private void run() {
        while (running) {
            try {
                connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                deliver();
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "event feed lost its connection (" + e.getMessage() + "); reconnecting");
                reconnect();
            }
        }
    }

    private void deliver() {
        DSLContext dsl = Database.dsl(connection);
        while (running) {
            List<EventLogEntry> page = complete.apply(SqlEventLog.deliverable(dsl, cursor, PAGE));
            if (page.isEmpty()) {
                return;
            }
            cursor = page.get(page.size() - 1).position();
            for (Consumer<List<EventLogEntry>> listener : listeners) {
                try {
                    listener.accept(page);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "commit listener failed: " + e, e);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private void reconnect() {
        closeQuietly(connection);
        while (running) {
            try {
                connection = listen();
                return;
            } catch (RuntimeException e) {
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        DaemonThreads.awaitStop(thread, Duration.ofSeconds(5), "the PostgreSQL event feed");
        listeners.clear();
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // Closing anyway.
        }
    }
}
