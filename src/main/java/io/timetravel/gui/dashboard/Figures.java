package io.timetravel.gui.dashboard;

import io.timetravel.gui.Messages;
import java.time.Duration;
import java.util.Locale;

/** How the dashboard's headlines write their figures: few digits, and spans in seconds or minutes. */
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
}
