package io.timetravel.service;

import java.util.List;

/** Reads the in-memory metric counters (implemented where the metrics live, in {@code http.metrics}). */
public interface MetricsSource {

    /** The current value of every sample of every counter that is copied to the database. */
    List<MetricSample> counters();

    /**
     * The counts the dashboard charts, read now: requests by status and API version, their
     * durations, flag evaluations and what the writer made durable. Cheap (memory only), for a
     * reading every second or so.
     */
    MetricsReading reading();
}
