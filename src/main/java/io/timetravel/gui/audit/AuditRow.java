package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import java.time.ZoneId;

/**
 * One audit entry as the table shows it: its time in the user's zone, who made it and whether
 * that was proven. The entry's values stay as stored here; they are shown only through a
 * disclosure, for the selected entry. {@link #PENDING} stands for a row whose page is loading.
 *
 * @param entry the entry as stored, {@code null} for {@link #PENDING}
 */
public record AuditRow(AuditEntry entry, String changed, String changedExactly, String record, String version,
                       String operation, String actor, String verified, String reason) {

    /** A row whose page is on its way. */
    public static final AuditRow PENDING = new AuditRow(null, "", "", "", "", Messages.get("audit.loadingRow"), "", "", "");

    public static AuditRow of(AuditEntry entry, ZoneId zone) {
        return new AuditRow(entry,
                entry.changedAt() == null ? Messages.get("audit.unreadableTime") : Formats.localMinutes(entry.changedAt(), zone),
                entry.changedAt() == null ? Messages.get("audit.unreadableTime") : Formats.localTime(entry.changedAt(), zone),
                entry.recordId() == null ? "" : entry.recordId().toString(),
                entry.version() == null ? "" : entry.version().toString(),
                operation(entry.eventType()), Formats.actor(entry.actor()), verified(entry.actorVerified()),
                entry.reason() == null ? "" : entry.reason());
    }

    /** Whether the row holds an entry (its page has arrived). */
    public boolean loaded() {
        return entry != null;
    }

    public long id() {
        return entry == null ? -1 : entry.id();
    }

    /** The event type as a word ("Update", "Flag change"), the stored name when it has none. */
    static String operation(String eventType) {
        String key = "audit.op." + eventType;
        return Messages.BUNDLE.containsKey(key) ? Messages.get(key) : eventType;
    }

    /** "Verified", "Declared", or "Declared (not recorded)" for entries from before it was recorded. */
    static String verified(Boolean verified) {
        return Messages.get(verified == null ? "audit.actor.unknown" : verified ? "audit.actor.verified" : "audit.actor.declared");
    }
}
