package io.timetravel.http.v2;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.Disclosure;
import java.time.Instant;

/**
 * One audit entry as the API shows it. The old and new values are stored as JSON text and shown
 * as JSON values; text that is no longer JSON (a hand edit) is shown as a string.
 */
public record AuditEntryBody(
        long id,
        Long recordId,
        Long version,
        String eventType,
        Instant changedAt,
        long actor,
        Boolean actorVerified,
        JsonValue oldValue,
        JsonValue newValue,
        String reason,
        String prevHash,
        String hash) {

    private static final int STORED_MAX_DEPTH = 1_000;

    /**
     * The entry with its record data and hashes as the caller may see them (see
     * {@link Disclosure#digest}). Verification runs on what is stored, never on what is shown.
     */
    public static AuditEntryBody of(AuditEntry entry, Disclosure disclosure) {
        return new AuditEntryBody(entry.id(), entry.recordId(), entry.version(), entry.eventType(), entry.changedAt(),
                entry.actor(), entry.actorVerified(), shown(entry.recordId(), entry.oldValue(), disclosure),
                shown(entry.recordId(), entry.newValue(), disclosure), entry.reason(),
                disclosure.digest(entry.prevHash()), disclosure.digest(entry.hash()));
    }

    /** Stored JSON text, parsed once and shown as the caller may see it. */
    private static JsonValue shown(Long recordId, String text, Disclosure disclosure) {
        if (text == null) {
            return null;
        }
        try {
            return disclosure.value(recordId, JsonParser.parse(text, STORED_MAX_DEPTH));
        } catch (JsonParseException e) {
            // Not JSON (a hand edit): nothing to mask field by field, so hidden from whoever gets masked values.
            return JsonString.of(recordId != null && disclosure.masks() ? FieldPolicies.MASK : text);
        }
    }
}
