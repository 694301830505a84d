package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.http.metrics.Metrics;
import io.timetravel.service.MetricSample;
import io.timetravel.testing.CommitRefusal;
import io.timetravel.testing.PromText;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real server after real traffic (docs/contract.md: Metrics): requests by route template,
 * status and API version, durations, versions and audit entries written, failed writes, the JVM,
 * and the copy of the counters made when the server stops. A fresh server per test, so counts
 * start at zero.
 */
class MetricsHttpTest {

    private static final String USER = "X-User-ID";
    private static final String V2_RECORD = "/api/v2/records/{id}";
    private static final String V1_RECORD = "/api/v1/records/{id}";
    private static final int TRAFFIC = 12;

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("metrics.db"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PromText metrics() {
        Reply reply = server.get("/metrics");
        assertEquals(200, reply.status(), reply.body());
        return PromText.parse(reply.body());
    }

    /**
     * The page once {@code answered} requests (other than scrapes) are counted: a request is
     * observed just after its answer is sent, so the client may be a moment ahead of the counter.
     */
    private PromText metricsAfter(int answered) {
        PromText[] page = new PromText[1];
        Wait.until(Duration.ofSeconds(5), () -> {
            page[0] = metrics();
            return page[0].named("http_requests_total").stream()
                    .filter(s -> !s.labels().get("route").equals("/metrics"))
                    .mapToDouble(PromText.Sample::value).sum() >= answered;
        }, () -> answered + " requests counted in " + page[0].text());
        return page[0];
    }

    /**
     * Requests of every kind: v2 and v1, successes, client errors, a wrong method, an unknown path;
     * {@value #TRAFFIC} of them.
     */
    private void traffic() {
        assertEquals(201, server.post("/api/v2/records/7", "{\"name\":\"Ada\"}", USER, "42").status());
        assertEquals(200, server.post("/api/v2/records/7", "{\"premium\":1200}", USER, "42").status());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/api/v2/records/7", USER, "42").status());
        }
        assertEquals(404, server.get("/api/v2/records/8", USER, "42").status());
        assertEquals(400, server.get("/api/v2/records/7").status());
        assertEquals(200, server.post("/api/v1/records/5", "{\"k\":\"v\"}").status());
        assertEquals(200, server.get("/api/v1/records/5").status());
        assertEquals(400, server.get("/api/v1/records/abc").status());
        assertEquals(405, server.send("DELETE", "/api/v1/records/5", null).status());
        assertEquals(404, server.get("/no/such/path").status());
    }

    private static double requests(PromText page, String method, String route, int status, String version) {
        Double value = page.value("http_requests_total", "method", method, "route", route, "status", String.valueOf(status),
                "api_version", version);
        return value == null ? 0 : value;
    }

    @Test
    void theMetricsPageIsPrometheusTextServedWithoutAUser() {
        Reply reply = server.get("/metrics");

        assertEquals(200, reply.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", reply.header("Content-Type"));
        PromText page = PromText.parse(reply.body());
        assertTrue(page.declares("http_requests_total", "counter"));
        assertTrue(page.declares("http_request_duration_seconds", "histogram"));
        assertTrue(page.declares("feature_flag_evaluations_total", "counter"));
        assertEquals(0.0, page.require("record_versions_written_total"));
        assertEquals(0.0, page.require("audit_entries_written_total"));
        assertEquals(0.0, page.require("db_write_failures_total"));
    }

    @Test
    void requestsAreCountedByRouteTemplateStatusAndApiVersion() {
        traffic();

        PromText page = metricsAfter(TRAFFIC);
        assertEquals(1, requests(page, "POST", V2_RECORD, 201, "v2"));
        assertEquals(1, requests(page, "POST", V2_RECORD, 200, "v2"));
        assertEquals(3, requests(page, "GET", V2_RECORD, 200, "v2"));
        assertEquals(1, requests(page, "GET", V2_RECORD, 404, "v2"));
        assertEquals(1, requests(page, "GET", V2_RECORD, 400, "v2"));
        assertEquals(1, requests(page, "POST", V1_RECORD, 200, "v1"));
        assertEquals(1, requests(page, "GET", V1_RECORD, 200, "v1"));
        assertEquals(1, requests(page, "GET", V1_RECORD, 400, "v1"));
        assertEquals(1, requests(page, "DELETE", V1_RECORD, 405, "v1"));
        assertEquals(1, requests(page, "GET", "unmatched", 404, "none"));
        assertEquals(12, page.named("http_requests_total").stream().mapToDouble(PromText.Sample::value).sum());
        // Labels name templates, never the paths clients sent.
        assertFalse(page.text().contains("/api/v2/records/7"), page.text());
        assertFalse(page.text().contains("/no/such/path"), page.text());
        assertFalse(page.text().contains("abc"), page.text());
    }

    @Test
    void v2AdoptionReadsOffTheShareGauge() {
        traffic(); // 7 v2 requests, 4 v1 requests

        PromText page = metricsAfter(TRAFFIC);
        assertEquals(7.0 / 11, page.require("api_requests_share",
                "api_version", "v2"), 1e-12);
        assertEquals(4.0 / 11, page.require("api_requests_share", "api_version", "v1"), 1e-12);
    }

    @Test
    void durationsAreAHistogramPerMethodAndRouteTemplate() {
        traffic();

        PromText page = metricsAfter(TRAFFIC);
        String[] getRecord = {"method", "GET", "route", V2_RECORD};
        assertEquals(5.0, page.require("http_request_duration_seconds_count", getRecord));
        assertTrue(page.require("http_request_duration_seconds_sum", getRecord) > 0);
        List<PromText.Sample> buckets = page.named("http_request_duration_seconds_bucket").stream()
                .filter(s -> s.labels().get("method").equals("GET") && s.labels().get("route").equals(V2_RECORD))
                .toList();
        assertEquals(14, buckets.size()); // 0.5 ms ... 5 s, and +Inf
        assertEquals("+Inf", buckets.get(buckets.size() - 1).labels().get("le"));
        assertEquals(5.0, buckets.get(buckets.size() - 1).value());
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(buckets.get(i).value() >= buckets.get(i - 1).value(), "cumulative buckets");
        }
        assertEquals(1.0, page.require("http_request_duration_seconds_count", "method", "GET", "route", "unmatched"));
    }

