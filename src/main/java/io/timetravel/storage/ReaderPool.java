package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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

    private final BlockingQueue<ReadSession> idle;
    private final List<ReadSession> all = new ArrayList<>();

    ReaderPool(Database database, int size) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection connection = database.connect();
            ReadSession session = new ReadSession(connection, Database.dsl(connection), new VersionQueries(connection));
            all.add(session);
            idle.add(session);
        }
    }

    <T> T read(Function<ReadSession, T> work) {
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
            throw new StoreUnavailableException("database read failed: " + e.getMessage(), e);
        } finally {
            idle.add(session);
        }
    }

    @Override
    public void close() {
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
