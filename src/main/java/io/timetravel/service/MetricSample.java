package io.timetravel.service;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sample of a metric as copied to the database: its name as exposed (e.g.
 * {@code http_requests_total}), its labels sorted by name, and its value.
 */
public record MetricSample(String name, SortedMap<String, String> labels, double value) {

    public MetricSample {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static MetricSample of(String name, Map<String, String> labels, double value) {
        return new MetricSample(name, new TreeMap<>(labels), value);
    }
}
