package io.timetravel.http.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import io.timetravel.domain.json.AppendingWriter;
import io.timetravel.http.RequestObserver;
import io.timetravel.service.FlagEvaluationListener;
import io.timetravel.service.LatencyHistogram;
import io.timetravel.service.MetricSample;
import io.timetravel.service.MetricsReading;
import io.timetravel.service.MetricsSource;
import io.timetravel.service.PremiumMetrics;
import io.timetravel.service.WriteMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's Prometheus metrics and the registry they live in: requests by route template,
 * status and API version, their durations, flag evaluations, what the writer made durable, its
 * write transactions and the failed ones, and the JVM's own metrics. The only place (with {@link MetricsApi}) that knows
 * Prometheus: everything else talks to it through the observer and listener interfaces.
 */
public final class Metrics implements RequestObserver, WriteMetrics, FlagEvaluationListener, MetricsSource {

    /** Upper bounds of the request duration buckets, in seconds: 0.5 ms to 5 s. */
    static final double[] DURATION_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    /** The same bounds and the infinite one, as {@link LatencyHistogram} takes them. */
    private static final List<Double> LATENCY_BOUNDS = HistogramReading.bounds(DURATION_BUCKETS);
    /** The label of methods outside {@link #methodIndex(String)}'s list: clients cannot grow the label set. */
    static final String OTHER_METHOD = "OTHER";
    static final String SHARE = "api_requests_share";

    private final CollectorRegistry registry = new CollectorRegistry();
    private final Counter requests;
    private final Histogram durations;
    private final Counter flagEvaluations;
    private final Counter versionsWritten;
    private final Counter auditEntriesWritten;
    private final Counter writeFailures;
    private final Counter writeTransactions;
    private final PremiumCollectors premiums;
    /** The counters copied to the database, in the order their rows are written. */
    private final List<Counter> copied;
    /** The request series by route template (a bounded set: templates and "unmatched"). */
    private final ConcurrentHashMap<String, RouteSeries> routes = new ConcurrentHashMap<>();

    /** The application's metrics with the JVM's. */
    public Metrics() {
        this(true);
    }

    /** @param jvm whether to export the JVM's own metrics too (memory, GC, threads, classes, CPU) */
    public Metrics(boolean jvm) {
        requests = Counter.build()
                .name("http_requests_total")
                .help("HTTP requests answered, by method, route template, status and API version.")
                .labelNames("method", "route", "status", "api_version")
                .withoutExemplars()
                .register(registry);
        durations = Histogram.build()
                .name("http_request_duration_seconds")
                .help("Time from receiving a request to having answered it, by method and route template.")
                .labelNames("method", "route")
                .buckets(DURATION_BUCKETS)
                .withoutExemplars()
                .register(registry);
        flagEvaluations = Counter.build()
                .name("feature_flag_evaluations_total")
                .help("Feature flag evaluations, by flag and result (on or off).")
                .labelNames("flag", "result")
                .withoutExemplars()
                .register(registry);
        versionsWritten = Counter.build()
                .name("record_versions_written_total")
                .help("Record versions made durable by the writer.")
                .withoutExemplars()
                .register(registry);
        auditEntriesWritten = Counter.build()
                .name("audit_entries_written_total")
                .help("Audit entries made durable by the writer.")
                .withoutExemplars()
                .register(registry);
        writeFailures = Counter.build()
                .name("db_write_failures_total")
                .help("Write transactions the database refused to start or commit (every write in them failed).")
                .withoutExemplars()
                .register(registry);
        writeTransactions = Counter.build()
                .name("db_write_transactions_total")
                .help("Write transactions the writer tried: committed or failed (db_write_failures_total counts the failed).")
                .withoutExemplars()
                .register(registry);
        new VersionShare().register(registry);
        premiums = new PremiumCollectors(registry);
        if (jvm) {
            DefaultExports.register(registry);
        }
        copied = List.of(requests, flagEvaluations, versionsWritten, auditEntriesWritten, writeFailures, writeTransactions);
    }

