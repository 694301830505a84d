package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Regions;
import io.timetravel.service.FlagService;
import io.timetravel.service.FlagStore;
import io.timetravel.storage.jooq.tables.AuditHistory;
import io.timetravel.storage.jooq.tables.records.FeatureFlagsRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The feature flags in {@code feature_flags}, read on the store's read connections. */
public final class SqlFlagStore implements FlagStore {

    private final SqlRecordStore store;

    public SqlFlagStore(SqlRecordStore store) {
        this.store = store;
    }

    /**
     * The flag key inside an audit value, or NULL when the value is not JSON (broken by hand): SQLite's
     * JSON functions, or on PostgreSQL the function its migration defines for the same.
     */
    private Field<String> flagKey(Field<String> value) {
        return store.shared() ? DSL.field("timetravel_flag_key({0})", String.class, value)
                : DSL.field("CASE WHEN json_valid({0}) THEN json_extract({0}, '$.flag_key') END", String.class, value);
    }

    @Override
    public List<FeatureFlag> all() {
        return store.readers().read(s -> s.dsl().selectFrom(FEATURE_FLAGS).orderBy(FEATURE_FLAGS.FLAG_KEY)
                .fetch(SqlFlagStore::flag));
    }

    @Override
    public List<Audited> allWithLastAudit() {
        // Flag entries have no record: the index on (record_id, version) finds them among the few
        // such entries (flags and access administration), however long the trail of records is.
        AuditHistory audit = AUDIT_HISTORY.as("a");
        Field<String> auditedKey = flagKey(audit.NEW_VALUE);
        Field<String> lastAudited = DSL.field(DSL.select(audit.NEW_VALUE).from(audit)
                .where(audit.RECORD_ID.isNull())
                .and(audit.EVENT_TYPE.eq(FlagService.AUDIT_FLAG_UPDATE))
                .and(auditedKey.eq(FEATURE_FLAGS.FLAG_KEY))
                .orderBy(audit.ID.desc())
                .limit(1)).as("last_audited");
        // One statement, so one snapshot: a row and the entry written with it are seen together.
        return store.readers().read(s -> s.dsl().select(FEATURE_FLAGS.fields()).select(lastAudited)
                .from(FEATURE_FLAGS)
                .orderBy(FEATURE_FLAGS.FLAG_KEY)
                .fetch(row -> new Audited(flag(row.into(FEATURE_FLAGS)), Optional.ofNullable(row.get(lastAudited)))));
    }

    @Override
    public List<AuditEntry> history(String key, int limit) {
        // As in allWithLastAudit: flag entries have no record, so the (record_id, version) index
        // narrows the search to the few entries that are not about records.
        AuditHistory audit = AUDIT_HISTORY;
        Field<String> newKey = flagKey(audit.NEW_VALUE);
        Field<String> oldKey = flagKey(audit.OLD_VALUE);
        return store.readers().read(s -> s.dsl().selectFrom(audit)
                .where(audit.RECORD_ID.isNull())
                .and(audit.EVENT_TYPE.eq(FlagService.AUDIT_FLAG_UPDATE))
                .and(newKey.eq(key).or(oldKey.eq(key)))
                .orderBy(audit.ID.desc())
                .limit(limit)
                .fetch(row -> new AuditEntry(row.getId(), null, null, row.getEventType(), changedAt(row.getChangedAt()),
                        row.getActor(), row.getOldValue(), row.getNewValue(), row.getReason(), row.getPrevHash(), row.getHash(),
                        row.getActorVerified() == null ? null : row.getActorVerified() != 0)));
    }

    /** An entry's instant, or {@code null} when a hand edit left something else there (verify names the entry). */
    private static Instant changedAt(String text) {
        try {
            return text == null ? null : Instants.parseStored(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }

    static FeatureFlag flag(FeatureFlagsRecord row) {
        return new FeatureFlag(row.getFlagKey(), row.getEnabled() != null && row.getEnabled() == 1,
                row.getRolloutPercentage() == null ? 0 : row.getRolloutPercentage().intValue(),
                Regions.parseStored(row.getRegions()), row.getDescription(), updatedAt(row.getUpdatedAt()), row.getUpdatedBy());
    }

    /** Operators edit this table by hand, perhaps with SQLite's own time format: never fail on it. */
    private static Instant updatedAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instants.parseStored(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
