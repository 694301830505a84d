package io.timetravel.service;

import io.timetravel.domain.Actors;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.MergePatch;
import io.timetravel.service.WriteSession.AuditDraft;
import io.timetravel.service.WriteSession.EventDraft;
import io.timetravel.service.WriteSession.NewVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reading and changing records: merge-patch writes on two time axes, and time-travel reads.
 *
 * <p>A write's new state is its patch merged onto the state that was true at its effective
 * instant, as known when it is recorded (SPEC 4.2); an ordinary write is effective when recorded,
 * so it applies to the latest state. The check, the version, its audit entry and its event-log
 * entry all happen in one unit of work on the store's single writer, so concurrent writers never
 * lose an update and versions stay 1..n without gaps.
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
     * Replays a write of the past at its transaction time {@code recordedAt} (rebuilds, sample
     * data). Never for client requests: clients do not choose when the store learned a fact.
     */
    public CompletableFuture<WriteOutcome> replayWrite(WriteCommand command, Instant recordedAt) {
        return write(command, java.util.Objects.requireNonNull(recordedAt, "recordedAt"));
    }

    private CompletableFuture<WriteOutcome> write(WriteCommand command, Instant recordedAt) {
        validateId(command.recordId());
        String reason = normalizeReason(command.reason());
        if (command.effectiveAt() != null) {
            validateInstant(command.effectiveAt());
        }
        return store.write(session -> {
            if (recordedAt != null) {
                session.recordAt(recordedAt);
            }
            return applyWrite(session, command, reason);
        });
    }

    private WriteOutcome applyWrite(WriteSession session, WriteCommand command, String reason) {
        long id = command.recordId();
        Instant recordedAt = session.recordedAt();
        Instant effectiveAt = command.effectiveAt() != null ? command.effectiveAt() : recordedAt;
        Optional<RecordVersion> latest = session.latest(id);
        Optional<RecordVersion> base = latest.isEmpty() ? Optional.empty() : session.findAt(id, effectiveAt, recordedAt);
        JsonObject before = base.map(RecordVersion::data).orElse(JsonObject.empty());
        JsonObject after = MergePatch.apply(before, command.patch());
        boolean created = latest.isEmpty();
        if (!created && base.isPresent() && after.equals(before)) {
            return new WriteOutcome(base.get(), false, false);
        }
        Operation operation = created ? Operation.CREATE : Operation.UPDATE;
        JsonObject metadata = JsonObject.builder().put("source", command.source())
                .put("actor_verified", command.actorVerified()).build();
        RecordVersion written = session.appendVersion(
                new NewVersion(id, after, effectiveAt, command.actor(), operation, reason, metadata));
        String region = command.region() != null ? command.region() : PolicyholderFacts.region(after).orElse(null);
        recordChange(session, written, command.actorVerified(), before, base.isPresent(), region, JsonObject.builder()
                .put("patch", command.patch())
                .put("effective_at", command.effectiveAt() == null ? JsonNull.INSTANCE : JsonString.of(Instants.format(effectiveAt)))
                .put("source", command.source())
                .build());
        return new WriteOutcome(written, created, true);
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
        Instant now = session.recordedAt();
        if (session.latest(id).isEmpty()) {
            throw notFound(id);
        }
        JsonObject.Builder from = JsonObject.builder();
        RecordVersion target;
        if (command.version() != null) {
            target = session.findVersion(id, command.version())
                    .orElseThrow(() -> new NotFoundException("record " + id + " has no version " + command.version()));
            from.put("version", command.version());
        } else {
            Instant asOf = command.asOf() != null ? command.asOf() : now;
            target = session.findAt(id, command.at(), asOf).orElseThrow(() -> new NotFoundException(
                    "record " + id + " has no version at " + Instants.format(command.at())));
            from.put("at", Instants.format(command.at()));
            if (command.asOf() != null) {
                from.put("as_of", Instants.format(command.asOf()));
            }
        }
        Optional<RecordVersion> current = session.findAt(id, now, now);
        JsonObject before = current.map(RecordVersion::data).orElse(JsonObject.empty());
        if (current.isPresent() && before.equals(target.data())) {
            return new WriteOutcome(current.get(), false, false);
        }
        JsonObject restoredFrom = from.put("resolved_version", target.version()).build();
        JsonObject metadata = JsonObject.builder().put("source", command.source()).put("restored_from", restoredFrom)
                .put("actor_verified", command.actorVerified()).build();
        RecordVersion written = session.appendVersion(
                new NewVersion(id, target.data(), now, command.actor(), Operation.RESTORE, reason, metadata));
        recordChange(session, written, command.actorVerified(), before, current.isPresent(), PolicyholderFacts.region(target.data()).orElse(null),
                JsonObject.builder().put("restored_from", restoredFrom).put("source", command.source()).build());
        return new WriteOutcome(written, false, true);
    }

    /**
     * Writes the audit entry (when audit logging is on for this actor) and the event-log entry of
     * a version just appended. {@code details} is the event's operation-specific payload.
     */
    void recordChange(WriteSession session, RecordVersion written, boolean actorVerified, JsonObject before, boolean hadBefore,
                      String region, JsonObject details) {
        long id = written.recordId();
        JsonObject after = written.data();
        // The change both ways, as merge patches: as small as the change, and enough to show it.
        JsonValue oldValue = hadBefore ? MergePatch.between(after, before) : JsonNull.INSTANCE;
        JsonValue newValue = hadBefore ? MergePatch.between(before, after) : after;
        if (auditPolicy.shouldAudit(written.actor(), region)) {
            session.appendAudit(new AuditDraft(id, written.version(), written.operation().name(), written.recordedAt(),
                    written.actor(), oldValue.isNull() ? null : oldValue.toJson(), newValue.toJson(), written.reason(),
                    actorVerified));
        }
        JsonObject.Builder payload = details.toBuilder()
                .put("record_id", id)
                .put("version", written.version())
                .put("operation", written.operation().name())
                .put("actor", written.actor())
                .put("actor_verified", actorVerified)
                .put("recorded_at", Instants.format(written.recordedAt()))
                .put("effective_at", Instants.format(written.effectiveAt()))
                .put("reason", textOrNull(written.reason()))
                .put("old_value", oldValue)
                .put("new_value", newValue)
                .put("state_sha256", HashChain.sha256Hex(after.toJson()));
        session.appendEvent(new EventDraft(eventType(written.operation()), id, written.version(), written.recordedAt(),
                written.actor(), payload.build()));
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
