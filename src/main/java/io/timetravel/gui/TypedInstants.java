package io.timetravel.gui;

import io.timetravel.domain.Instants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants as users type them, the one reading of every form and filter of the workbench: a
 * date, or a date and time, in the user's zone, or RFC 3339 with an offset. Impossible dates
 * (2026-02-30) are refused, not moved to the nearest real day.
 */
public final class TypedInstants {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[['T'][' ']H:mm[:ss]]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** What a date typed alone stands for. */
    public enum DateAlone {
        /** Its first instant: a point in time, or where a period starts. */
        START,
        /** Its last instant, to the microsecond: where a period that takes in the whole day ends. */
        END
    }

    private TypedInstants() {
    }

    /**
     * The instant {@code typed} names: "2026-05-01" (as {@code dateAlone} says), "2026-05-01 14:30",
     * "2026-05-01T14:30:15" in {@code zone}, or "2026-05-01T12:00:00Z", "2026-05-01T14:00:00+02:00".
     *
     * @throws IllegalArgumentException when it is none of them; its message is not for users
     */
    public static Instant read(String typed, ZoneId zone, DateAlone dateAlone) {
        String text = typed.strip();
        boolean hasOffset = text.length() > 10 && (text.endsWith("Z") || text.endsWith("z")
                || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10);
        try {
            if (hasOffset) {
                return Instants.parse(text);
            }
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return dateAlone == DateAlone.START ? date.atStartOfDay(zone).toInstant()
                        : date.plusDays(1).atStartOfDay(zone).toInstant().minus(1, ChronoUnit.MICROS);
            }
            return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a date or an instant: " + text, e);
        }
    }

    /**
     * The instant {@code typed} into the form field named {@code field} ({@link #read}, a date
     * alone being its first instant); an {@link IllegalArgumentException} saying what is wrong, in
     * words for the form, when it is empty or not an instant.
     */
    public static Instant parse(String typed, ZoneId zone, String field) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("snapshots.instantMissing", field));
        }
        try {
            return read(text, zone, DateAlone.START);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.get("snapshots.instantInvalid", field, text));
        }
    }

    /** {@link #parse}, or {@code null} when nothing is typed (the field is optional). */
    public static Instant parseOptional(String typed, ZoneId zone, String field) {
        return typed == null || typed.isBlank() ? null : parse(typed, zone, field);
    }
}
