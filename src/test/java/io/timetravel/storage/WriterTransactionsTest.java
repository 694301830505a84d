package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.WriteMetrics;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer keeps its transactions short, so other processes get the write lock within their busy timeout. */
class WriterTransactionsTest {

    @TempDir
    Path dir;

    @Test
    void aBatchOfSlowWorkIsCommittedInSeveralShortTransactions() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            AtomicInteger commits = new AtomicInteger();
            fixture.store().setWriteMetrics(new WriteMetrics() {
                @Override
                public void committed(int versions, int auditEntries) {
                    commits.incrementAndGet();
                }

                @Override
                public void writeFailed() {
                }
            });
            // Holds the writer until all the slow work is queued, so that it is taken as one batch.
            CountDownLatch queued = new CountDownLatch(1);
            CompletableFuture<Object> first = fixture.store().write(session -> {
                await(queued);
                return null;
            });
            int units = 6;
            long unitNanos = SingleWriter.MAX_TRANSACTION.toNanos() / 2;
            List<CompletableFuture<Integer>> slow = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                int unit = i;
                slow.add(fixture.store().write(session -> {
                    LockSupport.parkNanos(unitNanos); // work that takes at least this long
                    return unit;
                }));
            }
            queued.countDown();

            first.join();
            for (int i = 0; i < units; i++) {
                assertEquals(i, slow.get(i).join(), "every unit ran, in order");
            }
            // Each transaction stops taking work once MAX_TRANSACTION has passed: at most 3 of these units each.
            assertTrue(commits.get() >= 1 + 2, "commits: " + commits.get());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
