package io.timetravel.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where copies of the metric counters are kept ({@code observability_metrics}). */
public interface ObservabilityStore {

    /**
     * Appends one row per sample, all with {@code capturedAt}, in one transaction; the future
     * completes with the number of rows once the commit is durable.
     */
    CompletableFuture<Integer> append(Instant capturedAt, List<MetricSample> samples);

    /**
     * Deletes at most {@code limit} of the oldest rows captured before {@code cutoff}, in one
     * transaction; the future completes with the number deleted once the commit is durable.
     */
    CompletableFuture<Integer> deleteCapturedBefore(Instant cutoff, int limit);
}
