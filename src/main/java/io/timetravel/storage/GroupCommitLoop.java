package io.timetravel.storage;

import io.timetravel.storage.WriteQueue.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer thread's loop (group commit): takes everything waiting in the queue, up to
 * {@link SingleWriter#MAX_BATCH} units, and has it committed in as few transactions as
 * {@link SingleWriter#MAX_TRANSACTION} allows; after each transaction the write lock stays free
 * for a quarter of the time it was held, at most {@link SingleWriter#MAX_PAUSE} (decision 0022).
 * It ends once the queue is closed and empty.
 */
final class GroupCommitLoop implements Runnable {

    private final WriteQueue queue;
    private final BatchTransactions transactions;

    GroupCommitLoop(WriteQueue queue, BatchTransactions transactions) {
        this.queue = queue;
        this.transactions = transactions;
    }

    @Override
    public void run() {
        List<Pending<?>> batch = new ArrayList<>(SingleWriter.MAX_BATCH);
        while (queue.open()) {
            try {
                if (!queue.takeInto(batch, SingleWriter.MAX_BATCH)) {
                    continue;
                }
                for (int done = 0; done < batch.size(); ) {
                    long began = System.nanoTime();
                    done += transactions.process(batch.subList(done, batch.size()));
                    // Futures are complete: only the next transaction waits, and another process gets its turn.
                    LockSupport.parkNanos(Math.min((System.nanoTime() - began) / SingleWriter.PAUSE_DIVISOR, SingleWriter.MAX_PAUSE.toNanos()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                transactions.batchFailed(batch, e);
            } finally {
                batch.clear();
            }
        }
    }
}
