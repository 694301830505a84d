package io.timetravel.gui.dashboard;

import io.timetravel.gui.dashboard.DashboardViewModel.KeyedSeries;
import io.timetravel.gui.dashboard.DashboardViewModel.Point;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Rates from counters kept by key (flag evaluations by flag, quotes by engine label): one series
 * a key, from the interval its counter first shows up in, in the order the keys were first seen.
 */
final class KeyedRates {

    private final ObservableList<KeyedSeries> series = FXCollections.observableArrayList();
    private final Map<String, KeyedSeries> byKey = new HashMap<>();

    /** Adds each key's rate over an interval {@code seconds} long ending at {@code time}, from the counts at its two ends. */
    void add(double time, double seconds, Map<String, Double> earlier, Map<String, Double> later) {
        later.forEach((key, count) -> {
            KeyedSeries keyed = byKey.computeIfAbsent(key, name -> {
                KeyedSeries added = new KeyedSeries(name, FXCollections.observableArrayList());
                series.add(added);
                return added;
            });
            // A counter exists from its first count: before that it counted none.
            keyed.points().add(new Point(time, Math.max(0, count - earlier.getOrDefault(key, 0.0)) / seconds));
        });
    }

    /** Drops every point before {@code from}. */
    void trim(double from) {
        series.forEach(keyed -> DashboardViewModel.trim(keyed.points(), from));
    }

    ObservableList<KeyedSeries> series() {
        return series;
    }

    /** The counts of every key together, between two readings: for a headline. */
    static double total(Map<String, Double> earlier, Map<String, Double> later) {
        double total = 0;
        for (Map.Entry<String, Double> entry : later.entrySet()) {
            total += Math.max(0, entry.getValue() - earlier.getOrDefault(entry.getKey(), 0.0));
        }
        return total;
    }
}
