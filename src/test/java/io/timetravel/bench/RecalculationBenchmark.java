package io.timetravel.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.service.PremiumMetrics;
import io.timetravel.service.RecalculationRequest;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.SnapshotStore;
import io.timetravel.storage.BulkRecords;
import io.timetravel.storage.SqlRecalculationStore;
import io.timetravel.testing.StoreFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's recalculation target: 100,000 records priced by both engines within a few minutes,
 * in memory that does not grow with the book. Measured on a real SQLite file against a reference
 * taken in the same run: reading the same states alone, page by page, as the job does. Prints
 * the job's time, its ratio to the reference and the heap left in use after each collection
 * (the pools' collection usage, which is what the job keeps, not garbage awaiting collection).
 * Not part of the test suite (tag {@code benchmark}); the README says how to run it.
 */
@Tag("benchmark")
class RecalculationBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.records", 100_000);
    /** Far beyond "a few minutes" on a busy machine: past it the benchmark fails rather than hang. */
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(30);
    private static final String[] PRODUCTS = {"term-life-20", "term-life-30", "whole-life", "critical-illness",
        "income-protection"};
    private static final String[] REGIONS = {"EU", "UK", "US", "APAC", "LATAM"};
    private static final String[] OCCUPATIONS = {"engineer", "teacher", "nurse", "pilot", "firefighter", "lawyer"};

    static JsonObject state(long id) {
        return StoreFixture.json("{\"name\":\"Policyholder " + id + "\",\"region\":\"" + REGIONS[(int) (id % 5)] + "\","
                + "\"date_of_birth\":\"" + (1945 + id % 55) + "-0" + (1 + id % 9) + "-1" + (id % 9) + "\","
                + "\"smoker\":" + (id % 6 == 0) + ",\"occupation\":\"" + OCCUPATIONS[(int) (id % 6)] + "\","
                + "\"sum_insured\":" + (50_000 * (2 + id % 40)) + ",\"risk\":{\"score\":" + (id * 7 % 101) + ",\"class\":\""
                + "ABCD".charAt((int) (id % 4)) + "\"},\"policy\":{\"product\":\"" + PRODUCTS[(int) (id % 5)] + "\"}}");
    }

    @Test
    void printFigures() throws Exception {
        Path dir = Files.createTempDirectory("timetravel-recalc-bench");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("bench.db"))) {
            long build = System.nanoTime();
            Instant written = BulkRecords.create(fixture.store(), 1, RECORDS, RecalculationBenchmark::state);
            System.out.printf(Locale.ROOT, "built %,d records in %.1f s%n", RECORDS, (System.nanoTime() - build) / 1e9);
            SqlRecalculationStore store = new SqlRecalculationStore(fixture.store());

            long read = System.nanoTime();
            long states = 0;
            long after = 0;
            SnapshotStore.StatePage page;
            do {
                page = store.statesAt(written, written, after, 500);
                for (RecordVersion state : page.states()) {
                    states += state.data().size() > 0 ? 1 : 0;
                }
                after = page.lastRecordId();
            } while (page.scanned() == 500);
            double reference = (System.nanoTime() - read) / 1e9;
            System.out.printf(Locale.ROOT, "reading %,d states page by page: %.1f s (reference)%n", states, reference);

            System.gc();
            long before = afterLastCollection();
            try (RecalculationService service = new RecalculationService(store, PremiumEngines.standard(), Clock.systemUTC(),
                    PremiumMetrics.none())) {
                long start = System.nanoTime();
                Recalculation job = service.request(new RecalculationRequest(null, null, List.of(), null, "benchmark", 1)).join();
                long live = 0;
                // Polled, not waited for a fixed time: the job's end is the condition; each poll also
                // samples the heap, a tenth of a second apart so that the polling does not weigh on the job.
                Instant deadline = Instant.now().plus(JOB_DEADLINE);
                while (!service.get(job.id()).status().finished()) {
                    assertTrue(Instant.now().isBefore(deadline), "the recalculation did not end within " + JOB_DEADLINE);
                    Thread.sleep(100);
                    live = Math.max(live, afterLastCollection());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Recalculation done = service.get(job.id());
                System.out.printf(Locale.ROOT, "recalculation of %,d records by %s: %s in %.1f s, %.2fx the reference; "
                        + "target: a few minutes%n", done.processed(), done.engines(), done.status().text(), seconds,
                        seconds / reference);
                System.out.printf(Locale.ROOT, "heap in use after a collection during the job, at most: %.1f MB "
                        + "(before the job: %.1f MB)%n", live / 1e6, before / 1e6);
            }
        }
    }

    /** The heap the most recent collection of each pool left in use, summed. */
    private static long afterLastCollection() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                total += pool.getCollectionUsage().getUsed();
            }
        }
        return total;
    }
}
