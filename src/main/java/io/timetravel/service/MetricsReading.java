package io.timetravel.service;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the dashboard reads of the process's own metrics at one instant: every count since the
 * process started. Two readings give the rates of the interval between them.
 *
 * @param requests         answered requests by status and API version ({@code v1}, {@code v2} or
 *                         {@code none}), summed over methods and routes
 * @param latency          their durations, summed over methods and routes
 * @param flagEvaluations  feature flag evaluations by flag key (on and off together)
 * @param versionsWritten  record versions made durable
 * @param auditEntriesWritten audit entries made durable
 * @param writeFailures    write transactions the database refused
 * @param quotes           premium quotes decided, by engine label ({@code classic@1})
 * @param quoteLatency     their durations, summed over engines
 * @param recalculations   the share done (0 to 1) of each running recalculation, by job id; empty when none runs
 */
public record MetricsReading(List<RequestCount> requests, LatencyHistogram latency, SortedMap<String, Double> flagEvaluations,
                             double versionsWritten, double auditEntriesWritten, double writeFailures,
                             SortedMap<String, Double> quotes, LatencyHistogram quoteLatency,
                             SortedMap<Long, Double> recalculations) {

    /** The requests answered with one status by one API version. */
    public record RequestCount(int status, String apiVersion, double count) {
    }

    public MetricsReading {
        requests = List.copyOf(requests);
        flagEvaluations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(flagEvaluations));
        quotes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(quotes));
        recalculations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(recalculations));
    }

    public static MetricsReading of(List<RequestCount> requests, LatencyHistogram latency, Map<String, Double> flagEvaluations,
                                    double versionsWritten, double auditEntriesWritten, double writeFailures,
                                    Map<String, Double> quotes, LatencyHistogram quoteLatency,
                                    Map<Long, Double> recalculations) {
        return new MetricsReading(requests, latency, new TreeMap<>(flagEvaluations), versionsWritten, auditEntriesWritten,
                writeFailures, new TreeMap<>(quotes), quoteLatency, new TreeMap<>(recalculations));
    }

    /** Every request answered. */
    public double requestTotal() {
        return requests.stream().mapToDouble(RequestCount::count).sum();
    }

    /** The requests answered with a status from {@code from} to {@code to}, inclusive. */
    public double requestsWithStatus(int from, int to) {
        return requests.stream().filter(count -> count.status() >= from && count.status() <= to)
                .mapToDouble(RequestCount::count).sum();
    }

    /** The requests answered by API version {@code version}. */
    public double requestsOfVersion(String version) {
        return requests.stream().filter(count -> count.apiVersion().equals(version)).mapToDouble(RequestCount::count).sum();
    }
}