    /**
     * Counts an answered request and records its duration: a map look-up by the route template,
     * then the series' children kept by {@link RouteSeries}.
     */
    @Override
    public void observe(String method, String path, String route, String apiVersion, int status, long nanos, String error) {
        RouteSeries series = routes.get(route);
        if (series == null) {
            series = routes.computeIfAbsent(route, template -> new RouteSeries(template, requests, durations));
        }
        series.observe(methodIndex(method), status, apiVersion, nanos / 1e9);
    }

    @Override
    public void committed(int versions, int auditEntries) {
        writeTransactions.inc();
        if (versions > 0) {
            versionsWritten.inc(versions);
        }
        if (auditEntries > 0) {
            auditEntriesWritten.inc(auditEntries);
        }
    }

    @Override
    public void writeFailed() {
        writeFailures.inc();
        writeTransactions.inc();
    }

    @Override
    public void evaluated(String flagKey, boolean result) {
        flagEvaluations.labels(flagKey, result ? "on" : "off").inc();
    }

    /** Every sample of the application's counters (not the JVM's), as copied to the database. */
    @Override
    public List<MetricSample> counters() {
        List<MetricSample> samples = new ArrayList<>();
        for (Counter counter : copied) {
            for (Collector.MetricFamilySamples family : counter.collect()) {
                for (Collector.MetricFamilySamples.Sample sample : family.samples) {
                    if (!sample.name.endsWith("_total")) {
                        continue; // the _created timestamps are not counts
                    }
                    Map<String, String> labels = new TreeMap<>();
                    for (int i = 0; i < sample.labelNames.size(); i++) {
                        labels.put(sample.labelNames.get(i), sample.labelValues.get(i));
                    }
                    samples.add(MetricSample.of(sample.name, labels, sample.value));
                }
            }
        }
        return samples;
    }

    /**
     * The counts the dashboard charts, summed over methods and routes: requests by status and
     * API version, the duration histogram's buckets, flag evaluations by flag, the writer's
     * counts, and the premium quotes, their durations and the running recalculations' progress.
     * Read from the collectors as a scrape would, without formatting a page.
     */
    @Override
    public MetricsReading reading() {
        Map<RequestKey, Double> byStatus = new java.util.HashMap<>();
        for (Collector.MetricFamilySamples family : requests.collect()) {
            for (Collector.MetricFamilySamples.Sample sample : family.samples) {
                if (sample.name.equals("http_requests_total")) {
                    // Labels: method, route, status, api_version.
                    byStatus.merge(new RequestKey(Integer.parseInt(sample.labelValues.get(2)), sample.labelValues.get(3)),
                            sample.value, Double::sum);
                }
            }
        }
        List<MetricsReading.RequestCount> counts = new ArrayList<>(byStatus.size());
        byStatus.forEach((key, count) -> counts.add(new MetricsReading.RequestCount(key.status(), key.apiVersion(), count)));
        counts.sort(java.util.Comparator.comparing(MetricsReading.RequestCount::apiVersion)
                .thenComparingInt(MetricsReading.RequestCount::status));
        Map<String, Double> flags = new TreeMap<>();
        for (Collector.MetricFamilySamples family : flagEvaluations.collect()) {
            for (Collector.MetricFamilySamples.Sample sample : family.samples) {
                if (sample.name.equals("feature_flag_evaluations_total")) {
                    flags.merge(sample.labelValues.get(0), sample.value, Double::sum);
                }
            }
        }
        return MetricsReading.of(counts, latency(), flags, versionsWritten.get(), auditEntriesWritten.get(),
                writeFailures.get(), premiums.quotesByEngine(), premiums.quoteLatency(), premiums.recalculations());
    }

    /** Where the premium services report quotes and recalculations. */
    public PremiumMetrics premiums() {
        return premiums;
    }

    private record RequestKey(int status, String apiVersion) {
    }

    /** The request duration histogram summed over every (method, route) series. */
    private LatencyHistogram latency() {
        return HistogramReading.summed(durations, "http_request_duration_seconds", LATENCY_BOUNDS);
    }

