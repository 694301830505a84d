package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.StoreUnavailableException;
import io.timetravel.testing.Wait;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read connections, on a real SQLite file. */
class ReaderPoolTest {

    @TempDir
    Path dir;

    @Test
    void aReadUnderWayWhenThePoolClosesOpensNoConnectionThatWouldKeepTheWal() throws Exception {
        Path file = dir.resolve("t.db");
        Database database = Database.open(file);
        ReaderPool pool = new ReaderPool(database, 1);
        try (Connection writer = database.connect(); Statement statement = writer.createStatement()) {
            statement.execute("INSERT INTO observability_metrics (captured_at, metric_name, labels, value)"
                    + " VALUES ('2026-06-01T00:00:00.000000Z', 'm', '{}', 1)");
        }
        assertTrue(Files.exists(Path.of(file + "-wal")), "the pool's connection keeps the WAL");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> pool.read(session -> {
            reading.countDown();
            await(closed);
            return session.dsl().fetchCount(io.timetravel.storage.jooq.Tables.OBSERVABILITY_METRICS);
        }));
        assertTrue(reading.await(30, TimeUnit.SECONDS));

        pool.close();
        closed.countDown();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> read.get(30, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
        StoreUnavailableException after = assertThrows(StoreUnavailableException.class, () -> pool.read(session -> 1));
        assertEquals("the database is closed", after.getMessage());
        database.close();
        assertTrue(Files.notExists(Path.of(file + "-wal")), "no -wal after the last connection closed");
        assertTrue(Files.notExists(Path.of(file + "-shm")), "no -shm after the last connection closed");
    }

    private static void await(CountDownLatch latch) {
        Wait.until(Duration.ofSeconds(30), latch);
    }
}
