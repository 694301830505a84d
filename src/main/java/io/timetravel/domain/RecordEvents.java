package io.timetravel.domain;

import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.MergePatch;
import java.util.Optional;

/**
 * What the event of a record's version says: the payload clients read from the event log and
 * its streams, computed from the version itself and the record's timeline, one way for the
 * writer and for the reader.
 *
 * <p>From schema 9 on (the release that added snapshot attempts) the event log stores, for a
 * record event, only what {@link #stored} keeps. Every member of the payload repeats the version
 * row (its applied patch, valid period, reason, metadata) or follows from the record's versions
 * (the change both ways, the state and its SHA-256), and the ledger already commits to that row
 * through the event's {@code version_sha256} (docs/decisions/0035). Until schema 16 the stored
 * payload kept the state's SHA-256 as well; since then (docs/decisions/0048) it keeps the rule the
 * state is folded by alone, and the state's hash is computed like the rest. Events written
 * before keep the payload they were written with.
 */
public final class RecordEvents {

    /** The rule {@code state_sha256} is computed by (docs/decisions/0019): the fold of the versions' patches. */
    public static final String STATE_RULE = "field-fold";

    private static final String VERSION_ROW = "version_row";
    private static final String STATE_SHA256 = "state_sha256";

    private RecordEvents() {
    }

    /** What the event log stores of a record event's {@code payload}: the rest is the version row's. */
    public static JsonObject stored(JsonObject payload) {
        return JsonObject.builder()
                .put("state_rule", member(payload, "state_rule"))
                .put(VERSION_ROW, true)
                .build();
    }

    /** Whether {@code payload}, as stored, leaves the rest of the event to its version row. */
    public static boolean isStored(JsonObject payload) {
        return payload.getOrNull(VERSION_ROW) == JsonBoolean.TRUE;
    }

    /**
     * The change a version made where it took effect: the states at its {@code effective_at} as
     * known just before and just after it was recorded, as merge patches both ways. Without a
     * state before (nothing valid there yet), the old value is null and the new one the state.
     */
    public record Change(JsonValue oldValue, JsonValue newValue) {

        public static Change of(RecordTimeline timeline, long version) {
            VersionInfo info = timeline.entry(version).info();
            Optional<JsonObject> was = timeline.atVersions(info.effectiveAt(), version - 1).map(RecordTimeline.State::data);
            JsonObject is = timeline.atVersions(info.effectiveAt(), version).map(RecordTimeline.State::data)
                    .orElse(JsonObject.empty());
            return was.isPresent()
                    ? new Change(MergePatch.between(is, was.get()), MergePatch.between(was.get(), is))
                    : new Change(JsonNull.INSTANCE, is);
        }
    }

    /**
     * The payload of the event that records version {@code version} of {@code timeline}, whose
     * row's metadata is {@code metadata} (its {@code source}, {@code actor_verified} and, for a
     * restore, {@code restored_from}) and whose state as recorded is {@code state} (the writer
     * has it already: {@code RecordVersion.data()} of the version it appended).
     */
    public static JsonObject payload(RecordTimeline timeline, long version, JsonObject metadata, JsonObject state) {
        return payload(timeline, version, metadata, JsonString.of(HashChain.sha256Hex(state.toJson())));
    }

    /**
     * The whole payload of a record event stored as {@link #stored} says, from its version's
     * timeline and metadata: the state's hash as stored by events written before schema 16,
     * else computed from the state as recorded.
     */
    public static JsonObject complete(JsonObject stored, RecordTimeline timeline, long version, JsonObject metadata) {
        JsonValue stateSha256 = stored.getOrNull(STATE_SHA256);
        if (stateSha256 == null) {
            JsonObject state = timeline.asRecorded(version).map(RecordTimeline.State::data).orElse(JsonObject.empty());
            stateSha256 = JsonString.of(HashChain.sha256Hex(state.toJson()));
        }
        return payload(timeline, version, metadata, stateSha256);
    }

    private static JsonObject payload(RecordTimeline timeline, long version, JsonObject metadata, JsonValue stateSha256) {
        RecordTimeline.Entry entry = timeline.entry(version);
        VersionInfo info = entry.info();
        Change change = Change.of(timeline, version);
        JsonObject.Builder payload = JsonObject.builder();
        if (info.operation() == Operation.RESTORE) {
            payload.put("restored_from", member(metadata, "restored_from"));
        } else {
            payload.put("valid_to", info.validTo() == null ? JsonNull.INSTANCE : JsonString.of(Instants.format(info.validTo())));
        }
        return payload
                .put("patch", entry.patch())
                .put("source", member(metadata, "source"))
                .put("record_id", info.recordId())
                .put("version", info.version())
                .put("operation", info.operation().name())
                .put("actor", info.actor())
                .put("actor_verified", member(metadata, "actor_verified"))
                .put("recorded_at", Instants.format(info.recordedAt()))
                .put("effective_at", Instants.format(info.effectiveAt()))
                .put("reason", info.reason() == null ? JsonNull.INSTANCE : JsonString.of(info.reason()))
                .put("old_value", change.oldValue())
                .put("new_value", change.newValue())
                .put(STATE_SHA256, stateSha256)
                .put("state_rule", STATE_RULE)
                .build();
    }

    private static JsonValue member(JsonObject object, String key) {
        JsonValue value = object.getOrNull(key);
        return value == null ? JsonNull.INSTANCE : value;
    }
}
