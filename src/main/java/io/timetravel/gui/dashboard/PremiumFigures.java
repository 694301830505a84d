package io.timetravel.gui.dashboard;

import io.timetravel.gui.Messages;
import io.timetravel.service.MetricsReading;
import java.util.Map;
import java.util.SortedMap;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The dashboard's premium headlines: quotes per second and their p95 over the headline span,
 * every engine together, and how far the running recalculations are at the last reading.
 */
public final class PremiumFigures {

    private final ReadOnlyStringWrapper quotesNow = new ReadOnlyStringWrapper(Messages.get("dashboard.none"));
    private final ReadOnlyStringWrapper quoteLatencyNow = new ReadOnlyStringWrapper(Messages.get("dashboard.none"));
    private final ReadOnlyStringWrapper recalculationsNow = new ReadOnlyStringWrapper(Messages.get("dashboard.recalculationsNone"));

    PremiumFigures() {
    }

    /** The quote figures of the interval between two readings, {@code seconds} long. */
    void interval(MetricsReading earlier, MetricsReading later, double seconds) {
        double quotes = KeyedRates.total(earlier.quotes(), later.quotes());
        quotesNow.set(Messages.get("dashboard.quotesPerSecond", Figures.number(quotes / seconds)));
        quoteLatencyNow.set(Figures.p95(earlier.quoteLatency(), later.quoteLatency()));
    }

    /** The recalculations running at {@code reading}. */
    void now(MetricsReading reading) {
        recalculationsNow.set(recalculations(reading.recalculations()));
    }

    /** "none running", "job 3: 45 %" or, for several, "2 running, lowest 12 %": a share done, rounded down. */
    static String recalculations(SortedMap<Long, Double> running) {
        if (running.isEmpty()) {
            return Messages.get("dashboard.recalculationsNone");
        }
        if (running.size() == 1) {
            Map.Entry<Long, Double> only = running.entrySet().iterator().next();
            return Messages.get("dashboard.recalculationOne", Long.toString(only.getKey()), percentDone(only.getValue()));
        }
        double lowest = running.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return Messages.get("dashboard.recalculationsSeveral", Integer.toString(running.size()), percentDone(lowest));
    }

    /** Whole percent, rounded down so that a job shows 100 % only when it has gone through everything. */
    private static String percentDone(double share) {
        return Long.toString((long) Math.floor(share * 100 + 1e-9));
    }

    /** Premium quotes per second over the last seconds, every engine together. */
    public ReadOnlyStringProperty quotesNowProperty() {
        return quotesNow.getReadOnlyProperty();
    }

    /** p95 of the quotes' durations over the last seconds, every engine together. */
    public ReadOnlyStringProperty quoteLatencyNowProperty() {
        return quoteLatencyNow.getReadOnlyProperty();
    }

    /** The running recalculations and how far they are. */
    public ReadOnlyStringProperty recalculationsNowProperty() {
        return recalculationsNow.getReadOnlyProperty();
    }
}
