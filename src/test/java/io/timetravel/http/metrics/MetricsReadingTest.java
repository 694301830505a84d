package io.timetravel.http.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.LatencyHistogram;
import io.timetravel.service.MetricsReading;
import io.timetravel.service.MetricsSource;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard reads ({@link MetricsSource#reading()}) after real requests to a real server:
 * the same counts as the Prometheus page, summed the way the charts need them.
 */
class MetricsReadingTest {

    private static final String USER = "X-User-ID";

    @TempDir
    Path dir;

    @Test
    void aReadingCountsRequestsByStatusAndVersionTheirDurationsFlagsAndWrites() {
        try (TestServer server = TestServer.start(dir.resolve("reading.db"))) {
            MetricsSource source = server.context().metrics();
            MetricsReading before = source.reading();
            assertEquals(0, before.requestTotal());

            assertEquals(201, server.post("/api/v2/records/7", "{\"name\":\"Ada\"}", USER, "42").status());
            assertEquals(200, server.post("/api/v2/records/7", "{\"premium\":1200}", USER, "42").status());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, server.get("/api/v2/records/7", USER, "42").status());
            }
            assertEquals(404, server.get("/api/v2/records/8", USER, "42").status());
            assertEquals(200, server.get("/api/v1/records/7").status());
            assertEquals(400, server.get("/api/v1/records/abc").status());
            assertEquals(404, server.get("/no/such/path").status());
            int answered = 9;

            // A request is counted just after its answer is sent.
            MetricsReading[] read = new MetricsReading[1];
            Wait.until(Duration.ofSeconds(10), () -> (read[0] = source.reading()).requestTotal() >= answered,
                    () -> "9 requests in " + read[0]);
            MetricsReading after = read[0];

            assertEquals(answered, after.requestTotal());
            assertEquals(6, after.requestsOfVersion("v2"));
            assertEquals(2, after.requestsOfVersion("v1"));
            assertEquals(1, after.requestsOfVersion("none"));
            assertEquals(3, after.requestsWithStatus(400, 499));
            assertEquals(0, after.requestsWithStatus(500, 599));
            assertTrue(after.requests().contains(new MetricsReading.RequestCount(200, "v2", 4)), after.requests()::toString);

            LatencyHistogram latency = after.latency();
            assertEquals(answered, latency.count(), "every request has a duration");
            assertEquals(Double.POSITIVE_INFINITY, latency.upperBounds().get(latency.upperBounds().size() - 1));
            List<Double> counts = latency.cumulativeCounts();
            for (int i = 1; i < counts.size(); i++) {
                assertTrue(counts.get(i) >= counts.get(i - 1), "cumulative buckets never decrease: " + counts);
            }
            assertTrue(latency.sumSeconds() > 0);
            double p95 = latency.minus(before.latency()).quantile(0.95);
            assertTrue(p95 > 0 && p95 <= 5, "p95 within the buckets: " + p95);

            assertEquals(2, after.versionsWritten(), "two versions of record 7 (v1 only read)");
            assertTrue(after.auditEntriesWritten() >= 2, "audit logging is on for the seeded flags");
            assertEquals(0, after.writeFailures());
            assertTrue(after.flagEvaluations().getOrDefault("enable_v2_api", 0.0) >= 6,
                    "every v2 request asks enable_v2_api: " + after.flagEvaluations());
        }
    }

    @Test
    void aReadingHoldsTheQuoteLatencyOverEnginesAndTheRunningRecalculations() {
        Metrics metrics = new Metrics(false);
        MetricsReading before = metrics.reading();
        assertEquals(0, before.quoteLatency().count());
        assertTrue(before.recalculations().isEmpty(), "none running");

        metrics.premiums().quoted("classic", 1, 2_000_000);
        metrics.premiums().quoted("classic", 1, 3_000_000);
        metrics.premiums().quoted("risk-v2", 2, 40_000_000);
        metrics.premiums().recalculationProgress(3, 45, 100);
        metrics.premiums().recalculationProgress(5, 0, 8);
        metrics.premiums().recalculationProgress(5, 2, 8);
        MetricsReading during = metrics.reading();

        LatencyHistogram latency = during.quoteLatency();
        assertEquals(3, latency.count(), "every quote, every engine");
        assertEquals(PremiumCollectors.QUOTE_BUCKETS.length + 1, latency.upperBounds().size());
        assertEquals(Double.POSITIVE_INFINITY, latency.upperBounds().get(latency.upperBounds().size() - 1));
        assertEquals(0.045, latency.sumSeconds(), 1e-9);
        // 2 ms and 3 ms below 5 ms, 40 ms in the 25–50 ms bucket: rank 2.85 lies 0.85 into it.
        assertEquals(0.04625, latency.minus(before.quoteLatency()).quantile(0.95), 1e-9);
        assertEquals(Map.of("classic@1", 2.0, "risk-v2@2", 1.0), during.quotes());
        assertEquals(Map.of(3L, 0.45, 5L, 0.25), during.recalculations());

        metrics.premiums().recalculationEnded(3, "DONE");
        assertEquals(Map.of(5L, 0.25), metrics.reading().recalculations(), "an ended job leaves the reading");
        metrics.premiums().recalculationEnded(5, "FAILED");
        assertTrue(metrics.reading().recalculations().isEmpty());
    }
}
