package io.timetravel.gui.premium;

import io.timetravel.domain.premium.PremiumOutcome;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.service.PremiumPoint;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's premium history turned into one line per engine for the chart: x in days since the
 * epoch, y the premium. A premium holds until the next change, so each change adds the old value
 * at the new instant before the new one (a step, not a slope). Unpriced points are left out (the
 * line joins the priced points around them), and each engine that cannot price the record as it
 * stands gets a note naming what it lacks and since when.
 */
final class PremiumCurves {

    private static final double SECONDS_PER_DAY = 86_400;

    /** One point of a line: when, in days since the epoch, and the premium. */
    record Point(double day, double premium) {
    }

    /** The line of one engine ({@code classic@1}). */
    record Curve(String engine, List<Point> points) {
    }

    /** The lines, and a note for each engine that cannot price the record as it stands. */
    record Result(List<Curve> curves, List<String> notes) {
    }

    private PremiumCurves() {
    }

    static Result of(List<PremiumPoint> history, ZoneId zone) {
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        // The engines that cannot price the record from some point to the newest, and why.
        Map<String, String> unpricedSince = new LinkedHashMap<>();
        for (PremiumPoint point : history) {
            double day = day(point.validAt());
            point.outcomes().forEach((engine, outcome) -> {
                List<Point> line = lines.computeIfAbsent(engine, key -> new ArrayList<>());
                if (outcome instanceof PremiumOutcome.Priced priced) {
                    double premium = priced.quote().premium().doubleValue();
                    if (!line.isEmpty() && !unpricedSince.containsKey(engine)) {
                        line.add(new Point(day, line.get(line.size() - 1).premium()));
                    }
                    line.add(new Point(day, premium));
                    unpricedSince.remove(engine);
                } else if (outcome instanceof PremiumOutcome.Unpriced unpriced) {
                    unpricedSince.putIfAbsent(engine, note(engine, unpriced, point.validAt(), zone));
                }
            });
        }
        List<Curve> curves = new ArrayList<>();
        lines.forEach((engine, line) -> curves.add(new Curve(engine, List.copyOf(line))));
        return new Result(curves, List.copyOf(unpricedSince.values()));
    }

    private static String note(String engine, PremiumOutcome.Unpriced unpriced, Instant from, ZoneId zone) {
        return Messages.get("premium.unpriced", engine, Formats.localDate(from, zone), unpriced.describe());
    }

    /** {@code instant} in days since the epoch, the chart's x. */
    static double day(Instant instant) {
        return (instant.getEpochSecond() + instant.getNano() / 1e9) / SECONDS_PER_DAY;
    }

    /** The date a chart x stands for, in {@code zone}. */
    static String date(Number day, ZoneId zone) {
        return Formats.localDate(Instant.ofEpochSecond(Math.round(day.doubleValue() * SECONDS_PER_DAY)), zone);
    }
}
