package io.timetravel.app.bench;

/**
 * One figure of the benchmark: its value and unit, for load runs the median and 99th percentile
 * latency, its ratio to the ceiling measured in the same run, and its target with the verdict.
 * A figure not measured (e.g. the window without a display) has no value and says why in {@code note}.
 *
 * @param key       a stable name in {@code bench.json}, e.g. {@code get_v2_latest}
 * @param label     what the table says
 * @param value     the figure, or {@code null} when not measured
 * @param ratio     value / ceiling (same run), or {@code null} where a ceiling means nothing
 * @param target    the target in words, or {@code null}
 * @param pass      whether the target is met; {@code null} without a target or a value
 */
public record Figure(String key, String label, Double value, String unit, Double p50Millis, Double p99Millis, Double ratio,
                     String target, Boolean pass, String note) {

    /** A figure with no latencies, ratio or target. */
    public static Figure of(String key, String label, double value, String unit) {
        return new Figure(key, label, value, unit, null, null, null, null, null, null);
    }

    /** A figure that was not measured, and why. */
    public static Figure skipped(String key, String label, String unit, String why) {
        return new Figure(key, label, null, unit, null, null, null, null, null, why);
    }

    /** A load run: requests per second, its latencies and its ratio to {@code ceiling} requests per second. */
    public static Figure load(String key, String label, LoadGenerator.Result result, double ceiling) {
        return new Figure(key, label, result.perSecond(), "req/s", result.latencies().percentileMillis(50),
                result.latencies().percentileMillis(99), ceiling > 0 ? result.perSecond() / ceiling : null, null, null,
                result.errors() == 0 ? null : result.errors() + " of " + result.requests() + " failed: " + result.firstError());
    }

    /** This figure judged against {@code target}. */
    public Figure judged(String target, boolean pass) {
        return new Figure(key, label, value, unit, p50Millis, p99Millis, ratio, target, value == null ? null : pass, note);
    }

    /** The same figure with a note. */
    public Figure noted(String text) {
        return new Figure(key, label, value, unit, p50Millis, p99Millis, ratio, target, pass, text);
    }
}
