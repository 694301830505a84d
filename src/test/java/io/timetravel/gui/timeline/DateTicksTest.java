package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The date labels of the time axis and the map: the step follows the span, and no two labels overlap. */
class DateTicksTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void theStepAdaptsToTheSpanFromHoursToYears() {
        assertEquals("2026", only(span("2022-01-01T00:00:00Z", "2030-06-01T00:00:00Z", 600)), "eight years: years");
        assertEquals("2026-03", only(span("2026-01-01T00:00:00Z", "2026-09-01T00:00:00Z", 900)), "eight months: months");
        assertEquals("2026-03-14", only(span("2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z", 900)), "ten days: days");
        assertEquals("03-14 09:00", only(span("2026-03-14T06:30:00Z", "2026-03-14T12:00:00Z", 900)), "hours: times of day");
    }

    @Test
    void labelsNeverOverlapAndStayInsideTheAxisWhateverTheWidthAndTheMapping() {
        Random random = new Random(3);
        long start = micros("2020-01-01T00:00:00Z");
        for (int round = 0; round < 300; round++) {
            long from = start + (long) (random.nextDouble() * 1e15);
            long to = from + 3_600_000_000L + (long) (Math.pow(10, 10 + random.nextInt(7)) * random.nextDouble());
            double width = 80 + random.nextInt(1500);
            // A mapping that bunches instants up, as the slider's positions do.
            double power = 0.3 + random.nextDouble() * 3;
            List<DateTicks.Label> labels = DateTicks.of(from, to, UTC, width,
                    t -> width * Math.pow((t - from) / (double) (to - from), power), DateTicks::estimate);
            for (int i = 0; i < labels.size(); i++) {
                DateTicks.Label label = labels.get(i);
                assertTrue(label.textX() >= 0 && label.textX() + label.width() <= width + 1e-9, "inside: " + label);
                if (i > 0) {
                    DateTicks.Label before = labels.get(i - 1);
                    assertTrue(before.textX() + before.width() + DateTicks.GAP <= label.textX() + 1e-9,
                            "round " + round + ": " + before + " overlaps " + label);
                }
            }
        }
    }

    @Test
    void aWideAxisGetsSeveralLabelsInOrder() {
        List<DateTicks.Label> labels = span("2025-01-01T00:00:00Z", "2026-12-31T00:00:00Z", 1200);
        assertTrue(labels.size() >= 4, labels.toString());
        for (int i = 1; i < labels.size(); i++) {
            assertTrue(labels.get(i).at().isAfter(labels.get(i - 1).at()));
        }
        assertFalse(labels.get(0).text().isBlank());
    }

    private static List<DateTicks.Label> span(String from, String to, double width) {
        long start = micros(from);
        long end = micros(to);
        return DateTicks.of(start, end, UTC, width, t -> width * (t - start) / (double) (end - start), DateTicks::estimate);
    }

    /** The format of the labels, shown by one of them made to look like a fixed instant's. */
    private static String only(List<DateTicks.Label> labels) {
        assertFalse(labels.isEmpty());
        String text = labels.get(0).text();
        // Compare shapes: digits to a fixed example so the assertion names the format, not a date.
        String shape = text.replaceAll("\\d", "9");
        return switch (shape) {
            case "9999" -> "2026";
            case "9999-99" -> "2026-03";
            case "9999-99-99" -> "2026-03-14";
            case "99-99 99:99" -> "03-14 09:00";
            default -> text;
        };
    }

    private static long micros(String instant) {
        return BitemporalRegions.micros(Instant.parse(instant));
    }
}
