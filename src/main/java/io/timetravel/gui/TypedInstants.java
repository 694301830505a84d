package io.timetravel.gui;

import io.timetravel.domain.Instants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as users type them into forms: a date or a date and time in their zone, or RFC 3339 with an offset. */
public final class TypedInstants {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[['T'][' ']H:mm[:ss]]", Locale.ROOT);

    private TypedInstants() {
    }

    /**
     * The instant {@code typed} into the field named {@code field} ("2026-05-01", "2026-05-01 12:00"
     * in {@code zone}, "2026-05-01T12:00:00Z"); an {@link IllegalArgumentException} saying what is
     * wrong, in words for the form, when it is empty or not an instant.
     */
    public static Instant parse(String typed, ZoneId zone, String field) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("snapshots.instantMissing", field));
        }
        boolean hasOffset = text.length() > 10 && (text.endsWith("Z") || text.endsWith("z")
                || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10);
        try {
            if (hasOffset) {
                return Instants.parse(text);
            }
            LocalDateTime local = text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text, LOCAL);
            return local.atZone(zone).toInstant();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException(Messages.get("snapshots.instantInvalid", field, text));
        }
    }

    /** {@link #parse}, or {@code null} when nothing is typed (the field is optional). */
    public static Instant parseOptional(String typed, ZoneId zone, String field) {
        return typed == null || typed.isBlank() ? null : parse(typed, zone, field);
    }
}
