package io.timetravel.gui.dashboard;

import io.timetravel.gui.Messages;
import io.timetravel.service.LatencyHistogram;
import java.time.Duration;
import java.util.Locale;

/** How the dashboard's headlines write their figures: few digits, spans in seconds or minutes, and p95s. */
final class Figures {

    private Figures() {
    }

    /** {@code 1,234} from 100 up, {@code 12.3} below. */
    static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
    }

    /** "45 s" under a minute and a half, else "12 min". */
    static String span(Duration span) {
        long seconds = Math.max(1, Math.round(span.toMillis() / 1000.0));
        return seconds < 90 ? Messages.get("dashboard.spanSeconds", seconds) : Messages.get("dashboard.spanMinutes", Math.round(seconds / 60.0));
    }

    /** The p95 of what {@code later} counts beyond {@code earlier} in milliseconds, or a dash when it counts nothing more. */
    static String p95(LatencyHistogram earlier, LatencyHistogram later) {
        double p95 = later.minus(earlier).quantile(0.95);
        return Double.isNaN(p95) ? Messages.get("dashboard.none") : Messages.get("dashboard.milliseconds", number(p95 * 1000));
    }
}
