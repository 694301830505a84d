package io.timetravel.domain;

import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;

/**
 * A row of {@code policyholder_records} exactly as stored, every column as its text, and the
 * SHA-256 that the record event of the version commits to. Every column counts, including the
 * stored states kept for operators, so no edit of a version row goes unnoticed; the text is
 * hashed as stored, so that no reading through types can normalise a hand edit away.
 */
public record StoredVersionRow(
        String recordId,
        String version,
        String data,
        String patch,
        String checkpointVersion,
        String effectiveAt,
        String validTo,
        String recordedAt,
        String updatedAt,
        String actor,
        String operation,
        String reason,
        String metadata,
        String appliedPatch) {

    /** Every column by name, as sorted-key JSON whose values are the stored texts (or null). */
    public String canonicalContent() {
        return JsonObject.builder()
                .put("record_id", text(recordId))
                .put("version", text(version))
                .put("data", text(data))
                .put("patch", text(patch))
                .put("checkpoint_version", text(checkpointVersion))
                .put("effective_at", text(effectiveAt))
                .put("valid_to", text(validTo))
                .put("recorded_at", text(recordedAt))
                .put("updated_at", text(updatedAt))
                .put("actor", text(actor))
                .put("operation", text(operation))
                .put("reason", text(reason))
                .put("metadata", text(metadata))
                .put("applied_patch", text(appliedPatch))
                .build()
                .toJson();
    }

    /** Hex SHA-256 of {@link #canonicalContent()}: the {@code version_sha256} of the version's event. */
    public String sha256() {
        return HashChain.sha256Hex(canonicalContent());
    }

    static JsonValue text(String value) {
        return value == null ? JsonNull.INSTANCE : JsonString.of(value);
    }
}
