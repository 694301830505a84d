package io.timetravel.service;

import io.timetravel.domain.Actors;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordEvents;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.MergePatch;
import io.timetravel.service.AuditWrites.AuditDraft;
import io.timetravel.service.EventWrites.EventDraft;
import io.timetravel.service.VersionWrites.NewVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reading and changing records: merge-patch writes on two time axes, and time-travel reads.
 *
 * <p>A version is a merge patch with a valid period {@code [effective_at, valid_to)}; the state
 * at valid time T1 as known at T2 is the fold of the versions recorded by T2 whose period
 * contains T1, in {@code (effective_at, recorded_at)} order ({@link RecordTimeline},
 * docs/decisions/0019). So a back-dated correction sets the fields it names from its
 * {@code effective_at} on, until a version effective later sets them again. An ordinary write is
 * effective when recorded and open-ended. The check, the version, its audit entry and its
 * event-log entry all happen in one unit of work on the store's single writer, so concurrent
 * writers never lose an update and versions stay 1..n without gaps.
 */
public final class RecordService {

    /** Longest reason kept; longer ones are refused rather than cut. */
    public static final int MAX_REASON_LENGTH = 2000;

    /** Event types of the event log for record changes; the payload carries what replaying needs. */
    public static final String EVENT_RECORD_WRITTEN = "record.written";
    public static final String EVENT_RECORD_RESTORED = "record.restored";
    private final RecordStore store;
    private final AuditPolicy auditPolicy;
    private final Clock clock;

    public RecordService(RecordStore store, AuditPolicy auditPolicy, Clock clock) {
        this.store = store;
        this.auditPolicy = auditPolicy;
        this.clock = clock;
    }

    /** Applies a merge patch; completes once the new version is durable. */
    public CompletableFuture<WriteOutcome> write(WriteCommand command) {
        return write(command, null);
    }

    /**
     * Writes at the past transaction time {@code recordedAt} (sample data). Never for client
     * requests: clients do not choose when the store learned a fact.
     */
    public CompletableFuture<WriteOutcome> replayWrite(WriteCommand command, Instant recordedAt) {
        return write(command, java.util.Objects.requireNonNull(recordedAt, "recordedAt"), false);
    }

    /**
     * Appends again, at its transaction time, a version the event log says was written (a
     * rebuild): even where it changes nothing now, since the version exists, and the rule that
     * judged it when it was written may not have been today's (decision 0019).
     */
    public CompletableFuture<WriteOutcome> replayVersion(WriteCommand command, Instant recordedAt) {
        return write(command, java.util.Objects.requireNonNull(recordedAt, "recordedAt"), true);
    }

    /**
     * Appends again, at its transaction time, a restore the event log recorded with the change it
     * made ({@code patch}) and what it restored ({@code restoredFrom}): see {@link #replayVersion}.
     */
    public CompletableFuture<WriteOutcome> replayRestoreVersion(RestoreCommand command, JsonObject patch, JsonObject restoredFrom,
                                                                Instant recordedAt) {
        validateId(command.recordId());
        String reason = normalizeReason(command.reason());
        return store.write(session -> {
            session.recordAt(recordedAt);
            if (session.timeline(command.recordId()).isEmpty()) {
                throw notFound(command.recordId());
            }
            return appendRestore(session, command, reason, patch, restoredFrom);
        });
    }

    private CompletableFuture<WriteOutcome> write(WriteCommand command, Instant recordedAt) {
        return write(command, recordedAt, false);
    }

    private CompletableFuture<WriteOutcome> write(WriteCommand command, Instant recordedAt, boolean evenUnchanged) {
        validateId(command.recordId());
        String reason = normalizeReason(command.reason());
        if (command.effectiveAt() != null) {
            validateInstant(command.effectiveAt());
        }
        if (command.validTo() != null) {
            validateInstant(command.validTo());
            if (command.effectiveAt() != null && !command.validTo().isAfter(command.effectiveAt())) {
                throw new InvalidRequestException("valid_to must be after effective_at");
            }
        }
        return store.write(session -> {
            if (recordedAt != null) {
                session.recordAt(recordedAt);
            }
            return applyWrite(session, command, reason, evenUnchanged);
        });
    }

