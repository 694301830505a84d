package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Regions;
import io.timetravel.service.FlagService;
import io.timetravel.service.FlagStore;
import io.timetravel.storage.jooq.tables.AuditHistory;
import io.timetravel.storage.jooq.tables.records.FeatureFlagsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The feature flags in {@code feature_flags}, read on the store's read connections. */
public final class SqliteFlagStore implements FlagStore {

    private final SqliteRecordStore store;

    public SqliteFlagStore(SqliteRecordStore store) {
        this.store = store;
    }

    @Override
    public List<FeatureFlag> all() {
        return store.readers().read(s -> s.dsl().selectFrom(FEATURE_FLAGS).orderBy(FEATURE_FLAGS.FLAG_KEY)
                .fetch(SqliteFlagStore::flag));
    }

    @Override
    public List<Audited> allWithLastAudit() {
        // Flag entries have no record: the index on (record_id, version) finds them among the few
        // such entries (flags and access administration), however long the trail of records is.
        AuditHistory audit = AUDIT_HISTORY.as("a");
        Field<String> auditedKey = DSL.field("CASE WHEN json_valid({0}) THEN json_extract({0}, '$.flag_key') END",
                String.class, audit.NEW_VALUE);
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
