package io.timetravel.gui;

import io.timetravel.domain.Actors;
import io.timetravel.domain.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How views write instants, actors and operations, so every view says them the same way. */
public final class Formats {

    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Formats() {
    }

    /** An instant in the user's zone, to the second. */
    public static String localTime(Instant instant, ZoneId zone) {
        return LOCAL_SECONDS.format(instant.atZone(zone));
    }

    /** An instant in the user's zone, to the minute: for narrow table columns. */
    public static String localMinutes(Instant instant, ZoneId zone) {
        return LOCAL_MINUTES.format(instant.atZone(zone));
    }

    /** The day of an instant in the user's zone: "2026-03-01". */
    public static String localDate(Instant instant, ZoneId zone) {
        return LOCAL_DATE.format(instant.atZone(zone));
    }

    /**
     * A JSON number as written ({@code 2000000}, {@code 1234.5000}, {@code -1e3}) for reading: the
     * integer part grouped in threes ({@code 2,000,000}), every digit kept (never rounded, no
     * exponent), or {@code text} itself when it is not a number.
     */
    public static String exactNumber(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return text;
        }
        String plain = value.toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int point = digits.indexOf('.');
        String integer = point < 0 ? digits : digits.substring(0, point);
        StringBuilder out = new StringBuilder(plain.length() + integer.length() / 3 + 1);
        if (negative) {
            out.append('-');
        }
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(integer.charAt(i));
        }
        return point < 0 ? out.toString() : out.append(digits, point, digits.length()).toString();
    }

    /** "user 101", or the anonymous v1 actor. */
    public static String actor(long actor) {
        return Actors.isUser(actor) ? Messages.get("actor.user", actor) : Messages.get("actor.anonymous");
    }

    /** "Create", "Update", "Restore". */
    public static String operation(Operation operation) {
        return Messages.get("operation." + operation.name());
    }

    /** Whether a change was back-dated: it took effect before the store learned of it. */
    public static boolean backdated(Instant effectiveAt, Instant recordedAt) {
        return effectiveAt.isBefore(recordedAt);
    }
}