    @Test
    void scrapesAreCountedLikeAnyRequest() {
        PromText first = metrics();
        assertEquals(0, requests(first, "GET", "/metrics", 200, "none"), "a scrape is counted once answered");

        Wait.until(Duration.ofSeconds(5), () -> requests(metrics(), "GET", "/metrics", 200, "none") >= 1,
                () -> "scrapes counted");
        assertTrue(metrics().require("http_request_duration_seconds_count", "method", "GET", "route", "/metrics") >= 1);
    }

    @Test
    void theJvmIsMeasuredToo() {
        PromText page = metrics();

        assertTrue(page.require("jvm_threads_current") > 0);
        assertTrue(page.require("jvm_memory_bytes_used", "area", "heap") > 0);
        assertTrue(page.require("process_cpu_seconds_total") > 0);
        assertTrue(page.declares("jvm_gc_collection_seconds", "summary"));
        assertTrue(page.declares("jvm_classes_currently_loaded", "gauge"));
    }

    @Test
    void versionsAndAuditEntriesWrittenMatchWhatTheDatabaseHolds() {
        traffic();
        assertEquals(200, server.post("/api/v2/records/7", "{\"premium\":1200}", USER, "42").status()); // no change
        assertEquals(201, server.post("/api/v2/records/7/restore", "{\"version\":1,\"reason\":\"typo\"}", USER, "42").status());

        PromText page = metricsAfter(TRAFFIC + 2);
        Path db = server.database();
        assertEquals(4, Sql.count(db, "SELECT count(*) FROM policyholder_records"));
        assertEquals(Sql.count(db, "SELECT count(*) FROM policyholder_records"), page.require("record_versions_written_total"));
        assertEquals(Sql.count(db, "SELECT count(*) FROM audit_history"), page.require("audit_entries_written_total"));
        assertEquals(0.0, page.require("db_write_failures_total"));
    }

    @Test
    void aCommitTheDatabaseRefusesShowsAsAFailedWrite() {
        assertEquals(201, server.post("/api/v2/records/1", "{\"a\":1}", USER, "42").status());
        CommitRefusal.refuseCommits(server.database());

        Reply refused = server.post("/api/v2/records/2", "{\"a\":1}", USER, "42");

        assertEquals(503, refused.status(), refused.body());
        PromText page = metricsAfter(2);
        assertEquals(1.0, page.require("db_write_failures_total"));
        // The refused transaction and at least the first POST's: the failed share stays below 1.
        assertTrue(page.require("db_write_transactions_total") >= 2, page.text());
        assertEquals(1.0, page.require("record_versions_written_total"));
        assertEquals(1, requests(page, "POST", V2_RECORD, 503, "v2"));
    }

    @Test
    void stoppingTheServerCopiesEveryCounterToTheDatabase() {
        traffic();
        metricsAfter(TRAFFIC);
        Metrics metrics = server.context().metrics();
        Path db = server.database();

        server.close();
        server = null;

        String last = Sql.scalar(db, "SELECT max(captured_at) FROM observability_metrics");
        List<List<String>> rows = Sql.query(db,
                "SELECT metric_name, labels, value FROM observability_metrics WHERE captured_at = '" + last + "'");
        List<MetricSample> inMemory = metrics.counters();
        assertEquals(inMemory.size(), rows.size());
        assertEquals(3.0, inMemory.stream().filter(s -> s.name().equals("record_versions_written_total"))
                .findFirst().orElseThrow().value());
        for (MetricSample sample : inMemory) {
            String labels = labelsJson(sample.labels());
            List<List<String>> row = rows.stream().filter(r -> r.get(0).equals(sample.name()) && r.get(1).equals(labels)).toList();
            assertEquals(1, row.size(), sample + " in " + rows);
            // The last copy is a write transaction itself, counted once it committed: after the values it copied.
            double expected = sample.name().equals("db_write_transactions_total") ? sample.value() - 1 : sample.value();
            assertEquals(expected, Double.parseDouble(row.get(0).get(2)), sample.toString());
        }
        assertEquals(Sql.count(db, "SELECT count(*) FROM policyholder_records"), Double.parseDouble(Sql.scalar(db,
                "SELECT value FROM observability_metrics WHERE metric_name = 'record_versions_written_total' "
                        + "AND captured_at = '" + last + "'")));
    }

    private static String labelsJson(Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        labels.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                .append(value).append('"'));
        return out.append('}').toString();
    }
}
