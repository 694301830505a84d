package io.timetravel.http.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.MetricSample;
import io.timetravel.testing.PromText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the registry counts and how it shows it, without a server. */
class MetricsTest {

    private static PromText scrape(Metrics metrics) {
        return PromText.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));
    }

    @Test
    void flagEvaluationsAreCountedByFlagAndResult() {
        Metrics metrics = new Metrics(false);

        metrics.evaluated("enable_v2_api", true);
        metrics.evaluated("enable_v2_api", true);
        metrics.evaluated("enable_v2_api", false);
        metrics.evaluated("enable_metrics", true);

        PromText page = scrape(metrics);
        assertTrue(page.declares("feature_flag_evaluations_total", "counter"));
        assertEquals(2.0, page.require("feature_flag_evaluations_total", "flag", "enable_v2_api", "result", "on"));
        assertEquals(1.0, page.require("feature_flag_evaluations_total", "flag", "enable_v2_api", "result", "off"));
        assertEquals(1.0, page.require("feature_flag_evaluations_total", "flag", "enable_metrics", "result", "on"));
        assertNull(page.value("feature_flag_evaluations_total", "flag", "enable_metrics", "result", "off"));
    }

    @Test
    void commitsAddTheirVersionsAndAuditEntriesAndFailuresAreCounted() {
        Metrics metrics = new Metrics(false);

        metrics.committed(3, 2);
        metrics.committed(0, 0);
        metrics.committed(1, 1);
        metrics.writeFailed();

        PromText page = scrape(metrics);
        assertEquals(4.0, page.require("record_versions_written_total"));
        assertEquals(3.0, page.require("audit_entries_written_total"));
        assertEquals(1.0, page.require("db_write_failures_total"));
    }

    @Test
    void everyTransactionCommittedOrFailedIsCountedOnce() {
        Metrics metrics = new Metrics(false);

        metrics.committed(3, 2);
        metrics.committed(0, 0);
        metrics.writeFailed();
        metrics.committed(1, 0);
        metrics.writeFailed();

        PromText page = scrape(metrics);
        assertTrue(page.declares("db_write_transactions_total", "counter"));
        assertEquals(5.0, page.require("db_write_transactions_total"));
        assertEquals(2.0, page.require("db_write_failures_total"));
    }

    @Test
    void madeUpMethodsShareOneLabelWhileHttpMethodsKeepTheirs() {
        Metrics metrics = new Metrics(false);

        metrics.observe("BREW", "/coffee", "unmatched", "none", 404, 1_000, "not found");
        metrics.observe("XYZZY", "/coffee", "unmatched", "none", 404, 1_000, "not found");
        metrics.observe("PATCH", "/coffee", "unmatched", "none", 404, 1_000, "not found");

        PromText page = scrape(metrics);
        assertEquals(2.0, page.require("http_requests_total", "method", "OTHER", "route", "unmatched", "status", "404",
                "api_version", "none"));
        assertEquals(1.0, page.require("http_requests_total", "method", "PATCH", "route", "unmatched", "status", "404",
                "api_version", "none"));
        assertFalse(page.text().contains("BREW"));
    }

    @Test
    void requestsObservedFromManyThreadsAtOnceAreAllCounted() throws Exception {
        Metrics metrics = new Metrics(false);
        int threads = 8;
        int each = 5_000;
        String[] routes = {"/api/v2/records/{id}", "/api/v1/records/{id}", "unmatched"};
        int[] statuses = {200, 201, 404};
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    metrics.observe(i % 2 == 0 ? "GET" : "POST", "/x", routes[i % 3], i % 3 == 1 ? "v1" : "v2",
                            statuses[(i / 3) % 3], 1_000, null);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        PromText page = scrape(metrics);
        assertEquals(threads * each, page.named("http_requests_total").stream().mapToDouble(PromText.Sample::value).sum());
        assertEquals(threads * each, page.named("http_request_duration_seconds_count").stream()
                .mapToDouble(PromText.Sample::value).sum());
        // 2 methods x 3 routes x 3 statuses, each series once.
        assertEquals(18, page.named("http_requests_total").size());
        assertEquals(6, page.named("http_request_duration_seconds_count").size());
    }

    @Test
    void durationsFallIntoBucketsFromHalfAMillisecondToFiveSeconds() {
        Metrics metrics = new Metrics(false);

        metrics.observe("GET", "/api/v2/records/7", "/api/v2/records/{id}", "v2", 200, 300_000, null);   // 0.3 ms
        metrics.observe("GET", "/api/v2/records/8", "/api/v2/records/{id}", "v2", 200, 2_000_000, null); // 2 ms
        metrics.observe("GET", "/api/v2/records/9", "/api/v2/records/{id}", "v2", 200, 9_000_000_000L, null); // 9 s

        PromText page = scrape(metrics);
        String[] route = {"method", "GET", "route", "/api/v2/records/{id}"};
        assertTrue(page.declares("http_request_duration_seconds", "histogram"));
        assertEquals(1.0, page.require("http_request_duration_seconds_bucket", with(route, "le", "5.0E-4")));
        assertEquals(2.0, page.require("http_request_duration_seconds_bucket", with(route, "le", "0.0025")));
        assertEquals(2.0, page.require("http_request_duration_seconds_bucket", with(route, "le", "5.0")));
        assertEquals(3.0, page.require("http_request_duration_seconds_bucket", with(route, "le", "+Inf")));
        assertEquals(3.0, page.require("http_request_duration_seconds_count", route));
        assertEquals(9.0023, page.require("http_request_duration_seconds_sum", route), 1e-9);
        assertEquals(Metrics.DURATION_BUCKETS.length + 1, page.named("http_request_duration_seconds_bucket").size());
    }

    @Test
    void theShareOfEachApiVersionIsReadOffOneGauge() {
        Metrics metrics = new Metrics(false);
        PromText before = scrape(metrics);
        assertEquals(0.0, before.require(Metrics.SHARE, "api_version", "v2"));

        for (int i = 0; i < 3; i++) {
            metrics.observe("GET", "/api/v2/records/1", "/api/v2/records/{id}", "v2", 200, 1_000, null);
        }
        metrics.observe("POST", "/api/v1/records/1", "/api/v1/records/{id}", "v1", 200, 1_000, null);
        metrics.observe("GET", "/metrics", "/metrics", "none", 200, 1_000, null);

        PromText page = scrape(metrics);
        assertTrue(page.declares(Metrics.SHARE, "gauge"));
        assertEquals(0.75, page.require(Metrics.SHARE, "api_version", "v2"));
        assertEquals(0.25, page.require(Metrics.SHARE, "api_version", "v1"));
        assertNull(page.value(Metrics.SHARE, "api_version", "none"));
    }

    @Test
    void thePageHasNoCreatedTimestampsAndTheJvmWhenAskedFor() {
        Metrics metrics = new Metrics(true);
        metrics.observe("GET", "/health", "/health", "none", 200, 1_000, null);

        PromText page = scrape(metrics);
        assertTrue(page.named("http_requests_created").isEmpty());
        assertTrue(page.named("http_request_duration_seconds_created").isEmpty());
        assertTrue(page.value("jvm_threads_current") > 0);
        assertTrue(page.declares("process_cpu_seconds_total", "counter"));
        assertTrue(page.declares("jvm_memory_bytes_used", "gauge"));
        assertTrue(page.declares("jvm_gc_collection_seconds", "summary"));
    }

    @Test
    void theCopiedCountersAreTheApplicationsOwnTotalsWithSortedLabels() {
        Metrics metrics = new Metrics(true);
        metrics.observe("GET", "/api/v2/records/1", "/api/v2/records/{id}", "v2", 200, 1_000, null);
        metrics.evaluated("enable_metrics", false);
        metrics.committed(2, 1);

        List<MetricSample> counters = metrics.counters();

        assertEquals(List.of(
                MetricSample.of("http_requests_total",
                        Map.of("api_version", "v2", "method", "GET", "route", "/api/v2/records/{id}", "status", "200"), 1),
                MetricSample.of("feature_flag_evaluations_total", Map.of("flag", "enable_metrics", "result", "off"), 1),
                MetricSample.of("record_versions_written_total", Map.of(), 2),
                MetricSample.of("audit_entries_written_total", Map.of(), 1),
                MetricSample.of("db_write_failures_total", Map.of(), 0),
                MetricSample.of("db_write_transactions_total", Map.of(), 1)), counters);
        assertEquals(List.of("api_version", "method", "route", "status"), List.copyOf(counters.get(0).labels().keySet()));
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