    private WriteOutcome applyWrite(WriteSession session, WriteCommand command, String reason, boolean evenUnchanged) {
        long id = command.recordId();
        // The record first: its transaction time must come after its newest version's.
        RecordTimeline before = session.timeline(id).orElse(RecordTimeline.empty());
        Instant recordedAt = session.recordedAt();
        Instant effectiveAt = command.effectiveAt() != null ? command.effectiveAt() : recordedAt;
        if (command.validTo() != null && !command.validTo().isAfter(effectiveAt)) {
            throw new InvalidRequestException("valid_to must be after effective_at (" + Instants.format(effectiveAt) + ")");
        }
        boolean created = before.isEmpty();
        Operation operation = created ? Operation.CREATE : Operation.UPDATE;
        RecordTimeline.Entry candidate = new RecordTimeline.Entry(new VersionInfo(id, before.size() + 1L, effectiveAt,
                command.validTo(), recordedAt, command.actor(), operation, reason), command.patch());
        if (!created && !evenUnchanged && !before.changedBy(candidate)) {
            return new WriteOutcome(current(before, recordedAt), false, false);
        }
        JsonObject metadata = JsonObject.builder().put("source", command.source())
                .put("actor_verified", command.actorVerified()).build();
        RecordVersion written = session.appendVersion(new NewVersion(id, command.patch(), effectiveAt, command.validTo(),
                command.actor(), operation, reason, metadata));
        String region = command.region() != null ? command.region() : PolicyholderFacts.region(written.data()).orElse(null);
        recordChange(session, written, command.actorVerified(), region, metadata);
        return new WriteOutcome(written, created, true);
    }

    /**
     * The record valid and known at {@code now}; when nothing is valid now (every version ended,
     * or starts later), its newest version with an empty state.
     */
    private static RecordVersion current(RecordTimeline timeline, Instant now) {
        Instant createdAt = timeline.createdAt().orElseThrow();
        return timeline.at(now, now)
                .map(state -> RecordVersion.of(state.newest(), state.data(), createdAt))
                .orElseGet(() -> RecordVersion.of(timeline.newest().orElseThrow(), JsonObject.empty(), createdAt));
    }

    /**
     * Writes a past state again as a new RESTORE version, effective when recorded. History is
     * never edited. A restore whose target equals the current state writes nothing and answers
     * the current version (as any write that changes nothing; docs/decisions/0008).
     */
    public CompletableFuture<WriteOutcome> restore(RestoreCommand command) {
        return restore(command, null);
    }

    /** Replays a restore of the past at its transaction time (see {@link #replayWrite}). */
    public CompletableFuture<WriteOutcome> replayRestore(RestoreCommand command, Instant recordedAt) {
        return restore(command, java.util.Objects.requireNonNull(recordedAt, "recordedAt"));
    }

    private CompletableFuture<WriteOutcome> restore(RestoreCommand command, Instant recordedAt) {
        validateId(command.recordId());
        String reason = normalizeReason(command.reason());
        if (reason == null) {
            throw new InvalidRequestException("a reason is required to restore a record");
        }
        if ((command.version() == null) == (command.at() == null)) {
            throw new InvalidRequestException("name either a version or an instant (at) to restore");
        }
        if (command.version() != null && command.version() < 1) {
            throw new InvalidRequestException("invalid version; versions are numbered from 1");
        }
        return store.write(session -> {
            if (recordedAt != null) {
                session.recordAt(recordedAt);
            }
            return applyRestore(session, command, reason);
        });
    }

    private WriteOutcome applyRestore(WriteSession session, RestoreCommand command, String reason) {
        long id = command.recordId();
        RecordTimeline before = session.timeline(id).orElseThrow(() -> notFound(id));
        Instant now = session.recordedAt();
        JsonObject.Builder from = JsonObject.builder();
        RecordTimeline.State target;
        if (command.version() != null) {
            if (command.version() > before.size()) {
                throw new NotFoundException("record " + id + " has no version " + command.version());
            }
            target = new RecordTimeline.State(before.entry(command.version()).info(), before.asRecorded(command.version())
                    .map(RecordTimeline.State::data).orElse(JsonObject.empty()));
            from.put("version", command.version());
        } else {
            Instant asOf = command.asOf() != null ? command.asOf() : now;
            target = before.at(command.at(), asOf).orElseThrow(() -> new NotFoundException(
                    "record " + id + " has no version at " + Instants.format(command.at())));
            from.put("at", Instants.format(command.at()));
            if (command.asOf() != null) {
                from.put("as_of", Instants.format(command.asOf()));
            }
        }
        Optional<RecordTimeline.State> current = before.at(now, now);
        if (current.isPresent() && current.get().data().equals(target.data())) {
            return new WriteOutcome(current(before, now), false, false);
        }
        // The change from the state true now to the target, effective now: later valid times see
        // the target until a version effective later changes a field again.
        JsonObject patch = current.isPresent() ? MergePatch.between(current.get().data(), target.data()) : target.data();
        return appendRestore(session, command, reason, patch, from.put("resolved_version", target.newest().version()).build());
    }

    private WriteOutcome appendRestore(WriteSession session, RestoreCommand command, String reason, JsonObject patch,
                                       JsonObject restoredFrom) {
        JsonObject metadata = JsonObject.builder().put("source", command.source()).put("restored_from", restoredFrom)
                .put("actor_verified", command.actorVerified()).build();
        RecordVersion written = session.appendVersion(new NewVersion(command.recordId(), patch, session.recordedAt(), null,
                command.actor(), Operation.RESTORE, reason, metadata));
        recordChange(session, written, command.actorVerified(), PolicyholderFacts.region(written.data()).orElse(null), metadata);
        return new WriteOutcome(written, false, true);
    }

