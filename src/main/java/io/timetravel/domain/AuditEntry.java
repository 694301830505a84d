package io.timetravel.domain;

import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.time.Instant;

/**
 * One entry of the audit trail, as stored.
 *
 * <p>{@code oldValue} and {@code newValue} are JSON text: for record changes, the merge patch
 * back to the old state and forward to the new one, so an entry is as small as the change.
 *
 * @param id        the entry's position in the chain (assigned by the store)
 * @param recordId  the record changed, or {@code null} for changes to something else (a flag)
 * @param version   the version written, or {@code null}
 * @param eventType CREATE, UPDATE, RESTORE, FLAG_UPDATE, ...
 */
public record AuditEntry(
        long id,
        Long recordId,
        Long version,
        String eventType,
        Instant changedAt,
        long actor,
        String oldValue,
        String newValue,
        String reason,
        String prevHash,
        String hash,
        Boolean actorVerified) {

    /** An entry from before actors were verified or declared ({@code actor_verified} unknown). */
    public AuditEntry(long id, Long recordId, Long version, String eventType, Instant changedAt, long actor,
                      String oldValue, String newValue, String reason, String prevHash, String hash) {
        this(id, recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, prevHash, hash, null);
    }

    /**
     * The content the hash covers, in canonical JSON. The stored id is left out (it is not known
     * before insertion); the chain itself fixes each entry's position.
     */
    public static String canonicalContent(
            Long recordId, Long version, String eventType, String changedAt, long actor,
            String oldValue, String newValue, String reason) {
        return canonicalContent(recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, null);
    }

    /**
     * The canonical content with whether the actor was verified. Entries written before that was
     * recorded ({@code null}) hash exactly as they always did, so their chain still verifies.
     */
    public static String canonicalContent(
            Long recordId, Long version, String eventType, String changedAt, long actor,
            String oldValue, String newValue, String reason, Boolean actorVerified) {
        JsonObject.Builder content = JsonObject.builder();
        if (actorVerified != null) {
            content.put("actor_verified", actorVerified);
        }
        return content
                .put("record_id", number(recordId))
                .put("version", number(version))
                .put("event_type", text(eventType))
                .put("changed_at", text(changedAt))
                .put("actor", actor)
                .put("old_value", text(oldValue))
                .put("new_value", text(newValue))
                .put("reason", text(reason))
                .build()
                .toJson();
    }

    private static JsonValue number(Long value) {
        return value == null ? JsonNull.INSTANCE : JsonNumber.of(value);
    }

    private static JsonValue text(String value) {
        return value == null ? JsonNull.INSTANCE : JsonString.of(value);
    }
}
