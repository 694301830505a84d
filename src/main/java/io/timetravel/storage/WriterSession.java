package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Operation;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.StoredEvent;
import io.timetravel.domain.StoredVersionRow;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.Regions;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.LedgerService;
import io.timetravel.service.WriteSession;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SelectForUpdateStep;
import org.jooq.impl.DSL;

/**
 * A {@link WriteSession} on the writer's connection, for one unit of work inside a batch.
 * Timelines it extends stay in the batch and reach the shared cache only after commit.
 */
final class WriterSession implements WriteSession {

    private final BatchState batch;
    private final DSLContext dsl;
    private final VersionQueries queries;
    private final WriteStatements statements;
    /** Whether other servers write the same database: records are locked and read fresh. */
    private final boolean shared;
    private Instant recordedAt;
    /** The instant after the newest version of the records this work read, before its time is taken. */
    private Instant floor;
    /** The SHA-256 of each version row this work appended, by record and version. */
    private final Map<String, String> versionDigests = new HashMap<>(4);
    /** Inserts the rows of the record writes of this work. */
    private final VersionRowInserts rows;

    WriterSession(BatchState batch, DSLContext dsl, VersionQueries queries, WriteStatements statements,
                  boolean shared) {
        this.batch = batch;
        this.dsl = dsl;
        this.queries = queries;
        this.statements = statements;
        this.shared = shared;
        this.rows = new VersionRowInserts(statements);
    }

    DSLContext dsl() {
        return dsl;
    }

    @Override
    public Instant recordedAt() {
        if (recordedAt == null) {
            recordedAt = batch.nextInstant(null, floor);
        }
        return recordedAt;
    }

    /**
     * The clock's instant (microseconds), without taking a transaction time: for work that is not
     * a record's version (access administration), so it never pushes later versions forward.
     */
    Instant now() {
        return batch.now();
    }

    @Override
    public Instant recordAt(Instant requested) {
        if (recordedAt != null) {
            throw new IllegalStateException("the transaction time of this work is already " + recordedAt);
        }
        recordedAt = batch.nextInstant(requested);
        return recordedAt;
    }

    @Override
    public Optional<RecordTimeline> timeline(long recordId) {
        RecordTimeline timeline = batch.timeline(recordId);
        if (shared) {
            // Other servers append to the same records: lock the record's row until commit (they
            // queue behind it), and read the versions again when ours are not all there are.
            Record1<Long> row = locked(dsl.select(POLICYHOLDERS.LATEST_VERSION).from(POLICYHOLDERS)
                    .where(POLICYHOLDERS.ID.eq(recordId)));
            if (row == null) {
                return Optional.empty();
            }
            long latest = row.value1();
            if (timeline != null && timeline.size() != latest) {
                timeline = null;
            }
        }
        if (timeline == null) {
            timeline = RecordTimeline.of(queries.timeline(recordId, 0));
            if (timeline.isEmpty()) {
                return Optional.empty();
            }
            batch.putTimeline(recordId, timeline);
        }
        Instant after = timeline.entry(timeline.size()).info().recordedAt().plus(1, ChronoUnit.MICROS);
        if (recordedAt == null && (floor == null || after.isAfter(floor))) {
            floor = after;
        }
        return Optional.of(timeline);
    }

    private ChainHead head(long recordId, RecordTimeline timeline) {
        ChainHead head = batch.head(recordId);
        if (head != null && head.version() == timeline.size()) {
            return head;
        }
        VersionLocation location = queries.latest(recordId)
                .orElseThrow(() -> new CorruptStoreException("record " + recordId + " has a timeline but no version rows"));
        long checkpoint = location.checkpointVersion();
        Long chars = dsl.select(DSL.coalesce(DSL.sum(DSL.length(POLICYHOLDER_RECORDS.PATCH)), BigDecimal.ZERO))
                .from(POLICYHOLDER_RECORDS)
                .where(POLICYHOLDER_RECORDS.RECORD_ID.eq(recordId))
                .and(POLICYHOLDER_RECORDS.VERSION.gt(checkpoint))
                .fetchOne(0, Long.class);
        JsonObject state = SqlRecordStore.asRecorded(timeline, location.version()).data();
        head = new ChainHead(location.version(), state, checkpoint, chars == null ? 0 : chars);
        batch.putHead(recordId, head);
        return head;
    }