    /**
     * Writes the audit entry (when audit logging is on for this actor) and the event-log entry of
     * a version just appended, whose row's metadata is {@code metadata}. The old and new values
     * are the change the version made where it took effect ({@link RecordEvents.Change}). The
     * event log stores what {@link RecordEvents#stored} keeps of the payload: the rest is the
     * version row's (docs/decisions/0035); its listeners get the whole payload at once.
     */
    void recordChange(WriteSession session, RecordVersion written, boolean actorVerified, String region, JsonObject metadata) {
        long id = written.recordId();
        RecordTimeline timeline = session.timeline(id).orElseThrow();
        JsonObject payload = RecordEvents.payload(timeline, written.version(), metadata, written.data());
        if (auditPolicy.shouldAudit(written.actor(), region)) {
            JsonValue oldValue = payload.getOrNull("old_value");
            session.appendAudit(new AuditDraft(id, written.version(), written.operation().name(), written.recordedAt(),
                    written.actor(), oldValue.isNull() ? null : oldValue.toJson(), payload.getOrNull("new_value").toJson(),
                    written.reason(), actorVerified));
        }
        session.appendEvent(new EventDraft(eventType(written.operation()), id, written.version(), written.recordedAt(),
                written.actor(), payload, RecordEvents.stored(payload)));
    }

    static String eventType(Operation operation) {
        return operation == Operation.RESTORE ? EVENT_RECORD_RESTORED : EVENT_RECORD_WRITTEN;
    }

    /**
     * The record as known at {@code knownAt}, as it was at {@code validAt}. Either may be
     * {@code null}: no {@code knownAt} means now; no {@code validAt} means the same instant as
     * {@code knownAt} ("what the store would have answered then").
     */
    public RecordVersion read(long recordId, Instant validAt, Instant knownAt) {
        validateId(recordId);
        Instant asOf = knownAt != null ? knownAt : now();
        Instant at = validAt != null ? validAt : asOf;
        Optional<RecordVersion> found = store.findAt(recordId, at, asOf);
        if (found.isPresent()) {
            return found.get();
        }
        if (!store.exists(recordId)) {
            throw notFound(recordId);
        }
        String known = knownAt == null ? "" : " as known at " + Instants.format(asOf);
        throw new NotFoundException("record " + recordId + " has no version at " + Instants.format(at) + known);
    }

    /** The record's current state. */
    public RecordVersion latest(long recordId) {
        return read(recordId, null, null);
    }

    /** The record as of a given version. */
    public RecordVersion version(long recordId, long version) {
        validateId(recordId);
        if (version < 1) {
            throw new InvalidRequestException("invalid version; versions are numbered from 1");
        }
        return store.findVersion(recordId, version).orElseThrow(() -> store.exists(recordId)
                ? new NotFoundException("record " + recordId + " has no version " + version)
                : notFound(recordId));
    }

    /** The record's versions, oldest first. */
    public Page<VersionInfo> versions(long recordId, int limit, int offset) {
        validateId(recordId);
        validatePage(limit, offset);
        if (!store.exists(recordId)) {
            throw notFound(recordId);
        }
        return store.versions(recordId, limit, offset);
    }

    /** Records matching a search, by id. */
    public Page<RecordSummary> list(RecordQuery query) {
        validatePage(query.limit(), query.offset());
        if (query.text() != null && query.text().length() > 200) {
            throw new InvalidRequestException("search text longer than 200 characters");
        }
        return store.list(query);
    }

    public java.util.List<String> regions() {
        return store.regions();
    }

    /** The region of the record's current state (for flag rules), if any. */
    public Optional<String> region(long recordId) {
        return recordId > 0 ? store.region(recordId) : Optional.empty();
    }

    public boolean exists(long recordId) {
        return recordId > 0 && store.exists(recordId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static NotFoundException notFound(long recordId) {
        return new NotFoundException("record " + recordId + " not found");
    }

    static void validateId(long recordId) {
        if (recordId <= 0) {
            throw new InvalidRequestException("invalid id; id must be a positive 64-bit integer");
        }
    }

    static void validatePage(int limit, int offset) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("invalid limit; use 1 to 1000");
        }
        if (offset < 0) {
            throw new InvalidRequestException("invalid offset; use 0 or more");
        }
    }

    static void validateInstant(Instant instant) {
        if (instant.isBefore(Instants.MIN) || instant.isAfter(Instants.MAX)) {
            throw new InvalidRequestException("instant out of range (years 0001 to 9999)");
        }
    }

    static void validateActor(long actor) {
        if (actor < Actors.ANONYMOUS) {
            throw new InvalidRequestException("invalid actor");
        }
    }

    /** Blank reasons count as none; reasons longer than {@link #MAX_REASON_LENGTH} are refused. */
    static String normalizeReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX_REASON_LENGTH) {
            throw new InvalidRequestException("reason longer than " + MAX_REASON_LENGTH + " characters");
        }
        return stripped;
    }

    static JsonValue textOrNull(String value) {
        return value == null ? JsonNull.INSTANCE : JsonString.of(value);
    }
}