    /** Everything in the registry in the Prometheus text format 0.0.4. */
    public byte[] scrape() {
        StringBuilder text = new StringBuilder(32 * 1024);
        try {
            TextFormat.write004(new AppendingWriter(text), withoutCreated(registry.metricFamilySamples()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return TextFormat.CONTENT_TYPE_004;
    }

    /**
     * The value of the sample called {@code name} with exactly these labels (in any order), or
     * {@code null} when there is none; read from the registry as a scrape would.
     */
    public Double sample(String name, Map<String, String> labels) {
        Enumeration<Collector.MetricFamilySamples> families = registry.metricFamilySamples();
        while (families.hasMoreElements()) {
            for (Collector.MetricFamilySamples.Sample sample : families.nextElement().samples) {
                if (sample.name.equals(name) && sample.labelNames.size() == labels.size() && matches(sample, labels)) {
                    return sample.value;
                }
            }
        }
        return null;
    }

    private static boolean matches(Collector.MetricFamilySamples.Sample sample, Map<String, String> labels) {
        for (int i = 0; i < sample.labelNames.size(); i++) {
            if (!sample.labelValues.get(i).equals(labels.get(sample.labelNames.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The methods HTTP defines keep their name; anything else a client sends becomes
     * {@value #OTHER_METHOD}, so that made-up methods cannot create series without bound. The
     * index into {@link RouteSeries#METHODS}.
     */
    static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "PATCH" -> 5;
            case "OPTIONS" -> 6;
            default -> 7;
        };
    }

    /**
     * The registry without the {@code _created} samples of counters and histograms: the 0.0.4
     * format can only show them as separate gauges, which double the series for no use here.
     */
    private static Enumeration<Collector.MetricFamilySamples> withoutCreated(Enumeration<Collector.MetricFamilySamples> families) {
        List<Collector.MetricFamilySamples> kept = new ArrayList<>();
        while (families.hasMoreElements()) {
            Collector.MetricFamilySamples family = families.nextElement();
            if (family.type != Collector.Type.COUNTER && family.type != Collector.Type.HISTOGRAM
                    && family.type != Collector.Type.SUMMARY) {
                kept.add(family);
                continue;
            }
            String created = family.name + "_created";
            List<Collector.MetricFamilySamples.Sample> samples = new ArrayList<>(family.samples.size());
            for (Collector.MetricFamilySamples.Sample sample : family.samples) {
                if (!sample.name.equals(created)) {
                    samples.add(sample);
                }
            }
            kept.add(new Collector.MetricFamilySamples(family.name, family.unit, family.type, family.help, samples));
        }
        return Collections.enumeration(kept);
    }

    /**
     * {@value #SHARE}{api_version}: each API version's share of the versioned requests answered
     * since start (0 to 1), computed from {@code http_requests_total} when scraped. A quick look
     * at v2 adoption; over a window, Prometheus computes it from the counter (see the README).
     */
    private final class VersionShare extends Collector {

        @Override
        public List<MetricFamilySamples> collect() {
            Map<String, Double> byVersion = new TreeMap<>();
            byVersion.put("v1", 0.0);
            byVersion.put("v2", 0.0);
            double total = 0;
            for (MetricFamilySamples family : requests.collect()) {
                for (MetricFamilySamples.Sample sample : family.samples) {
                    if (!sample.name.equals("http_requests_total")) {
                        continue;
                    }
                    String version = sample.labelValues.get(3);
                    if ("none".equals(version)) {
                        continue;
                    }
                    byVersion.merge(version, sample.value, Double::sum);
                    total += sample.value;
                }
            }
            GaugeMetricFamily share = new GaugeMetricFamily(SHARE,
                    "Share of the requests to a versioned API answered since start, by API version (0 to 1).",
                    List.of("api_version"));
            double all = total;
            byVersion.forEach((version, count) -> share.addMetric(List.of(version), all == 0 ? 0 : count / all));
            return List.of(share);
        }
    }
}
