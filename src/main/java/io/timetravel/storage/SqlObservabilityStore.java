package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.OBSERVABILITY_METRICS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.MetricSample;
import io.timetravel.service.ObservabilityStore;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.storage.jooq.tables.records.ObservabilityMetricsRecord;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.jooq.InsertValuesStep4;

/**
 * Copies of the metric counters in {@code observability_metrics}, written through the record
 * store's single writer: labels as JSON text with sorted keys, so equal label sets compare equal
 * as text in SQL.
 */
public final class SqlObservabilityStore implements ObservabilityStore {

    /** Rows per INSERT statement, well under SQLite's limit on bound parameters. */
    private static final int ROWS_PER_STATEMENT = 200;

    private final SqlRecordStore store;

    public SqlObservabilityStore(SqlRecordStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Integer> append(Instant capturedAt, List<MetricSample> samples) {
        String at = Instants.format(capturedAt);
        List<MetricSample> rows = List.copyOf(samples);
        return write(session -> {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                InsertValuesStep4<ObservabilityMetricsRecord, String, String, String, Double> insert = session.dsl()
                        .insertInto(OBSERVABILITY_METRICS, OBSERVABILITY_METRICS.CAPTURED_AT, OBSERVABILITY_METRICS.METRIC_NAME,
                                OBSERVABILITY_METRICS.LABELS, OBSERVABILITY_METRICS.VALUE);
                for (MetricSample sample : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))) {
                    insert = insert.values(at, sample.name(), labels(sample), sample.value());
                }
                insert.execute();
            }
            return rows.size();
        });
    }

    @Override
    public CompletableFuture<Integer> deleteCapturedBefore(Instant cutoff, int limit) {
        String before = Instants.format(cutoff);
        // Nothing that old (the usual case): no write transaction for nothing.
        if (!store.readers().read(s -> s.dsl().fetchExists(OBSERVABILITY_METRICS, OBSERVABILITY_METRICS.CAPTURED_AT.lt(before)))) {
            return CompletableFuture.completedFuture(0);
        }
        // By id through a subquery: both engines accept it, and a batch stays small whatever the table holds.
        return write(session -> session.dsl().deleteFrom(OBSERVABILITY_METRICS)
                .where(OBSERVABILITY_METRICS.ID.in(session.dsl().select(OBSERVABILITY_METRICS.ID)
                        .from(OBSERVABILITY_METRICS)
                        .where(OBSERVABILITY_METRICS.CAPTURED_AT.lt(before))
                        .orderBy(OBSERVABILITY_METRICS.ID)
                        .limit(limit)))
                .execute());
    }

    private <T> CompletableFuture<T> write(SingleWriter.Job<T> job) {
        SingleWriter writer = store.writer();
        if (writer == null) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the database is open for reading only"));
        }
        return writer.submit(job);
    }

    /** {@code {"method":"GET","route":"/api/v2/records/{id}",...}}: keys sorted, canonical text. */
    static String labels(MetricSample sample) {
        TreeMap<String, JsonValue> members = new TreeMap<>();
        sample.labels().forEach((name, value) -> members.put(name, JsonString.of(value)));
        return JsonObject.of(members).toJson();
    }
}
