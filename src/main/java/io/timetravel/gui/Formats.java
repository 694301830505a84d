package io.timetravel.gui;

import io.timetravel.domain.Actors;
import io.timetravel.domain.Operation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How views write instants, actors and operations, so every view says them the same way. */
public final class Formats {

    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

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
