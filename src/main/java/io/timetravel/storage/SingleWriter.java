package io.timetravel.storage;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.service.DaemonThreads;
import io.timetravel.service.WriteMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
 *
 * <p>The work is shared out: {@link WriteQueue} takes submissions, {@link GroupCommitLoop} is the
 * thread's loop, {@link BatchTransactions} runs each transaction on the {@link WriterConnection}.
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
    static final int PAUSE_DIVISOR = 4;
    /** ... but no longer than this. */
    static final Duration MAX_PAUSE = Duration.ofMillis(25);
    static final int QUEUE_CAPACITY = 10_000;
    /** How often a unit of work runs again after it lost a conflict with another server's writer. */
    static final int MAX_ATTEMPTS = 8;

    private final WriteQueue queue = new WriteQueue();
    private final BatchTransactions transactions;
    private final Thread thread;

    /** A writer that extends the chains in lane {@code lane} (tests build several lanes on SQLite this way). */
    SingleWriter(Database database, TimelineCache sharedCache, Clock clock, long lane) {
        this.transactions = new BatchTransactions(database, sharedCache, clock, lane);
        this.thread = new Thread(new GroupCommitLoop(queue, transactions), "timetravel-writer");
        this.thread.setDaemon(false);
        this.thread.start();
    }

    /** Queues work; the future completes after its batch commits, or fails with the work's exception. */
    <T> CompletableFuture<T> submit(Job<T> job) {
        return queue.submit(job);
    }

    /** Called on the writer thread after each commit with the events it made durable, in order. */
    void addCommitListener(Consumer<List<EventLogEntry>> listener) {
        transactions.addCommitListener(listener);
    }

    /** Told, on the writer thread, what each commit made durable and about each failed batch. */
    void setWriteMetrics(WriteMetrics metrics) {
        transactions.setWriteMetrics(metrics);
    }

    @Override
    public void close() {
        queue.close();
        DaemonThreads.awaitStop(thread, Duration.ofSeconds(30), "the store's writer");
        transactions.close();
    }
}