    @Override
    public RecordVersion appendVersion(NewVersion next) {
        long id = next.recordId();
        Instant now = recordedAt();
        RecordTimeline before = timeline(id).orElse(RecordTimeline.empty());
        if (shared && next.operation() == Operation.CREATE && !before.isEmpty()) {
            // This unit found no record, and another server's creation committed since (each
            // statement sees the commits before it): run the unit again, which then sees the record
            // and writes an update after the other server's versions.
            String message = "record " + id + " was created by another server while this write was deciding";
            throw new IllegalStateException(message, new SQLException(message, Conflicts.SERIALIZATION_FAILURE));
        }
        ChainHead previous = before.isEmpty() ? null : head(id, before);
        long version = before.size() + 1L;
        if (!before.isEmpty() && !now.isAfter(before.entry(before.size()).info().recordedAt())) {
            throw new IllegalStateException("record " + id + " was last recorded at "
                    + Instants.format(before.entry(before.size()).info().recordedAt()) + ", not before " + Instants.format(now)
                    + ": a version's transaction time must be after its predecessor's");
        }
        RecordTimeline after = before.with(new RecordTimeline.Entry(new VersionInfo(id, version, next.effectiveAt(), next.validTo(),
                now, next.actor(), next.operation(), next.reason()), next.patch()));
        RecordVersion written = SqlRecordStore.asRecorded(after, version);
        ChainHead.Link link = ChainHead.link(previous, written.data());
        String nowText = Instants.format(now);
        String effectiveAt = Instants.format(next.effectiveAt());
        String validTo = next.validTo() == null ? null : Instants.format(next.validTo());
        String metadata = next.metadata().toJson();
        String appliedPatch = next.patch().toJson();

        String region = PolicyholderFacts.region(written.data()).orElse(null);
        String name = PolicyholderFacts.name(written.data()).orElse(null);
        if (previous == null) {
            // The policyholder row comes first: versions reference it.
            statements.insertPolicyholder.update(id, nowText, next.actor(), region, name, version, nowText, next.actor());
        }
        VersionEntries.VersionRow row = new VersionEntries.VersionRow(id, version, link.data(), link.patch(),
                link.checkpointVersion(), effectiveAt, validTo, nowText, nowText, next.actor(), next.operation().name(), next.reason(),
                metadata, appliedPatch);
        // What the version's event will commit to: the row exactly as stored (docs/decisions/0021).
        String digest = row.stored().sha256();
        rows.version(row, digest);
        versionDigests.put(versionKey(id, version), digest);

        batch.putTimeline(id, after);
        batch.putHead(id, link.next());
        batch.countVersion();

        if (previous != null) {
            // The listing shows what is true now (the state just written is exactly that).
            statements.updatePolicyholder.update(region, name, version, nowText, next.actor(), id);
        }
        return written;
    }

    @Override
    public Optional<FeatureFlag> flag(String key) {
        var select = dsl.selectFrom(FEATURE_FLAGS).where(FEATURE_FLAGS.FLAG_KEY.eq(key));
        if (!shared) {
            return Optional.ofNullable(select.fetchOne()).map(SqlFlagStore::flag);
        }
        // Held until commit, as a record's row: two servers that both find the same change made
        // in SQL record it once (the second sees the row the first rewrote, docs/decisions/0022).
        return Optional.ofNullable(locked(select)).map(SqlFlagStore::flag);
    }

    /**
     * The row {@code select} finds, locked until commit (on a shared database), or {@code null}.
     * Only a transaction that holds no row yet waits for one: the others give up at once
     * (lock_not_available), commit what they have and run the unit again first in the next
     * transaction. Two servers then never wait for each other in a circle (a deadlock, which
     * PostgreSQL breaks only after deadlock_timeout, a second by default).
     */
    private <R extends Record> R locked(SelectForUpdateStep<R> select) {
        var locking = select.forUpdate();
        R row = (batch.holdsRows() ? locking.noWait() : locking).fetchOne();
        if (row != null) {
            batch.holdRow();
        }
        return row;
    }

