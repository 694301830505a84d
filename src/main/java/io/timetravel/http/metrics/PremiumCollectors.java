package io.timetravel.http.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.timetravel.service.LatencyHistogram;
import io.timetravel.service.PremiumMetrics;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The premium metrics: quotes by engine and version and how long they took, and the progress of
 * recalculations (a gauge per running job, removed when it ends, so ids do not pile up as series).
 */
final class PremiumCollectors implements PremiumMetrics {

    /** Upper bounds of the quote duration buckets, in seconds: 1 ms to 2.5 s. */
    static final double[] QUOTE_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    private static final List<Double> QUOTE_BOUNDS = HistogramReading.bounds(QUOTE_BUCKETS);

    private final Counter quotes;
    private final Histogram quoteDurations;
    private final Counter recalculated;
    private final Gauge progress;
    private final Gauge running;
    private final Map<Long, Long> processed = new ConcurrentHashMap<>();

    PremiumCollectors(CollectorRegistry registry) {
        quotes = Counter.build()
                .name("premium_quotes_total")
                .help("Premium quotes decided and recorded, by engine and engine version.")
                .labelNames("engine", "engine_version")
                .withoutExemplars()
                .register(registry);
        quoteDurations = Histogram.build()
                .name("premium_quote_duration_seconds")
                .help("Time to decide and durably record a premium quote, by engine.")
                .labelNames("engine")
                .buckets(QUOTE_BUCKETS)
                .withoutExemplars()
                .register(registry);
        recalculated = Counter.build()
                .name("recalculation_records_total")
                .help("Records gone through by recalculation jobs.")
                .withoutExemplars()
                .register(registry);
        progress = Gauge.build()
                .name("recalculation_progress_ratio")
                .help("Share of the records a running recalculation has gone through (0 to 1), by job id.")
                .labelNames("recalculation")
                .register(registry);
        running = Gauge.build()
                .name("recalculations_running")
                .help("Recalculation jobs running or queued.")
                .register(registry);
    }

    @Override
    public void quoted(String engine, int version, long nanos) {
        quotes.labels(engine, Integer.toString(version)).inc();
        quoteDurations.labels(engine).observe(nanos / 1e9);
    }

    @Override
    public void recalculationProgress(long id, long done, long total) {
        Long before = processed.put(id, done);
        if (before == null) {
            running.inc();
        }
        long delta = done - (before == null ? 0 : before);
        if (delta > 0) {
            recalculated.inc(delta);
        }
        progress.labels(Long.toString(id)).set(total == 0 ? 1 : Math.min(1.0, (double) done / total));
    }

    @Override
    public void recalculationEnded(long id, String status) {
        if (processed.remove(id) != null) {
            running.dec();
        }
        progress.remove(Long.toString(id));
    }

    /** Quotes so far by engine label ({@code classic@1}), for the dashboard. */
    Map<String, Double> quotesByEngine() {
        Map<String, Double> byEngine = new TreeMap<>();
        quotes.collect().forEach(family -> family.samples.forEach(sample -> {
            if (sample.name.equals("premium_quotes_total")) {
                byEngine.merge(sample.labelValues.get(0) + "@" + sample.labelValues.get(1), sample.value, Double::sum);
            }
        }));
        return byEngine;
    }

    /** How long the quotes so far took, every engine together, for the dashboard. */
    LatencyHistogram quoteLatency() {
        return HistogramReading.summed(quoteDurations, "premium_quote_duration_seconds", QUOTE_BOUNDS);
    }

    /** The share done (0 to 1) of each running recalculation, by job id; empty when none runs. */
    SortedMap<Long, Double> recalculations() {
        SortedMap<Long, Double> byJob = new TreeMap<>();
        progress.collect().forEach(family -> family.samples.forEach(
                sample -> byJob.put(Long.parseLong(sample.labelValues.get(0)), sample.value)));
        return byJob;
    }
}
