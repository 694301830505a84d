package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.RecordEvents;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rebuilds the records of a database from its event log into another, empty one, then checks
 * that every version of every record came out the same (the runbook's "replay the event log
 * to restore state").
 *
 * <p>Each record event appends its version again at its original transaction time: a write's
 * patch with its valid period ({@link RecordService#replayVersion}), a restore's recorded change
 * ({@link RecordService#replayRestoreVersion}). The states are then computed by the store's own
 * rule, not copied, and compared with the hash each event recorded and with the source, version
 * by version. A version is appended even where it changes nothing under today's rule: the event
 * says it was written.
 */
public final class RebuildService {

    private static final int PAGE = 1000;
    private static final int MAX_LISTED_MISMATCHES = 20;

    /**
     * What a rebuild did.
     *
     * @param mismatchCount all differences found; {@code mismatches} lists the first few
     */
    public record Report(long eventsRead, long recordEventsReplayed, long otherEventsSkipped, long recordsChecked,
                         long versionsChecked, long mismatchCount, List<String> mismatches) {

        public boolean ok() {
            return mismatchCount == 0;
        }
    }

    private final EventLog sourceEvents;
    private final RecordStore source;
    private final RecordService target;
    private final RecordStore targetStore;
    private final List<String> mismatches = new ArrayList<>();
    /** Records with a back-dated or future-dated event hashed by the rule before decision 0019. */
    private final java.util.Set<Long> oldRuleRecords = new java.util.HashSet<>();
    private long mismatchCount;

    public RebuildService(EventLog sourceEvents, RecordStore source, RecordService target, RecordStore targetStore) {
        this.sourceEvents = sourceEvents;
        this.source = source;
        this.target = target;
        this.targetStore = targetStore;
    }

    public Report run(Consumer<String> progress) {
        long read = 0;
        long replayed = 0;
        long skipped = 0;
        long last = 0;
        List<EventLogEntry> batch;
        while (!(batch = sourceEvents.after(last, PAGE)).isEmpty()) {
            for (EventLogEntry event : batch) {
                read++;
                last = event.id();
                if (replay(event)) {
                    replayed++;
                } else {
                    skipped++;
                }
            }
            progress.accept("replayed " + replayed + " record events (" + read + " events read)");
        }
        long[] checked = compareAll(progress);
        return new Report(read, replayed, skipped, checked[0], checked[1], mismatchCount, List.copyOf(mismatches));
    }

    private boolean replay(EventLogEntry event) {
        boolean written = RecordService.EVENT_RECORD_WRITTEN.equals(event.eventType());
        boolean restored = RecordService.EVENT_RECORD_RESTORED.equals(event.eventType());
        if (!written && !restored) {
            return false;
        }
        JsonObject payload = event.payload();
        long recordId = Objects.requireNonNull(event.recordId(), "record event without a record");
        long actor = event.actor() == null ? 0 : event.actor();
        String reason = payload.getString("reason").orElse(null);
        String source = payload.getString("source").orElse("rebuild");
        WriteOutcome outcome;
        try {
            if (written) {
                JsonObject patch = payload.get("patch").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                        .orElseThrow(() -> new IllegalStateException("event " + event.id() + " has no patch"));
                Instant effectiveAt = payload.getString("effective_at").map(Instants::parseStored).orElse(null);
                Instant validTo = payload.getString("valid_to").map(Instants::parseStored).orElse(null);
                outcome = target.replayVersion(new WriteCommand(recordId, patch, effectiveAt, validTo, actor, reason, source, null, false),
                        event.occurredAt()).join();
            } else {
                JsonObject from = payload.get("restored_from").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                        .orElseThrow(() -> new IllegalStateException("event " + event.id() + " has no restored_from"));
                // The change it made: "patch" since decision 0019, before that the change as new_value.
                JsonObject change = payload.get("patch").or(() -> payload.get("new_value"))
                        .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                        .orElseThrow(() -> new IllegalStateException("event " + event.id() + " has no change to restore"));
                outcome = target.replayRestoreVersion(new RestoreCommand(recordId, null, null, null, actor, reason, source), change, from,
                        event.occurredAt()).join();
            }
        } catch (RuntimeException e) {
            mismatch("event " + event.id() + " (record " + recordId + ") could not be replayed: " + e.getMessage());
            return true;
        }
        RecordVersion result = outcome.record();
        String expectedHash = payload.getString("state_sha256").orElse(null);
        if (!RecordEvents.STATE_RULE.equals(payload.getString("state_rule").orElse(null))) {
            // Written before corrections carried forward: its hash is of the state the old rule
            // gave, which differs once the record has a back-dated or future-dated version. Such
            // records are checked version by version against the source instead.
            if (!effectiveWhenRecorded(payload)) {
                oldRuleRecords.add(recordId);
            }
            if (oldRuleRecords.contains(recordId)) {
                expectedHash = null;
            }
        }
        if (!outcome.changed() || !Objects.equals(event.version(), result.version())) {
            mismatch("event " + event.id() + " should make version " + event.version() + " of record " + recordId
                    + " but made " + (outcome.changed() ? "version " + result.version() : "no version"));
        } else if (expectedHash != null && !expectedHash.equals(HashChain.sha256Hex(result.data().toJson()))) {
            mismatch("event " + event.id() + ": record " + recordId + " version " + result.version()
                    + " does not have the state the event recorded");
        }
        return true;
    }

    private static boolean effectiveWhenRecorded(JsonObject payload) {
        return payload.getString("effective_at").equals(payload.getString("recorded_at"));
    }

    /** Compares every version of every source record with the target; returns {records, versions}. */
    private long[] compareAll(Consumer<String> progress) {
        long records = 0;
        long versions = 0;
        for (int offset = 0; ; offset += PAGE) {
            Page<RecordSummary> page = source.list(RecordQuery.all(PAGE, offset));
            for (RecordSummary summary : page.items()) {
                records++;
                for (long v = 1; v <= summary.versions(); v++) {
                    versions++;
                    compare(summary.id(), v);
                }
            }
            if (page.items().size() < PAGE) {
                break;
            }
            progress.accept("checked " + versions + " versions of " + records + " records");
        }
        long rebuiltRecords = targetStore.list(RecordQuery.all(1, 0)).total();
        if (rebuiltRecords != records) {
            mismatch("the source has " + records + " records but the rebuild has " + rebuiltRecords);
        }
        return new long[] {records, versions};
    }

    private void compare(long recordId, long version) {
        RecordVersion expected = source.findVersion(recordId, version).orElseThrow();
        Optional<RecordVersion> actual = targetStore.findVersion(recordId, version);
        if (actual.isEmpty()) {
            mismatch("record " + recordId + " version " + version + " is missing from the rebuild");
            return;
        }
        RecordVersion got = actual.get();
        List<String> differences = new ArrayList<>();
        check(differences, "data", expected.data(), got.data());
        check(differences, "effective_at", expected.effectiveAt(), got.effectiveAt());
        check(differences, "recorded_at", expected.recordedAt(), got.recordedAt());
        check(differences, "actor", expected.actor(), got.actor());
        check(differences, "operation", expected.operation(), got.operation());
        check(differences, "reason", expected.reason(), got.reason());
        if (!differences.isEmpty()) {
            mismatch("record " + recordId + " version " + version + " differs in " + String.join(", ", differences));
        }
    }

    private static void check(List<String> differences, String field, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(field + (expected instanceof JsonValue ? "" : " (" + expected + " vs " + actual + ")"));
        }
    }

    private void mismatch(String message) {
        mismatchCount++;
        if (mismatches.size() < MAX_LISTED_MISMATCHES) {
            mismatches.add(message);
        }
    }
}
