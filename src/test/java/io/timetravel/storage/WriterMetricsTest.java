package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timetravel.service.StoreUnavailableException;
import io.timetravel.service.WriteMetrics;
import io.timetravel.testing.CommitRefusal;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer tells metrics what each commit made durable and which batches failed. */
class WriterMetricsTest {

    @TempDir
    Path dir;

    /** What the writer reported, in order: "commit versions audits" or "failed". */
    private static final class Recording implements WriteMetrics {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void committed(int versions, int auditEntries) {
            calls.add("commit " + versions + " " + auditEntries);
        }

        @Override
        public void writeFailed() {
            calls.add("failed");
        }

        long versions() {
            return sum(1);
        }

        long auditEntries() {
            return sum(2);
        }

        long failures() {
            return calls.stream().filter("failed"::equals).count();
        }

        private long sum(int field) {
            return calls.stream().filter(c -> c.startsWith("commit ")).mapToLong(c -> Long.parseLong(c.split(" ")[field])).sum();
        }
    }

    @Test
    void everyCommittedVersionAndAuditEntryIsCountedOnce() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Recording metrics = new Recording();
            fixture.store().setWriteMetrics(metrics);

            fixture.write(1, "{\"a\":\"1\"}");
            fixture.write(1, "{\"a\":\"2\"}");
            // Many writers at once share commits: the totals still add up.
            List<CompletableFuture<?>> concurrent = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                concurrent.add(fixture.records().write(new io.timetravel.service.WriteCommand(100 + i,
                        StoreFixture.json("{\"n\":" + i + "}"), null, 7L, null, "test", null)));
            }
            concurrent.forEach(CompletableFuture::join);

            Path db = fixture.database().file();
            assertEquals(Sql.count(db, "SELECT count(*) FROM policyholder_records"), metrics.versions());
            assertEquals(Sql.count(db, "SELECT count(*) FROM audit_history"), metrics.auditEntries());
            assertEquals(52, metrics.versions());
            assertEquals(0, metrics.failures());
        }
    }

    @Test
    void aWriteThatChangesNothingCountsNoVersion() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Recording metrics = new Recording();
            fixture.store().setWriteMetrics(metrics);

            fixture.write(1, "{\"a\":\"1\"}");
            fixture.write(1, "{\"a\":\"1\"}");

            assertEquals(1, metrics.versions());
            assertEquals(1, metrics.auditEntries());
        }
    }

    @Test
    void aWriteTheDatabaseRefusesHalfwayIsUndoneAndNotCounted() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Recording metrics = new Recording();
            fixture.store().setWriteMetrics(metrics);
            fixture.write(1, "{\"a\":\"1\"}");
            // The version row with its audit entry (kept in the row, db/migration/V12) is refused:
            // the unit is rolled back.
            Sql.update(fixture.database().file(), "CREATE TRIGGER refuse_audit BEFORE INSERT ON version_rows "
                    + "WHEN NEW.audit_id IS NOT NULL BEGIN SELECT RAISE(ABORT, 'audit refused'); END");

            assertThrows(CompletionException.class, () -> fixture.write(2, "{\"a\":\"2\"}"));

            assertEquals(1, metrics.versions());
            assertEquals(1, metrics.auditEntries());
            // The batch itself committed (with nothing in it): no failed transaction.
            assertEquals(0, metrics.failures());
        }
    }

    @Test
    void aCommitTheDatabaseRefusesIsAFailedWriteAndCountsNothing() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Recording metrics = new Recording();
            fixture.store().setWriteMetrics(metrics);
            fixture.write(1, "{\"a\":\"1\"}");
            CommitRefusal.refuseCommits(fixture.database().file());

            CompletionException failure = assertThrows(CompletionException.class, () -> fixture.write(2, "{\"a\":\"2\"}"));

            assertInstanceOf(StoreUnavailableException.class, failure.getCause());
            assertEquals(1, metrics.failures());
            assertEquals(1, metrics.versions());
            assertEquals(1, Sql.count(fixture.database().file(), "SELECT count(*) FROM policyholder_records"));

            CommitRefusal.allowCommits(fixture.database().file());
            fixture.write(2, "{\"a\":\"2\"}");
            assertEquals(2, metrics.versions());
            assertEquals(1, metrics.failures());
        }
    }
}
