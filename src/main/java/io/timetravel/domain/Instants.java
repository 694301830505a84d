package io.timetravel.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The product's one notation for instants.
 *
 * <p>Output (and storage) is RFC 3339 in UTC with exactly six fraction digits, e.g.
 * {@code 2026-05-01T12:00:00.000000Z}: fixed width, so text order is time order. Input accepts
 * RFC 3339 with any offset and any fraction (truncated to microseconds, the store's resolution),
 * or a plain date meaning the start of that day in UTC.
 */
public final class Instants {

    /** The earliest and latest instants the store can represent (four-digit years). */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            // The default (smart) style would read 24:00 as the next midnight and 02-30 as 02-28.
            .withResolverStyle(ResolverStyle.STRICT);

    private Instants() {
    }

    /**
     * Parses client input.
     *
     * @throws IllegalArgumentException with a message fit for a client when the text is not an instant
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an instant is required");
        }
        String value = text.strip();
        Instant canonical = canonical(value);
        if (canonical != null) {
            return canonical;
        }
        try {
            Instant instant;
            if (value.length() == 10) {
                instant = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                // RFC 3339 allows a space in place of 'T'.
                if (value.length() > 10 && value.charAt(10) == ' ') {
                    value = value.substring(0, 10) + 'T' + value.substring(11);
                }
                value = dropFractionDigitsPastNine(value);
                instant = OffsetDateTime.parse(value, RFC_3339).toInstant();
            }
            instant = instant.truncatedTo(ChronoUnit.MICROS);
            if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
                throw new IllegalArgumentException("instant out of range (years 0001 to 9999): " + text);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "invalid instant \"" + abbreviate(text) + "\"; use RFC 3339 (2026-05-01T12:00:00Z) or a date (2026-05-01)");
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid instant \"" + abbreviate(text) + "\"");
        }
    }

    /** Formats as UTC with microseconds, the fixed-width form used on output and in the database. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        char[] out = new char[27];
        putDate(out, days);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        put(out, 20, instant.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    /** Parses the stored form written by {@link #format}, falling back to the lenient parser. */
    public static Instant parseStored(String text) {
        Instant canonical = canonical(text);
        return canonical != null ? canonical : parse(text);
    }

    /**
     * {@code text} read without java.time's formatter when it is exactly in the form
     * {@link #format} writes (the form every answer gives clients, and the store keeps) and names
     * an instant in range; otherwise {@code null}, and the formatter decides, with its messages.
     * The formatter's parsing was most of what a read at an instant cost more than a latest read.
     */
    private static Instant canonical(String text) {
        if (text.length() != 27 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(26) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int micros = digits(text, 20, 6);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || micros < 0) {
            return null;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, micros * 1_000L);
    }

    /** The current instant at the store's resolution. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Writes the proleptic Gregorian date of {@code epochDay} as yyyy-mm-dd, the arithmetic of
     * {@code LocalDate.ofEpochDay} (H. Hinnant's civil_from_days) without the object and its range
     * checks: every answer formats several instants, and this is the hot part of it.
     */
    private static void putDate(char[] out, long epochDay) {
        long z = epochDay + 719_468L; // days since 0000-03-01
        long era = Math.floorDiv(z, 146_097L);
        int dayOfEra = (int) (z - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100); // from 1 March
        int shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 is March
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        put(out, 0, (int) year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, day, 2);
    }

    private static void put(char[] out, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number written in {@code width} characters from {@code offset}; -1 if any is not a digit. */
    private static int digits(String text, int offset, int width) {
        int value = 0;
        for (int i = offset; i < offset + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** java.time reads at most nine fraction digits; RFC 3339 allows more, and past six they are dropped anyway. */
    private static String dropFractionDigitsPastNine(String value) {
        int dot = value.indexOf('.');
        if (dot < 0) {
            return value;
        }
        int end = dot + 1;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        return end - dot - 1 > 9 ? value.substring(0, dot + 10) + value.substring(end) : value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
