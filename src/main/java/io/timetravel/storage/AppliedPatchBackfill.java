package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.RecordService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Migration 5: fills in what the field-level rule needs for versions written before it
 * (docs/decisions/0019), in the same transaction as Flyway's bookkeeping.
 *
 * <ul>
 *   <li>{@code applied_patch}: a write's patch as its event recorded it, a restore's change as
 *       its event recorded it ({@code new_value}); without an event, the stored step from the
 *       previous version (the same thing unless the history was back-dated);</li>
 *   <li>for records with a back-dated or future-dated version, the stored states ({@code data},
 *       {@code patch}, {@code checkpoint_version}) again, as the new rule answers right after
 *       each version was recorded, and the listing's name and region as true now. Records whose
 *       versions all took effect when recorded already store exactly that and are not touched.</li>
 * </ul>
 * Audit entries and events are evidence and stay as they were written.
 */
final class AppliedPatchBackfill extends JavaMigrationStep {

    AppliedPatchBackfill() {
        super("5", "backfill applied patches", 19);
    }

    @Override
    public void migrate(Context context) {
        DSLContext dsl = Database.dsl(context.getConnection());
        List<Long> records = dsl.selectDistinct(POLICYHOLDER_RECORDS.RECORD_ID)
                .from(POLICYHOLDER_RECORDS)
                .where(POLICYHOLDER_RECORDS.APPLIED_PATCH.isNull())
                .orderBy(POLICYHOLDER_RECORDS.RECORD_ID)
                .fetch(POLICYHOLDER_RECORDS.RECORD_ID);
        for (long recordId : records) {
            migrate(dsl, recordId);
        }
    }

    private static void migrate(DSLContext dsl, long recordId) {
        Map<Long, JsonObject> fromEvents = patchesFromEvents(dsl, recordId);
        List<RecordTimeline.Entry> entries = new ArrayList<>();
        boolean backDated = false;
        for (Record row : dsl.select(POLICYHOLDER_RECORDS.VERSION, POLICYHOLDER_RECORDS.EFFECTIVE_AT, POLICYHOLDER_RECORDS.RECORDED_AT,
                        POLICYHOLDER_RECORDS.ACTOR, POLICYHOLDER_RECORDS.OPERATION, POLICYHOLDER_RECORDS.REASON,
                        POLICYHOLDER_RECORDS.PATCH, POLICYHOLDER_RECORDS.APPLIED_PATCH)
                .from(POLICYHOLDER_RECORDS)
                .where(POLICYHOLDER_RECORDS.RECORD_ID.eq(recordId))
                .orderBy(POLICYHOLDER_RECORDS.VERSION)
                .fetch()) {
            long version = row.get(POLICYHOLDER_RECORDS.VERSION);
            String effectiveAt = row.get(POLICYHOLDER_RECORDS.EFFECTIVE_AT);
            String recordedAt = row.get(POLICYHOLDER_RECORDS.RECORDED_AT);
            backDated |= !effectiveAt.equals(recordedAt);
            JsonObject patch;
            if (row.get(POLICYHOLDER_RECORDS.APPLIED_PATCH) != null) {
                patch = StoredJson.object(row.get(POLICYHOLDER_RECORDS.APPLIED_PATCH), recordId, version);
            } else {
                patch = fromEvents.get(version);
                if (patch == null) {
                    patch = StoredJson.object(row.get(POLICYHOLDER_RECORDS.PATCH), recordId, version);
                }
                dsl.update(POLICYHOLDER_RECORDS)
                        .set(POLICYHOLDER_RECORDS.APPLIED_PATCH, patch.toJson())
                        .where(POLICYHOLDER_RECORDS.RECORD_ID.eq(recordId))
                        .and(POLICYHOLDER_RECORDS.VERSION.eq(version))
                        .execute();
            }
            entries.add(new RecordTimeline.Entry(new VersionInfo(recordId, version, Instants.parseStored(effectiveAt), null,
                    Instants.parseStored(recordedAt), row.get(POLICYHOLDER_RECORDS.ACTOR),
                    Operation.valueOf(row.get(POLICYHOLDER_RECORDS.OPERATION)), row.get(POLICYHOLDER_RECORDS.REASON)), patch));
        }
        if (backDated) {
            restoreStoredStates(dsl, recordId, RecordTimeline.of(entries));
        }
    }

    /** The patch each version applied, from the events that recorded it. */
    private static Map<Long, JsonObject> patchesFromEvents(DSLContext dsl, long recordId) {
        Map<Long, JsonObject> patches = new HashMap<>();
        for (Record event : dsl.select(EVENT_LOGS.VERSION, EVENT_LOGS.EVENT_TYPE, EVENT_LOGS.PAYLOAD)
                .from(EVENT_LOGS)
                .where(EVENT_LOGS.RECORD_ID.eq(recordId))
                .and(EVENT_LOGS.EVENT_TYPE.in(RecordService.EVENT_RECORD_WRITTEN, RecordService.EVENT_RECORD_RESTORED))
                .fetch()) {
            Long version = event.get(EVENT_LOGS.VERSION);
            String member = RecordService.EVENT_RECORD_WRITTEN.equals(event.get(EVENT_LOGS.EVENT_TYPE)) ? "patch" : "new_value";
            patchOf(event.get(EVENT_LOGS.PAYLOAD), member).ifPresent(patch -> {
                if (version != null) {
                    patches.put(version, patch);
                }
            });
        }
        return patches;
    }

    private static Optional<JsonObject> patchOf(String payload, String member) {
        try {
            JsonValue value = JsonParser.parseObject(payload).getOrNull(member);
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty(); // an unreadable event: fall back to the stored step
        }
    }

    private static void restoreStoredStates(DSLContext dsl, long recordId, RecordTimeline timeline) {
        ChainHead head = null;
        for (long version = 1; version <= timeline.size(); version++) {
            RecordVersion state = SqlRecordStore.asRecorded(timeline, version);
            ChainHead.Link link = ChainHead.link(head, state.data());
            dsl.update(POLICYHOLDER_RECORDS)
                    .set(POLICYHOLDER_RECORDS.DATA, link.data())
                    .set(POLICYHOLDER_RECORDS.PATCH, link.patch())
                    .set(POLICYHOLDER_RECORDS.CHECKPOINT_VERSION, link.checkpointVersion())
                    .where(POLICYHOLDER_RECORDS.RECORD_ID.eq(recordId))
                    .and(POLICYHOLDER_RECORDS.VERSION.eq(version))
                    .execute();
            head = link.next();
        }
        Instant now = Instants.now();
        JsonObject current = timeline.at(now, now).map(RecordTimeline.State::data).orElse(JsonObject.empty());
        dsl.update(POLICYHOLDERS)
                .set(POLICYHOLDERS.REGION, PolicyholderFacts.region(current).orElse(null))
                .set(POLICYHOLDERS.NAME, PolicyholderFacts.name(current).orElse(null))
                .where(POLICYHOLDERS.ID.eq(recordId))
                .execute();
    }
}
