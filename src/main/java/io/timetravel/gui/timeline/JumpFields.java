package io.timetravel.gui.timeline;

import io.timetravel.gui.Messages;
import io.timetravel.gui.TypedInstants;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The timeline's jump fields: a date and a time of day (or a whole instant) as the user types
 * them, the instant they name in the display zone, and why the last jump did not happen.
 */
public final class JumpFields {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss[.SSSSSS][.SSS]]", Locale.ROOT);

    private final ZoneId zone;
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty time = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    JumpFields(ZoneId zone) {
        this.zone = zone;
        date.addListener((observable, old, value) -> error.set(""));
        time.addListener((observable, old, text) -> error.set(""));
    }

    /**
     * The last position of {@code positions} whose instant is at or before the entered instant,
     * or 0 when there is none; then {@link #errorProperty()} says why.
     */
    int target(TimelinePositions positions) {
        Instant instant;
        try {
            instant = instant();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return 0;
        }
        if (positions.size() == 0) {
            error.set(Messages.get("timeline.jump.noHistory"));
            return 0;
        }
        int target = positions.lastAtOrBefore(instant);
        if (target == 0) {
            error.set(Messages.get("timeline.jump.beforeFirst", TimelineCaption.local(positions.instantAt(1), zone)));
            return 0;
        }
        error.set("");
        return target;
    }

    /** Forgets the last jump's error (another record opened). */
    void clearError() {
        error.set("");
    }

    /** The instant the jump fields name, or an {@link IllegalArgumentException} saying what is wrong with them. */
    Instant instant() {
        String text = time.get() == null ? "" : time.get().strip();
        LocalDate day = date.get();
        if (text.length() >= 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-') {
            return instantFromText(text);
        }
        if (day == null) {
            throw new IllegalArgumentException(Messages.get(text.isEmpty() ? "timeline.jump.noDate" : "timeline.jump.noDateForTime"));
        }
        LocalTime at;
        try {
            at = text.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse(text, TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Messages.get("timeline.jump.badTime", text));
        }
        return day.atTime(at).atZone(zone).toInstant();
    }

    /** A full instant typed into the time field: RFC 3339 with an offset, or a local date and time. */
    private Instant instantFromText(String text) {
        try {
            return TypedInstants.read(text, zone, TypedInstants.DateAlone.START);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.get("timeline.jump.badInstant", text));
        }
    }

    /** Whether the jump fields hold something a jump can use (for showing them as invalid while typing). */
    public BooleanBinding inputValid() {
        return Bindings.createBooleanBinding(() -> {
            try {
                instant();
                return true;
            } catch (IllegalArgumentException e) {
                return date.get() == null && (time.get() == null || time.get().isBlank());
            }
        }, date, time);
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    /** A time of day for the jump date ("14:30"), or a whole instant (RFC 3339, or local "2026-05-01 14:30"). */
    public StringProperty timeProperty() {
        return time;
    }

    /** Why the last jump did not happen; empty when it did. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
