package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * A fixed set of read connections, each with its prepared queries. Under WAL, readers never
 * wait for the writer, so a read borrows a connection for the length of one query or two.
 */
final class ReaderPool implements AutoCloseable {

    /** One read connection and what is prepared on it; used by one thread at a time. */
    record ReadSession(Connection connection, DSLContext dsl, VersionQueries queries) {
    }

    private static final long BORROW_TIMEOUT_SECONDS = 10;

    private final Database database;
    private final BlockingQueue<ReadSession> idle;
    private final List<ReadSession> all = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ReaderPool(Database database, int size) {
        this.database = database;
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(open());
        }
    }

    /** A new session; refused once the pool is closed, so that no connection outlives it. */
    private synchronized ReadSession open() {
        if (closed) {
            throw new StoreUnavailableException("the database is closed");
        }
        Connection connection = database.connect();
        ReadSession session = new ReadSession(connection, Database.dsl(connection), new VersionQueries(connection));
        all.add(session);
        return session;
    }

    /**
     * The session again, or a new one in its place when its connection is gone (a PostgreSQL
     * server restarted, say): the pool heals instead of failing every read on a dead connection.
     */
    private ReadSession healed(ReadSession session) {
        try {
            if (session.connection().isValid(2)) {
                return session;
            }
        } catch (SQLException ignored) {
            // Not valid, then.
        }
        try {
            ReadSession fresh = open();
            discard(session);
            return fresh;
        } catch (RuntimeException e) {
            return session; // the database is still away: the next failure tries again
        }
    }

    private void discard(ReadSession session) {
        all.remove(session);
        session.queries().close();
        try {
            session.connection().close();
        } catch (SQLException ignored) {
            // Gone anyway.
        }
    }

    <T> T read(Function<ReadSession, T> work) {
        if (closed) {
            throw new StoreUnavailableException("the database is closed");
        }
        ReadSession session;
        try {
            session = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a database connection");
        }
        if (session == null) {
            throw new StoreUnavailableException("database busy: no read connection free for " + BORROW_TIMEOUT_SECONDS + " s");
        }
        try {
            return work.apply(session);
        } catch (DataAccessException e) {
            ReadSession fresh = healed(session);
            if (fresh == session) {
                throw new StoreUnavailableException("database read failed: " + e.getMessage(), e);
            }
            // The connection was gone and is replaced: a read can simply run again.
            session = fresh;
            try {
                return work.apply(session);
            } catch (DataAccessException again) {
                throw new StoreUnavailableException("database read failed: " + again.getMessage(), again);
            }
        } finally {
            idle.add(session);
        }
    }

    /**
     * Closes every connection. A read still under way (a window's background task, say) then
     * fails; it does not open a new connection in place of the closed one, which would keep
     * SQLite's -wal and -shm files after the process ends.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (ReadSession session : all) {
            session.queries().close();
            try {
                session.connection().close();
            } catch (SQLException ignored) {
                // Closing anyway.
            }
        }
    }
}
