package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.service.AccessService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.service.WriteMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The one thread that writes to the database (SQLite allows one writer at a time).
 *
 * <p>Work queues up from any thread; the writer takes everything waiting (up to
 * {@link #MAX_BATCH}) and runs it in one transaction with one durable commit, so concurrent
 * writes share the cost of the fsync. Each unit of work runs inside its own savepoint: one that
 * fails is undone alone and the rest of the batch still commits. Futures complete only after the
 * commit, so an acknowledged write is on disk.
 *
 * <p>Other processes (the command line, an operator's {@code sqlite3}) write the same file and
 * wait for the write lock up to their busy timeout, retrying at intervals: the writer leaves them
 * room. A transaction takes no new unit after {@link #MAX_TRANSACTION} and commits (the rest of
 * the batch follows in the next one), and after each transaction the lock stays free for a
 * quarter of the time it was held, at most {@link #MAX_PAUSE}, so the writer holds it at most
 * about 80% of the time however busy it is (decision 0022).
 */
final class SingleWriter implements AutoCloseable {

    /** Work run on the writer thread inside the batch's transaction. */
    @FunctionalInterface
    interface Job<T> {
        T run(WriterSession session);
    }

    static final int MAX_BATCH = 256;
    /** Bits of an event's position (PostgreSQL) that number the events of one transaction. */
    static final int POSITION_BITS = 20;
    /** How long a transaction goes on taking units (256 large units held the lock for 14 s). */
    static final Duration MAX_TRANSACTION = Duration.ofMillis(50);
    /** After a transaction the lock stays free for the time it was held divided by this, ... */
    private static final int PAUSE_DIVISOR = 4;
    /** ... but no longer than this. */
    static final Duration MAX_PAUSE = Duration.ofMillis(25);
    static final int QUEUE_CAPACITY = 10_000;
    /** How often a unit of work runs again after it lost a conflict with another server's writer. */
    static final int MAX_ATTEMPTS = 8;
    private static final int MAX_HEADS = 10_000;
    private static final System.Logger LOG = System.getLogger(SingleWriter.class.getName());

    private final Database database;
    // Replaced together when a shared database's connection is lost (heal); the writer thread's only.
    private Connection connection;
    private DSLContext dsl;
    private VersionQueries queries;
    private WriteStatements statements;
    private final TimelineCache sharedCache;
    private final Clock clock;
    private final BlockingQueue<Pending<?>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<List<EventLogEntry>>> commitListeners = new CopyOnWriteArrayList<>();
    private final Map<Long, ChainHead> heads = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ChainHead> eldest) {
            return size() > MAX_HEADS;
        }
    };
    private final Thread thread;
    /** Whether other servers write the same database (PostgreSQL): rows are locked, conflicts retried. */
    private final boolean shared;
    /** The lane of the hash chains this writer extends (docs/decisions/0029): always 0 on SQLite. */
    private long lane;
    private volatile boolean accepting = true;
    private volatile WriteMetrics metrics = WriteMetrics.none();
    /** Whether the batch being processed has committed: a failure after that is no failed write. */
    private boolean batchCommitted;
    private Instant lastInstant;

    SingleWriter(Database database, TimelineCache sharedCache, Clock clock) {
        this(database, sharedCache, clock, 0);
    }

    /** A writer that extends the chains in lane {@code lane} (tests build several lanes on SQLite this way). */
    SingleWriter(Database database, TimelineCache sharedCache, Clock clock, long lane) {
        this.database = database;
        this.shared = database.engine() == Database.Engine.POSTGRES;
        this.connection = database.connectForWrites();
        this.dsl = Database.dsl(connection);
        this.lane = shared ? Lanes.claim(dsl, lane) : lane;
        this.queries = new VersionQueries(connection);
        this.statements = new WriteStatements(connection, shared);
        this.sharedCache = sharedCache;
        this.clock = clock;
        this.lastInstant = loadLastInstant();
        this.thread = new Thread(this::run, "timetravel-writer");
        this.thread.setDaemon(false);
        this.thread.start();
    }

    private Instant loadLastInstant() {
        String records = dsl.select(DSL.max(POLICYHOLDER_RECORDS.RECORDED_AT)).from(POLICYHOLDER_RECORDS).fetchOne(0, String.class);
        // Access administration (AccessService.EVENT_TYPES) and the migration that started the
        // ledger do not take transaction times.
        String events = dsl.select(DSL.max(EVENT_LOGS.OCCURRED_AT)).from(EVENT_LOGS)
                .where(EVENT_LOGS.EVENT_TYPE.notIn(AccessService.EVENT_TYPES))
                .and(EVENT_LOGS.EVENT_TYPE.ne(LedgerService.EVENT_STARTED))
                .fetchOne(0, String.class);
        Instant last = Instants.MIN;
        for (String text : new String[] {records, events}) {
            if (text != null) {
                Instant instant = Instants.parseStored(text);
                if (instant.isAfter(last)) {
                    last = instant;
                }
            }
        }
        return last;
    }

    /** The newest audit entry: its id (0 when there is none) and hash. */
    private record AuditHead(long id, String hash) {
    }

    /** The newest ledger entry's hash, and the audit entry that event named (0 when none). */
    private record LedgerHead(String hash, long auditId) {
    }

    private AuditHead loadAuditHead() {
        AuditHead head = statements.auditHead.first(row -> new AuditHead(row.getLong(1), row.getString(2)), lane);
        return head == null ? new AuditHead(0, HashChain.GENESIS) : head;
    }

    private LedgerHead loadLedgerHead() {
        LedgerHead head = statements.ledgerHead.first(row -> new LedgerHead(row.getString(1), row.getLong(2)), lane);
        return head == null ? new LedgerHead(HashChain.GENESIS, 0) : head;
    }

    /** Queues work; the future completes after its batch commits, or fails with the work's exception. */
    <T> CompletableFuture<T> submit(Job<T> job) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!accepting) {
            future.completeExceptionally(new StoreUnavailableException("the store is shutting down"));
        } else if (!queue.offer(new Pending<>(job, future))) {
            future.completeExceptionally(new StoreUnavailableException("too many writes waiting; retry shortly"));
        }
        return future;
    }

    /** Called on the writer thread after each commit with the events it made durable, in order. */
    void addCommitListener(Consumer<List<EventLogEntry>> listener) {
        commitListeners.add(listener);
    }


    /** Told, on the writer thread, what each commit made durable and about each failed batch. */
    void setWriteMetrics(WriteMetrics metrics) {
        this.metrics = metrics == null ? WriteMetrics.none() : metrics;
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (accepting || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null || first == WAKE) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.remove(WAKE);
                for (int done = 0; done < batch.size(); ) {
                    batchCommitted = false;
                    long began = System.nanoTime();
                    done += process(batch.subList(done, batch.size()));
                    // Futures are complete: only the next transaction waits, and another process gets its turn.
                    LockSupport.parkNanos(Math.min((System.nanoTime() - began) / PAUSE_DIVISOR, MAX_PAUSE.toNanos()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "writer failed a batch: " + e, e);
                rollbackQuietly();
                heal();
                if (!batchCommitted) {
                    countFailure();
                }
                for (Pending<?> pending : batch) {
                    pending.future.completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Runs units of {@code batch} in order in one transaction, until all have run or
     * {@link #MAX_TRANSACTION} has passed, and commits them; returns how many it took (all of
     * them when it fails before the commit: they all fail).
     */
    private int process(List<Pending<?>> batch) {
        BatchState state = new BatchState();
        try {
            begin();
        } catch (SQLException e) {
            fail(batch, state, "could not start a write transaction", e);
            return batch.size();
        }
        long deadline = System.nanoTime() + MAX_TRANSACTION.toNanos();
        // The command line (users, tokens, policies, flags) may have extended the audit chain and
        // the ledger from another process since the last batch: continue from their real heads.
        AuditHead audit = loadAuditHead();
        LedgerHead ledger = loadLedgerHead();
        state.setAuditHead(audit.id(), audit.hash());
        state.setLedgerHead(ledger.hash(), ledger.auditId());
        int taken = 0;
        for (Pending<?> pending : batch) {
            if (taken > 0 && System.nanoTime() - deadline > 0) {
                break;
            }
            taken++;
            state.mark();
            boolean retry = false;
            try {
                execute("SAVEPOINT work");
                pending.run(new WriterSession(state, dsl, queries, statements, shared));
                execute("RELEASE work");
            } catch (Exception e) {
                retry = shared && Conflicts.isTransient(e) && ++pending.attempts < MAX_ATTEMPTS;
                pending.failure = retry ? null : e;
                state.undoToMark();
                try {
                    execute("ROLLBACK TO work");
                    execute("RELEASE work");
                } catch (SQLException rollbackFailure) {
                    rollbackQuietly();
                    fail(batch, state, "could not undo a failed write", rollbackFailure);
                    return batch.size();
                }
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
            if (shared && (state.auditEntriesWritten > 0 || !state.events.isEmpty())) {
                // What the lane committed, for verify to tell deleted entries from rolled-back ids.
                long lastEvent = state.events.isEmpty() ? 0 : state.events.get(state.events.size() - 1).id();
                dsl.execute("INSERT INTO chain_lanes (lane, last_audit_id, last_event_id) VALUES (?, ?, ?)"
                        + " ON CONFLICT (lane) DO UPDATE SET last_audit_id = greatest(chain_lanes.last_audit_id, excluded.last_audit_id),"
                        + " last_event_id = greatest(chain_lanes.last_event_id, excluded.last_event_id)", lane, state.auditId, lastEvent);
            }
            if (shared && !state.events.isEmpty()) {
                // Delivered at commit to every server's event feed (PostgresEventFeed).
                execute("SELECT pg_notify('" + PostgresEventFeed.CHANNEL + "', '')");
            }
            execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            fail(committing, state, "could not commit", e);
            return taken;
        }
        batchCommitted = true;
        try {
            metrics.committed(state.versionsWritten, state.auditEntriesWritten);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "write metrics failed: " + e, e);
        }
        state.pendingTimelines.forEach(sharedCache::publish);
        // On PostgreSQL the event feed hands events on, in the order all servers' commits allow.
        if (!shared && !state.events.isEmpty()) {
            for (Consumer<List<EventLogEntry>> listener : commitListeners) {
                try {
                    listener.accept(List.copyOf(state.events));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "commit listener failed: " + e, e);
                }
            }
        }
        for (Pending<?> pending : committing) {
            pending.complete();
        }
        return taken;
    }

    /**
     * On a shared database, a connection the server lost (PostgreSQL restarted, a network cut) is
     * replaced, and the lane it held claimed again: its advisory lock went with the connection.
     */
    private void heal() {
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
            heads.clear();
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
    private void begin() throws SQLException {
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

    private void fail(List<Pending<?>> batch, BatchState state, String what, SQLException cause) {
        LOG.log(System.Logger.Level.ERROR, "database write failed: " + what + ": " + cause.getMessage());
        heal();
        state.touched.forEach(heads::remove);
        countFailure();
        StoreUnavailableException failure = new StoreUnavailableException("database write failed: " + what, cause);
        for (Pending<?> pending : batch) {
            pending.future.completeExceptionally(failure);
        }
    }

    private void countFailure() {
        try {
            metrics.writeFailed();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "write metrics failed: " + e, e);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction left to roll back.
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        accepting = false;
        // Wakes the writer at once instead of at its next poll (up to 200 ms later); with the
        // queue full it finds out at that poll.
        queue.offer(WAKE);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queries.close();
        statements.close();
        // Nothing commits any more: let go of whoever listened (a closed workbench's views, say).
        commitListeners.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing anyway.
        }
    }

    /** Not work: tells a waiting writer to look at {@link #accepting} again (see {@link #close()}). */
    private static final Pending<Void> WAKE = new Pending<>(session -> null, new CompletableFuture<>());

    /** A queued unit of work and its outcome. */
    private static final class Pending<T> {
        final Job<T> job;
        final CompletableFuture<T> future;
        T result;
        Exception failure;
        /** Runs that lost a conflict with another server (PostgreSQL). */
        int attempts;

        Pending(Job<T> job, CompletableFuture<T> future) {
            this.job = job;
            this.future = future;
        }

        void run(WriterSession session) {
            result = job.run(session);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }

    /**
     * What one batch has written but not yet committed, with marks to undo the last unit of work.
     * Serves the batch's reads of timelines: its own first, then the shared (committed) cache.
     */
    final class BatchState {
        private final Map<Long, RecordTimeline> pendingTimelines = new HashMap<>();
        /** Each timeline change as (record, timeline before it or null), for undoing a unit of work. */
        private final List<Map.Entry<Long, RecordTimeline>> timelineLog = new ArrayList<>();
        private final List<EventLogEntry> events = new ArrayList<>();
        private final List<Long> touched = new ArrayList<>();
        /** The newest audit entry (id 0: none) and its hash, as this batch has extended the chain. */
        private long auditId;
        private String auditHash = HashChain.GENESIS;
        /** The ledger's head, and the audit entry its newest event named (0: none). */
        private String ledgerHash = HashChain.GENESIS;
        private long sealedAuditId;
        /** Versions and audit entries the batch has appended so far, for {@link WriteMetrics}. */
        private int versionsWritten;
        private int auditEntriesWritten;
        /** Rows (records', flags') this transaction has locked on PostgreSQL, and the count at the mark. */
        private int rowsHeld;
        private int rowsHeldMark;
        /** This transaction's id on PostgreSQL (-1 until an event needs it) and its events so far. */
        private long transactionId = -1;
        private int eventOrdinal;
        private int timelineMark;
        private int eventMark;
        private int touchedMark;
        private long auditIdMark;
        private String auditHashMark;
        private String ledgerHashMark;
        private long sealedAuditIdMark;
        private int versionsWrittenMark;
        private int auditEntriesWrittenMark;

        void mark() {
            timelineMark = timelineLog.size();
            eventMark = events.size();
            touchedMark = touched.size();
            auditIdMark = auditId;
            auditHashMark = auditHash;
            ledgerHashMark = ledgerHash;
            sealedAuditIdMark = sealedAuditId;
            versionsWrittenMark = versionsWritten;
            auditEntriesWrittenMark = auditEntriesWritten;
            rowsHeldMark = rowsHeld;
        }

        void undoToMark() {
            for (int i = timelineLog.size() - 1; i >= timelineMark; i--) {
                Map.Entry<Long, RecordTimeline> change = timelineLog.get(i);
                if (change.getValue() == null) {
                    pendingTimelines.remove(change.getKey());
                } else {
                    pendingTimelines.put(change.getKey(), change.getValue());
                }
            }
            timelineLog.subList(timelineMark, timelineLog.size()).clear();
            events.subList(eventMark, events.size()).clear();
            touched.subList(touchedMark, touched.size()).forEach(heads::remove);
            auditId = auditIdMark;
            auditHash = auditHashMark;
            ledgerHash = ledgerHashMark;
            sealedAuditId = sealedAuditIdMark;
            versionsWritten = versionsWrittenMark;
            auditEntriesWritten = auditEntriesWrittenMark;
            // A unit rolled back to its savepoint lets go of the rows it locked.
            rowsHeld = rowsHeldMark;
        }

        /**
         * Whether units before this one hold a locked row (then this one must not wait for
         * another); the batch's first unit may wait for every row it needs.
         */
        boolean holdsRows() {
            return rowsHeldMark > 0;
        }

        /** This transaction has locked a row (a record's, a flag's). */
        void holdRow() {
            rowsHeld++;
        }

        Instant now() {
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        }

        /** The lane of the chains this batch extends. */
        long lane() {
            return lane;
        }

        /** The next transaction time: {@code requested} (default: the clock) unless that is not after the last. */
        Instant nextInstant(Instant requested) {
            return nextInstant(requested, null);
        }

        /**
         * The next transaction time: {@code requested} (default: the clock), moved after the last
         * one handed out and, for the clock's time, not before {@code floor} (the instant after a
         * record's newest version, which another server with a clock ahead of ours may have written).
         */
        Instant nextInstant(Instant requested, Instant floor) {
            Instant now = (requested != null ? requested : clock.instant()).truncatedTo(ChronoUnit.MICROS);
            if (requested == null && floor != null && floor.isAfter(now)) {
                now = floor;
            }
            Instant next = now.isAfter(lastInstant) ? now : lastInstant.plus(1, ChronoUnit.MICROS);
            lastInstant = next;
            return next;
        }

        /**
         * The stream position of this transaction's next event on PostgreSQL: its transaction id
         * shifted left by 20 bits plus the event's place (docs/decisions/0029).
         */
        long nextEventPosition() {
            if (transactionId < 0) {
                transactionId = dsl.resultQuery("SELECT pg_current_xact_id()::text::bigint").fetchOne(0, Long.class);
            }
            if (eventOrdinal >= (1 << POSITION_BITS) - 1) {
                throw new IllegalStateException("too many events in one transaction");
            }
            return (transactionId << POSITION_BITS) | ++eventOrdinal;
        }

        /** The record's timeline as this batch sees it, or {@code null} when neither it nor the cache has it. */
        RecordTimeline timeline(long recordId) {
            RecordTimeline pending = pendingTimelines.get(recordId);
            return pending != null ? pending : sharedCache.get(recordId);
        }

        void putTimeline(long recordId, RecordTimeline timeline) {
            timelineLog.add(new java.util.AbstractMap.SimpleImmutableEntry<>(recordId, pendingTimelines.put(recordId, timeline)));
        }

        ChainHead head(long recordId) {
            return heads.get(recordId);
        }

        void putHead(long recordId, ChainHead head) {
            heads.put(recordId, head);
            touched.add(recordId);
        }

        long auditId() {
            return auditId;
        }

        String auditHash() {
            return auditHash;
        }

        void setAuditHead(long id, String hash) {
            auditId = id;
            auditHash = hash;
        }

        String ledgerHash() {
            return ledgerHash;
        }

        long sealedAuditId() {
            return sealedAuditId;
        }

        /** The ledger's new head, whose event named audit entry {@code auditId} (0: none). */
        void setLedgerHead(String hash, long auditId) {
            ledgerHash = hash;
            sealedAuditId = auditId;
        }

        /** A version row was appended (counted unless its unit of work is undone). */
        void countVersion() {
            versionsWritten++;
        }

        /** An audit entry was appended (counted unless its unit of work is undone). */
        void countAuditEntry() {
            auditEntriesWritten++;
        }

        void addEvent(EventLogEntry event) {
            events.add(event);
        }
    }

}
