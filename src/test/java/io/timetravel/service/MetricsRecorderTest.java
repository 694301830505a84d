package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.http.metrics.Metrics;
import io.timetravel.storage.SqlObservabilityStore;
import io.timetravel.testing.CommitRefusal;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of the metric counters in observability_metrics, on a real database. */
class MetricsRecorderTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final String ROWS = "SELECT captured_at, metric_name, labels, value FROM observability_metrics ORDER BY id";

    @TempDir
    Path dir;

    /** A stored row: labels parsed back from their JSON text. */
    private record Row(String capturedAt, String name, String labelsText, Map<String, String> labels, double value) {
    }

    private static List<Row> rows(Path db) {
        return Sql.query(db, ROWS).stream().map(r -> new Row(r.get(0), r.get(1), r.get(2), labels(r.get(2)),
                Double.parseDouble(r.get(3)))).toList();
    }

    private static Map<String, String> labels(String json) {
        try {
            JsonObject object = JsonParser.parseObject(json);
            Map<String, String> labels = new TreeMap<>();
            object.members().forEach((name, value) -> labels.put(name, ((JsonString) value).value()));
            return labels;
        } catch (Exception e) {
            throw new AssertionError("labels are not a JSON object of strings: " + json, e);
        }
    }

    private static MetricsRecorder recorder(Metrics metrics, StoreFixture fixture, java.util.function.BooleanSupplier enabled,
                                            Duration interval) {
        return new MetricsRecorder(metrics, new SqlObservabilityStore(fixture.store()), enabled, Clock.systemUTC(), interval);
    }

    /** Writes records, answers requests of every kind and evaluates flags, so every counter moves. */
    private static void traffic(Metrics metrics, StoreFixture fixture) {
        fixture.write(1, "{\"name\":\"Ada\"}");
        fixture.write(1, "{\"premium\":1200}");
        fixture.write(2, "{\"name\":\"Grace\"}");
        metrics.observe("GET", "/api/v2/records/1", "/api/v2/records/{id}", "v2", 200, 120_000, null);
        metrics.observe("GET", "/api/v2/records/1", "/api/v2/records/{id}", "v2", 200, 90_000, null);
        metrics.observe("POST", "/api/v1/records/3", "/api/v1/records/{id}", "v1", 400, 50_000, "invalid input");
        metrics.observe("GET", "/nowhere", "unmatched", "none", 404, 10_000, "not found");
        metrics.evaluated("enable_v2_api", true);
        metrics.evaluated("enable_audit_logging", false);
    }

    @Test
    void aCopyEqualsTheInMemoryCountersAtTheMomentOfCopying() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            fixture.store().setWriteMetrics(metrics);
            traffic(metrics, fixture);
            MetricsRecorder recorder = recorder(metrics, fixture, () -> true, NEVER);

            // Quiet: nothing counts while the copy is read and written, so memory must equal the rows.
            MetricsRecorder.Copy copy = recorder.copy().join().orElseThrow();

            List<Row> rows = rows(fixture.database().file());
            List<MetricSample> inMemory = metrics.counters();
            assertEquals(inMemory.size(), rows.size());
            assertEquals(inMemory.stream().map(s -> MetricSample.of(s.name(), s.labels(), beforeTheCopy(s.name(), s.value())))
                    .toList(), copy.samples());
            Set<String> seen = new HashSet<>();
            for (Row row : rows) {
                assertEquals(Instants.format(copy.capturedAt()), row.capturedAt(), "one capture instant per copy");
                double value = beforeTheCopy(row.name(), metrics.sample(row.name(), row.labels()));
                assertEquals(value, row.value(), row.name() + row.labelsText());
                assertTrue(seen.add(row.name() + row.labelsText()), "one row per sample: " + row);
            }
            for (MetricSample sample : inMemory) {
                assertTrue(seen.contains(sample.name() + SqliteLabels.text(sample)), "a row for " + sample);
            }
            assertEquals(3.0, value(rows, "record_versions_written_total", Map.of()));
            assertEquals(3.0, value(rows, "audit_entries_written_total", Map.of()));
            assertEquals(2.0, value(rows, "http_requests_total",
                    Map.of("method", "GET", "route", "/api/v2/records/{id}", "status", "200", "api_version", "v2")));
            assertEquals(1.0, value(rows, "feature_flag_evaluations_total", Map.of("flag", "enable_audit_logging", "result", "off")));
        }
    }

    @Test
    void labelsAreStoredAsJsonWithSortedKeys() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            metrics.observe("GET", "/api/v2/records/1", "/api/v2/records/{id}", "v2", 200, 1_000, null);

            recorder(metrics, fixture, () -> true, NEVER).copy().join();

            assertEquals("{\"api_version\":\"v2\",\"method\":\"GET\",\"route\":\"/api/v2/records/{id}\",\"status\":\"200\"}",
                    Sql.scalar(fixture.database().file(),
                            "SELECT labels FROM observability_metrics WHERE metric_name = 'http_requests_total'"));
            assertEquals("{}", Sql.scalar(fixture.database().file(),
                    "SELECT labels FROM observability_metrics WHERE metric_name = 'db_write_failures_total'"));
        }
    }

    @Test
    void nothingIsWrittenWhileMetricsAreDisabled() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            fixture.store().setWriteMetrics(metrics);
            traffic(metrics, fixture);
            AtomicBoolean enabled = new AtomicBoolean(false);
            MetricsRecorder recorder = recorder(metrics, fixture, enabled::get, Duration.ofMillis(20));
            recorder.start();

            assertTrue(recorder.copy().join().isEmpty());
            sleep(200); // about ten periodic turns
            assertEquals(0, Sql.count(fixture.database().file(), "SELECT count(*) FROM observability_metrics"));

            // The flag is asked at every copy: switched on, copies resume without a restart.
            enabled.set(true);
            Wait.until(Duration.ofSeconds(5),
                    () -> Sql.count(fixture.database().file(), "SELECT count(*) FROM observability_metrics") > 0,
                    () -> "a copy once enabled");
            enabled.set(false);
            recorder.close();
            long copies = Sql.count(fixture.database().file(), "SELECT count(DISTINCT captured_at) FROM observability_metrics");
            sleep(100);
            assertEquals(copies, Sql.count(fixture.database().file(), "SELECT count(DISTINCT captured_at) FROM observability_metrics"));
        }
    }

    @Test
    void aShutdownWhileDisabledWritesNothing() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            traffic(metrics, fixture);
            MetricsRecorder recorder = recorder(metrics, fixture, () -> false, NEVER);
            recorder.start();

            recorder.close();

            assertEquals(0, Sql.count(fixture.database().file(), "SELECT count(*) FROM observability_metrics"));
        }
    }

    @Test
    void copiesAreMadeEveryIntervalEachWholeUnderOneInstant() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            traffic(metrics, fixture);
            MetricsRecorder recorder = recorder(metrics, fixture, () -> true, Duration.ofMillis(50));
            recorder.start();

            Wait.until(Duration.ofSeconds(10),
                    () -> Sql.count(fixture.database().file(), "SELECT count(DISTINCT captured_at) FROM observability_metrics") >= 3,
                    () -> "three periodic copies");
            recorder.close();

            int perCopy = metrics.counters().size();
            List<List<String>> sizes = Sql.query(fixture.database().file(),
                    "SELECT captured_at, count(*) FROM observability_metrics GROUP BY captured_at");
            for (List<String> size : sizes) {
                assertEquals(String.valueOf(perCopy), size.get(1), "rows of the copy at " + size.get(0));
            }
        }
    }

    @Test
    void closingMakesOneLastCopyWithTheFinalValues() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            fixture.store().setWriteMetrics(metrics);
            MetricsRecorder recorder = recorder(metrics, fixture, () -> true, NEVER);
            recorder.start();
            traffic(metrics, fixture);
            fixture.write(3, "{\"name\":\"Edsger\"}");

            recorder.close();

            List<Row> rows = rows(fixture.database().file());
            assertEquals(1, rows.stream().map(Row::capturedAt).distinct().count());
            assertEquals(4.0, value(rows, "record_versions_written_total", Map.of()));
            for (Row row : rows) {
                assertEquals(beforeTheCopy(row.name(), metrics.sample(row.name(), row.labels())), row.value(),
                        row.name() + row.labelsText());
            }
        }
    }

    /**
     * A counter's value in memory as the copy read it: the copy is a write transaction too, counted
     * in db_write_transactions_total when it commits, after it read the counters.
     */
    private static double beforeTheCopy(String name, double inMemory) {
        return name.equals("db_write_transactions_total") ? inMemory - 1 : inMemory;
    }

    @Test
    void countsPastSinglePrecisionAreCopiedExactly() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            metrics.committed(16_777_217, 123_456_789);

            recorder(metrics, fixture, () -> true, NEVER).copy().join();

            List<Row> rows = rows(fixture.database().file());
            assertEquals(16_777_217.0, value(rows, "record_versions_written_total", Map.of()));
            assertEquals(123_456_789.0, value(rows, "audit_entries_written_total", Map.of()));
        }
    }

    @Test
    void aCommitTheDatabaseRefusesIsCountedAsAFailedWrite() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"))) {
            Metrics metrics = new Metrics(false);
            fixture.store().setWriteMetrics(metrics);
            fixture.write(1, "{\"a\":\"1\"}");
            CommitRefusal.refuseCommits(fixture.database().file());

            CompletionException refused = assertThrows(CompletionException.class, () -> fixture.write(2, "{\"a\":\"2\"}"));
            assertInstanceOf(StoreUnavailableException.class, refused.getCause());
            CommitRefusal.allowCommits(fixture.database().file());

            assertEquals(1.0, metrics.sample("db_write_failures_total", Map.of()));
            assertEquals(1.0, metrics.sample("record_versions_written_total", Map.of()));
            recorder(metrics, fixture, () -> true, NEVER).copy().join();
            assertEquals(1.0, value(rows(fixture.database().file()), "db_write_failures_total", Map.of()));
        }
    }

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesAfterACopyAtMostOnceAnHour() {
        MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("t.db"), clock)) {
            Path db = fixture.database().file();
            // More old rows than two batches, and some younger than the 30 days kept.
            insertRows(db, "old_total", "2026-05-02T11:59:59.999999Z", 2 * MetricsRecorder.PRUNE_BATCH + 500);
            insertRows(db, "young_total", "2026-05-02T12:30:00.000000Z", 10);
            Metrics metrics = new Metrics(false);
            metrics.observe("GET", "/api/v2/records/1", "/api/v2/records/{id}", "v2", 200, 1_000, null);
            int perCopy = metrics.counters().size();
            MetricsRecorder recorder = new MetricsRecorder(metrics, new SqlObservabilityStore(fixture.store()), () -> true,
                    clock, Duration.ofMillis(20), Duration.ofDays(30));
            recorder.start();

            Wait.until(Duration.ofSeconds(20), () -> named(db, "old_total") == 0, () -> "the rows older than 30 days deleted");
            assertEquals(10, named(db, "young_total"), "rows younger than the retention are kept");
            assertTrue(copied(db) >= perCopy, "the copy itself is kept");

            // 59 minutes later the young rows are old too, but the last deletion was less than an hour ago.
            clock.advance(Duration.ofMinutes(59));
            awaitTwoMoreCopies(db, perCopy);
            assertEquals(10, named(db, "young_total"), "no deletion within the hour");

            clock.advance(Duration.ofMinutes(1));
            Wait.until(Duration.ofSeconds(20), () -> named(db, "young_total") == 0, () -> "the deletion an hour later");
            recorder.close();
            assertTrue(copied(db) >= 3L * perCopy, "copies are never deleted with the old rows");
        }
    }

    private static void insertRows(Path db, String name, String capturedAt, int rows) {
        Sql.update(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ")"
                + " INSERT INTO observability_metrics (captured_at, metric_name, labels, value)"
                + " SELECT '" + capturedAt + "', '" + name + "', '{}', i FROM n");
        assertEquals(rows, named(db, name));
    }

    private static long named(Path db, String name) {
        return Sql.count(db, "SELECT count(*) FROM observability_metrics WHERE metric_name = '" + name + "'");
    }

    private static long copied(Path db) {
        return Sql.count(db, "SELECT count(*) FROM observability_metrics WHERE metric_name NOT IN ('old_total', 'young_total')");
    }

    /** Two more whole copies: the turn of the first one, its deletion included, began after this call. */
    private static void awaitTwoMoreCopies(Path db, int perCopy) {
        long before = copied(db);
        Wait.until(Duration.ofSeconds(20), () -> copied(db) >= before + 2L * perCopy, () -> "two more copies");
    }

    private static double value(List<Row> rows, String name, Map<String, String> labels) {
        return rows.stream().filter(r -> r.name().equals(name) && r.labels().equals(new TreeMap<>(labels)))
                .mapToDouble(Row::value).reduce((a, b) -> {
                    throw new AssertionError("two rows for " + name + labels);
                }).orElseThrow(() -> new AssertionError("no row for " + name + labels + " in " + rows));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The labels' text as the store writes it, built here independently: sorted keys, JSON strings. */
    private static final class SqliteLabels {
        static String text(MetricSample sample) {
            Map<String, io.timetravel.domain.json.JsonValue> members = new TreeMap<>();
            sample.labels().forEach((name, value) -> members.put(name, JsonString.of(value)));
            return JsonObject.of(members).toJson();
        }
    }
}
