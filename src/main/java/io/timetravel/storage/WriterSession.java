package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.Regions;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.MergePatch;
import io.timetravel.service.WriteSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A {@link WriteSession} on the writer's connection, for one unit of work inside a batch.
 * Versions it writes go to the batch's pending cache and reach the shared cache only after commit.
 */
final class WriterSession implements WriteSession {

    private final SingleWriter.BatchState batch;
    private final DSLContext dsl;
    private final VersionQueries queries;
    private Instant recordedAt;

    WriterSession(SingleWriter.BatchState batch, DSLContext dsl, VersionQueries queries) {
        this.batch = batch;
        this.dsl = dsl;
        this.queries = queries;
    }

    DSLContext dsl() {
        return dsl;
    }

    @Override
    public Instant recordedAt() {
        if (recordedAt == null) {
            recordedAt = batch.nextInstant(null);
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
    public Optional<RecordVersion> findAt(long recordId, Instant validAt, Instant knownAt) {
        return VersionAssembler.load(queries, batch, recordId, queries.seek(recordId, validAt, knownAt));
    }

    @Override
    public Optional<RecordVersion> findVersion(long recordId, long version) {
        return VersionAssembler.load(queries, batch, recordId, queries.exact(recordId, version));
    }

    @Override
    public Optional<RecordVersion> latest(long recordId) {
        return Optional.ofNullable(head(recordId)).map(ChainHead::latest);
    }

    private ChainHead head(long recordId) {
        ChainHead head = batch.head(recordId);
        if (head != null) {
            return head;
        }
        Optional<VersionLocation> location = queries.latest(recordId);
        if (location.isEmpty()) {
            return null;
        }
        RecordVersion latest = VersionAssembler.load(queries, batch, recordId, location.get());
        long checkpoint = location.get().checkpointVersion();
        Long chars = dsl.select(DSL.coalesce(DSL.sum(DSL.length(POLICYHOLDER_RECORDS.PATCH)), BigDecimal.ZERO))
                .from(POLICYHOLDER_RECORDS)
                .where(POLICYHOLDER_RECORDS.RECORD_ID.eq(recordId))
                .and(POLICYHOLDER_RECORDS.VERSION.gt(checkpoint))
                .fetchOne(0, Long.class);
        head = new ChainHead(latest, checkpoint, chars == null ? 0 : chars);
        batch.putHead(recordId, head);
        return head;
    }

    @Override
    public RecordVersion appendVersion(NewVersion next) {
        long id = next.recordId();
        Instant now = recordedAt();
        ChainHead previous = head(id);
        long version = previous == null ? 1 : previous.latest().version() + 1;
        String dataJson = next.data().toJson();
        String patchJson = previous == null ? dataJson : MergePatch.between(previous.latest().data(), next.data()).toJson();
        boolean checkpoint = CheckpointPolicy.isCheckpoint(previous, version, dataJson.length(), patchJson.length());
        long checkpointVersion = checkpoint ? version : previous.checkpointVersion();
        String nowText = Instants.format(now);

        if (previous == null) {
            // The policyholder row comes first: versions reference it.
            dsl.insertInto(POLICYHOLDERS)
                    .set(POLICYHOLDERS.ID, id)
                    .set(POLICYHOLDERS.CREATED_AT, nowText)
                    .set(POLICYHOLDERS.CREATED_BY, next.actor())
                    .set(POLICYHOLDERS.REGION, PolicyholderFacts.region(next.data()).orElse(null))
                    .set(POLICYHOLDERS.NAME, PolicyholderFacts.name(next.data()).orElse(null))
                    .set(POLICYHOLDERS.LATEST_VERSION, version)
                    .set(POLICYHOLDERS.UPDATED_AT, nowText)
                    .set(POLICYHOLDERS.UPDATED_BY, next.actor())
                    .execute();
        }
        dsl.insertInto(POLICYHOLDER_RECORDS)
                .set(POLICYHOLDER_RECORDS.RECORD_ID, id)
                .set(POLICYHOLDER_RECORDS.VERSION, version)
                .set(POLICYHOLDER_RECORDS.DATA, checkpoint ? dataJson : null)
                .set(POLICYHOLDER_RECORDS.PATCH, patchJson)
                .set(POLICYHOLDER_RECORDS.CHECKPOINT_VERSION, checkpointVersion)
                .set(POLICYHOLDER_RECORDS.EFFECTIVE_AT, Instants.format(next.effectiveAt()))
                .set(POLICYHOLDER_RECORDS.RECORDED_AT, nowText)
                .set(POLICYHOLDER_RECORDS.UPDATED_AT, nowText)
                .set(POLICYHOLDER_RECORDS.ACTOR, next.actor())
                .set(POLICYHOLDER_RECORDS.OPERATION, next.operation().name())
                .set(POLICYHOLDER_RECORDS.REASON, next.reason())
                .set(POLICYHOLDER_RECORDS.METADATA, next.metadata().toJson())
                .execute();

        Instant createdAt = previous == null ? now : previous.latest().createdAt();
        RecordVersion written = new RecordVersion(id, version, next.data(), createdAt, next.effectiveAt(), now,
                next.actor(), next.operation(), next.reason());
        batch.putVersion(written);
        batch.countVersion();
        batch.putHead(id, new ChainHead(written, checkpointVersion,
                checkpoint ? 0 : previous.patchCharsSinceCheckpoint() + patchJson.length()));

        if (previous != null) {
            // The listing shows what is true now; a back-dated or future-dated write may not be it.
            JsonObject current = next.effectiveAt().equals(now)
                    ? next.data()
                    : findAt(id, now, now).map(RecordVersion::data).orElse(next.data());
            dsl.update(POLICYHOLDERS)
                    .set(POLICYHOLDERS.REGION, PolicyholderFacts.region(current).orElse(null))
                    .set(POLICYHOLDERS.NAME, PolicyholderFacts.name(current).orElse(null))
                    .set(POLICYHOLDERS.LATEST_VERSION, version)
                    .set(POLICYHOLDERS.UPDATED_AT, nowText)
                    .set(POLICYHOLDERS.UPDATED_BY, next.actor())
                    .where(POLICYHOLDERS.ID.eq(id))
                    .execute();
        }
        return written;
    }

    @Override
    public Optional<FeatureFlag> flag(String key) {
        return Optional.ofNullable(dsl.selectFrom(FEATURE_FLAGS).where(FEATURE_FLAGS.FLAG_KEY.eq(key)).fetchOne())
                .map(SqliteFlagStore::flag);
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
        String previousHash = batch.auditHead();
        String content = AuditEntry.canonicalContent(entry.recordId(), entry.version(), entry.eventType(), changedAt,
                entry.actor(), entry.oldValue(), entry.newValue(), entry.reason(), entry.actorVerified());
        String hash = HashChain.link(previousHash, content);
        dsl.insertInto(AUDIT_HISTORY)
                .set(AUDIT_HISTORY.RECORD_ID, entry.recordId())
                .set(AUDIT_HISTORY.VERSION, entry.version())
                .set(AUDIT_HISTORY.EVENT_TYPE, entry.eventType())
                .set(AUDIT_HISTORY.CHANGED_AT, changedAt)
                .set(AUDIT_HISTORY.ACTOR, entry.actor())
                .set(AUDIT_HISTORY.OLD_VALUE, entry.oldValue())
                .set(AUDIT_HISTORY.NEW_VALUE, entry.newValue())
                .set(AUDIT_HISTORY.REASON, entry.reason())
                .set(AUDIT_HISTORY.PREV_HASH, previousHash)
                .set(AUDIT_HISTORY.HASH, hash)
                .set(AUDIT_HISTORY.ACTOR_VERIFIED, entry.actorVerified() == null ? null : entry.actorVerified() ? 1L : 0L)
                .execute();
        batch.setAuditHead(hash);
        batch.countAuditEntry();
    }

    @Override
    public long appendEvent(EventDraft event) {
        long id = dsl.insertInto(EVENT_LOGS)
                .set(EVENT_LOGS.EVENT_TYPE, event.eventType())
                .set(EVENT_LOGS.RECORD_ID, event.recordId())
                .set(EVENT_LOGS.VERSION, event.version())
                .set(EVENT_LOGS.OCCURRED_AT, Instants.format(event.occurredAt()))
                .set(EVENT_LOGS.ACTOR, event.actor())
                .set(EVENT_LOGS.PAYLOAD, event.payload().toJson())
                .returningResult(EVENT_LOGS.ID)
                .fetchOne()
                .value1();
        batch.addEvent(new EventLogEntry(id, event.eventType(), event.recordId(), event.version(), event.occurredAt(),
                event.actor(), event.payload()));
        return id;
    }
}
