package io.timetravel.http.v2;

import io.timetravel.domain.AuditEntry;
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
                entry.actor(), entry.actorVerified(), json(disclosure.stateText(entry.recordId(), entry.oldValue())),
                json(disclosure.stateText(entry.recordId(), entry.newValue())), entry.reason(),
                disclosure.digest(entry.prevHash()), disclosure.digest(entry.hash()));
    }

    private static JsonValue json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonParser.parse(text, STORED_MAX_DEPTH);
        } catch (JsonParseException e) {
            return JsonString.of(text);
        }
    }
}
