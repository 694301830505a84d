package io.timetravel.gui.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Date labels along a time axis: at round instants (years, quarters, months, weeks, days,
 * hours) of a step chosen from the span and the room, so a few years read "2025 2026", a few
 * months "2026-03 2026-04", a few days "03-14 03-15"; placed where each instant falls on the
 * axis (which need not be linear: the slider's positions are versions), and thinned so no two
 * labels overlap and none leaves the axis. Pure: tests measure text by its length.
 */
final class DateTicks {

    /** Room between two labels, in pixels. */
    static final double GAP = 10;

    /** A label: its text, the instant it names, where its tick is and where the text starts. */
    record Label(String text, Instant at, double x, double textX, double width) {
    }

    /** A step between labels, and how they read. */
    enum Step {
        HOUR(ChronoUnit.HOURS, 1, "MM-dd HH:mm"),
        SIX_HOURS(ChronoUnit.HOURS, 6, "MM-dd HH:mm"),
        DAY(ChronoUnit.DAYS, 1, "yyyy-MM-dd"),
        WEEK(ChronoUnit.WEEKS, 1, "yyyy-MM-dd"),
        MONTH(ChronoUnit.MONTHS, 1, "yyyy-MM"),
        QUARTER(ChronoUnit.MONTHS, 3, "yyyy-MM"),
        YEAR(ChronoUnit.YEARS, 1, "yyyy"),
        FIVE_YEARS(ChronoUnit.YEARS, 5, "yyyy"),
        CENTURY(ChronoUnit.YEARS, 100, "yyyy");

        private final ChronoUnit unit;
        private final int amount;
        private final DateTimeFormatter format;

        Step(ChronoUnit unit, int amount, String pattern) {
            this.unit = unit;
            this.amount = amount;
            this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        }

        /** The step's length, roughly, in microseconds (to count labels before making them). */
        long approxMicros() {
            return unit.getDuration().toNanos() / 1000 * amount;
        }

        String format(ZonedDateTime at) {
            return format.format(at);
        }

        /** The first round instant of this step at or after {@code from}. */
        ZonedDateTime first(ZonedDateTime from) {
            ZonedDateTime start = switch (unit) {
                case HOURS -> from.truncatedTo(ChronoUnit.HOURS).withHour(from.getHour() / amount * amount);
                case DAYS -> from.truncatedTo(ChronoUnit.DAYS);
                case WEEKS -> from.truncatedTo(ChronoUnit.DAYS).minusDays(from.getDayOfWeek().getValue() - 1L);
                case MONTHS -> from.toLocalDate().withDayOfMonth(1)
                        .withMonth((from.getMonthValue() - 1) / amount * amount + 1).atStartOfDay(from.getZone());
                default -> LocalDate.of(Math.floorDiv(from.getYear(), amount) * amount, 1, 1).atStartOfDay(from.getZone());
            };
            return start.isBefore(from) ? next(start) : start;
        }

        ZonedDateTime next(ZonedDateTime at) {
            return at.plus(amount, unit);
        }
    }

    private DateTicks() {
    }

    /**
     * The finest step whose labels (nearly) fit the axis if spread evenly: {@code from..to} over
     * {@code width} pixels, each label as wide as {@code measure} says its text is.
     */
    static Step step(long fromMicros, long toMicros, double width, ToDoubleFunction<String> measure) {
        long span = Math.max(1, toMicros - fromMicros);
        ZonedDateTime sample = BitemporalRegions.instant(fromMicros).atZone(ZoneId.of("UTC"));
        for (Step step : Step.values()) {
            double labels = span / (double) step.approxMicros();
            // A little more than fits evenly: thinning drops the odd one, and a narrow axis keeps more than one label.
            if (labels * (measure.applyAsDouble(step.format(sample)) + GAP) <= width * 1.25) {
                return step;
            }
        }
        return Step.CENTURY;
    }

    /**
     * Labels between two instants (epoch microseconds) on an axis {@code width} wide, where
     * {@code x} places an instant; no two overlap (at least {@link #GAP} apart) and each lies
     * inside {@code [0, width]}. {@code measure} gives a text's width.
     */
    static List<Label> of(long fromMicros, long toMicros, ZoneId zone, double width, LongToDoubleFunction x,
                          ToDoubleFunction<String> measure) {
        List<Label> labels = new ArrayList<>();
        if (toMicros <= fromMicros || width <= 0) {
            return labels;
        }
        Step step = step(fromMicros, toMicros, width, measure);
        ZonedDateTime from = BitemporalRegions.instant(fromMicros).atZone(zone);
        double lastRight = Double.NEGATIVE_INFINITY;
        int guard = 0;
        for (ZonedDateTime at = step.first(from); guard++ < 10_000; at = step.next(at)) {
            long micros = BitemporalRegions.micros(at.toInstant());
            if (micros > toMicros) {
                break;
            }
            String text = step.format(at);
            double textWidth = measure.applyAsDouble(text);
            double tick = x.applyAsDouble(micros);
            double left = Math.max(0, Math.min(width - textWidth, tick - textWidth / 2));
            if (left < lastRight + GAP || textWidth > width) {
                continue; // would touch the label before it: the next round instant may have room
            }
            labels.add(new Label(text, at.toInstant(), tick, left, textWidth));
            lastRight = left + textWidth;
        }
        return labels;
    }

    /** An estimate of a text's width at the axis's font: for tests and before fonts are measured. */
    static double estimate(String text) {
        return text.length() * 6.5;
    }
}
