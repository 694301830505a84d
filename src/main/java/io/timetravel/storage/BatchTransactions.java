package io.timetravel.storage;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.service.WriteMetrics;
import io.timetravel.storage.WriteQueue.Pending;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs the writer's batches as transactions on its connection: each unit of work in a savepoint
 * of its own (undone alone when it fails, run again in the next transaction when it lost a
 * conflict with another server's writer), one durable commit for all of them, and after it the
 * timelines published, the metrics and commit listeners told, and the futures completed.
 */
final class BatchTransactions implements AutoCloseable {

    private static final int MAX_HEADS = 10_000;
    private static final System.Logger LOG = System.getLogger(SingleWriter.class.getName());

    private final Map<Long, ChainHead> heads = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ChainHead> eldest) {
            return size() > MAX_HEADS;
        }
    };
    private final WriterConnection connection;
    private final TransactionClock clock;
    private final TimelineCache sharedCache;
    private final List<Consumer<List<EventLogEntry>>> commitListeners = new CopyOnWriteArrayList<>();
    private volatile WriteMetrics metrics = WriteMetrics.none();
    /** Whether the batch being processed has committed: a failure after that is no failed write. */
    private boolean batchCommitted;

    /** Opens the writer's connection, extending the chains in lane {@code lane} (see {@link SingleWriter}). */
    BatchTransactions(Database database, TimelineCache sharedCache, Clock clock, long lane) {
        this.connection = new WriterConnection(database, lane, heads::clear);
        this.sharedCache = sharedCache;
        this.clock = new TransactionClock(clock, connection.dsl());
    }

    /** The newest audit entry: its id (0 when there is none) and hash. */
    private record AuditHead(long id, String hash) {
    }

    /** The newest ledger entry's id (0 when there is none) and hash, and the audit entry that event named (0 when none). */
    private record LedgerHead(long id, String hash, long auditId) {
    }

    private AuditHead loadAuditHead() {
        AuditHead head = connection.statements().auditHead.first(row -> new AuditHead(row.getLong(1), row.getString(2)),
                connection.lane());
        return head == null ? new AuditHead(0, HashChain.GENESIS) : head;
    }

    private LedgerHead loadLedgerHead() {
        LedgerHead head = connection.statements().ledgerHead.first(row -> new LedgerHead(row.getLong(1), row.getString(2), row.getLong(3)),
                connection.lane());
        return head == null ? new LedgerHead(0, HashChain.GENESIS, 0) : head;
    }

    /** Called on the writer thread after each commit with the events it made durable, in order. */
    void addCommitListener(Consumer<List<EventLogEntry>> listener) {
        commitListeners.add(listener);
    }

    /** Told, on the writer thread, what each commit made durable and about each failed batch. */
    void setWriteMetrics(WriteMetrics metrics) {
        this.metrics = metrics == null ? WriteMetrics.none() : metrics;
    }

    /**
     * Runs units of {@code batch} in order in one transaction, until all have run or
     * {@link SingleWriter#MAX_TRANSACTION} has passed, and commits them; returns how many it took
     * (all of them when it fails before the commit: they all fail).
     */
    int process(List<Pending<?>> batch) {
        batchCommitted = false;
        BatchState state = new BatchState(connection, clock, heads, sharedCache);
        try {
            connection.begin();
        } catch (SQLException e) {
            fail(batch, state, "could not start a write transaction", e);
            return batch.size();
        }
        long deadline = System.nanoTime() + SingleWriter.MAX_TRANSACTION.toNanos();
        // The command line (users, tokens, policies, flags) may have extended the audit chain and
        // the ledger from another process since the last batch: continue from their real heads.
        AuditHead audit = loadAuditHead();
        LedgerHead ledger = loadLedgerHead();
        state.setAuditHead(audit.id(), audit.hash());
        state.setLedgerHead(ledger.id(), ledger.hash(), ledger.auditId());
        int taken = 0;
        for (Pending<?> pending : batch) {
            if (taken > 0 && System.nanoTime() - deadline > 0) {
                break;
            }
            taken++;
            boolean retry;
            try {
                retry = runUnit(pending, state);
            } catch (SQLException rollbackFailure) {
                connection.rollbackQuietly();
                fail(batch, state, "could not undo a failed write", rollbackFailure);
                return batch.size();
            }
            if (retry) {
                // Another server holds what this unit needs (a deadlock, or a record it created at the
                // same moment): commit the units before it, which releases their locks, and run it
                // again in the next transaction.
                taken--;
                break;
            }
        }
        List<Pending<?>> committing = batch.subList(0, taken);
        try {
            commit(state);
        } catch (SQLException e) {
            connection.rollbackQuietly();
            fail(committing, state, "could not commit", e);
            return taken;
        }
        batchCommitted = true;
        committed(state);
        for (Pending<?> pending : committing) {
            pending.complete();
        }
        return taken;
    }

    /**
     * Runs one unit of work inside its own savepoint; a unit that fails is undone alone. Answers
     * whether it lost a conflict with another server and is to run again in the next transaction.
     *
     * @throws SQLException when the failed unit could not be undone
     */
    private boolean runUnit(Pending<?> pending, BatchState state) throws SQLException {
        state.mark();
        boolean retry = false;
        try {
            connection.execute("SAVEPOINT work");
            WriterSession session = new WriterSession(state, connection.dsl(), connection.queries(), connection.statements(),
                    connection.shared());
            pending.run(session);
            session.finish();
            connection.execute("RELEASE work");
        } catch (Exception e) {
            retry = connection.shared() && Conflicts.isTransient(e) && ++pending.attempts < SingleWriter.MAX_ATTEMPTS;
            pending.failure = retry ? null : e;
            state.undoToMark();
            connection.execute("ROLLBACK TO work");
            connection.execute("RELEASE work");
        }
        return retry;
    }

    private void commit(BatchState state) throws SQLException {
        List<EventLogEntry> events = state.events();
        if (connection.shared() && (state.auditEntriesWritten() > 0 || !events.isEmpty())) {
            // What the lane committed, for verify to tell deleted entries from rolled-back ids.
            long lastEvent = events.isEmpty() ? 0 : events.get(events.size() - 1).id();
            connection.dsl().execute("INSERT INTO chain_lanes (lane, last_audit_id, last_event_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT (lane) DO UPDATE SET last_audit_id = greatest(chain_lanes.last_audit_id, excluded.last_audit_id),"
                    + " last_event_id = greatest(chain_lanes.last_event_id, excluded.last_event_id)",
                    connection.lane(), state.auditId(), lastEvent);
        }
        if (connection.shared() && !events.isEmpty()) {
            // Delivered at commit to every server's event feed (PostgresEventFeed).
            connection.execute("SELECT pg_notify('" + PostgresEventFeed.CHANNEL + "', '')");
        }
        connection.execute("COMMIT");
    }

    /** After the commit: the metrics, the shared cache and (on SQLite) the commit listeners learn what it made durable. */
    private void committed(BatchState state) {
        try {
            metrics.committed(state.versionsWritten(), state.auditEntriesWritten());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "write metrics failed: " + e, e);
        }
        state.pendingTimelines().forEach(sharedCache::publish);
        // On PostgreSQL the event feed hands events on, in the order all servers' commits allow.
        if (!connection.shared() && !state.events().isEmpty()) {
            for (Consumer<List<EventLogEntry>> listener : commitListeners) {
                try {
                    listener.accept(List.copyOf(state.events()));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "commit listener failed: " + e, e);
                }
            }
        }
    }

    private void fail(List<Pending<?>> batch, BatchState state, String what, SQLException cause) {
        LOG.log(System.Logger.Level.ERROR, "database write failed: " + what + ": " + cause.getMessage());
        connection.heal();
        state.touched().forEach(heads::remove);
        countFailure();
        StoreUnavailableException failure = new StoreUnavailableException("database write failed: " + what, cause);
        for (Pending<?> pending : batch) {
            pending.future.completeExceptionally(failure);
        }
    }

    /**
     * A batch that failed outside what {@link #process} handles (a bug, a lost connection, out of
     * memory): whatever is open is rolled back, and every unit of the batch fails with {@code cause}.
     */
    void batchFailed(List<Pending<?>> batch, Throwable cause) {
        LOG.log(System.Logger.Level.ERROR, "writer failed a batch: " + cause, cause);
        connection.rollbackQuietly();
        connection.heal();
        if (!batchCommitted) {
            countFailure();
        }
        for (Pending<?> pending : batch) {
            pending.future.completeExceptionally(cause);
        }
    }

    private void countFailure() {
        try {
            metrics.writeFailed();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "write metrics failed: " + e, e);
        }
    }

    /** Lets go of the commit listeners and closes the connection. */
    @Override
    public void close() {
        // Nothing commits any more: let go of whoever listened (a closed workbench's views, say).
        commitListeners.clear();
        connection.close();
    }
}