    @Override
    public void saveFlag(FeatureFlag flag) {
        int updated = dsl.update(FEATURE_FLAGS)
                .set(FEATURE_FLAGS.ENABLED, flag.enabled() ? 1L : 0L)
                .set(FEATURE_FLAGS.ROLLOUT_PERCENTAGE, (long) flag.rolloutPercentage())
                .set(FEATURE_FLAGS.REGIONS, Regions.format(flag.regions()))
                .set(FEATURE_FLAGS.DESCRIPTION, flag.description())
                .set(FEATURE_FLAGS.UPDATED_AT, Instants.format(flag.updatedAt() != null ? flag.updatedAt() : recordedAt()))
                .set(FEATURE_FLAGS.UPDATED_BY, flag.updatedBy())
                .where(FEATURE_FLAGS.FLAG_KEY.eq(flag.key()))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("no flag " + flag.key() + " to update");
        }
    }

    @Override
    public void appendAudit(AuditDraft entry) {
        String changedAt = Instants.format(entry.changedAt());
        String previousHash = batch.auditHash();
        String content = AuditEntry.canonicalContent(entry.recordId(), entry.version(), entry.eventType(), changedAt,
                entry.actor(), entry.oldValue(), entry.newValue(), entry.reason(), entry.actorVerified());
        String hash = HashChain.link(previousHash, content);
        VersionEntries.AuditRow row = new VersionEntries.AuditRow(entry.recordId(), entry.version(), entry.eventType(), changedAt,
                entry.actor(), entry.oldValue(), entry.newValue(), entry.reason(), previousHash, hash,
                entry.actorVerified() == null ? null : entry.actorVerified() ? 1L : 0L, batch.lane(), batch.auditId());
        long id = rows.audit(row);
        batch.setAuditHead(id, hash);
        batch.countAuditEntry();
    }

    /**
     * Appends the event as the ledger's next entry: its hash covers the event, the version row
     * a record event records, and the audit chain up to its newest entry (docs/decisions/0021).
     */
    @Override
    public long appendEvent(EventDraft event) {
        String occurredAt = Instants.format(event.occurredAt());
        String payload = event.stored().toJson();
        String versionSha256 = versionDigest(event);
        long auditId = batch.auditId();
        // Seals the audit entries written since the last event; none new: names the same entry.
        String auditHash = auditId != batch.sealedAuditId() ? batch.auditHash() : null;
        String previousHash = batch.ledgerHash();
        String hash = HashChain.link(previousHash, StoredEvent.canonicalContent(event.eventType(), text(event.recordId()),
                text(event.version()), occurredAt, text(event.actor()), payload, versionSha256, auditId == 0 ? null : Long.toString(auditId),
                auditHash));
        VersionEntries.EventRow row = new VersionEntries.EventRow(event.eventType(), event.recordId(), event.version(), occurredAt,
                event.actor(), payload, previousHash, hash, versionSha256, auditId == 0 ? null : auditId, auditHash, batch.lane(),
                batch.ledgerId());
        long id = rows.event(row, shared ? batch.nextEventPosition() : null);
        batch.setLedgerHead(id, hash, auditId);
        batch.addEvent(new EventLogEntry(id, event.eventType(), event.recordId(), event.version(), event.occurredAt(),
                event.actor(), event.payload()));
        return id;
    }

    /**
     * Ends this unit of work: what is still waiting is inserted. The writer calls it after the
     * unit ran and before its savepoint is released.
     */
    void finish() {
        rows.finish();
    }

    /**
     * The SHA-256 of the version row a record event records: the one this work just appended, or
     * (never so far) one written before, as stored. {@code null} for other events.
     */
    private String versionDigest(EventDraft event) {
        if (!LedgerService.RECORD_EVENT_TYPES.contains(event.eventType()) || event.recordId() == null || event.version() == null) {
            return null;
        }
        String digest = versionDigests.get(versionKey(event.recordId(), event.version()));
        if (digest != null) {
            return digest;
        }
        StoredVersionRow row = LedgerRows.version(dsl, event.recordId(), event.version());
        if (row == null) {
            throw new IllegalStateException("an event for record " + event.recordId() + " version " + event.version()
                    + ", which does not exist");
        }
        return row.sha256();
    }

    private static String versionKey(long recordId, long version) {
        return recordId + "/" + version;
    }

    private static String text(Long value) {
        return value == null ? null : value.toString();
    }
}
