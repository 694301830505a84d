package io.timetravel.service;

import java.util.List;

/** Reads the in-memory metric counters (implemented where the metrics live, in {@code http.metrics}). */
@FunctionalInterface
public interface MetricsSource {

    /** The current value of every sample of every counter that is copied to the database. */
    List<MetricSample> counters();
}
