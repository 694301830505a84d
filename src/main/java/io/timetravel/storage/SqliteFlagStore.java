package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.FEATURE_FLAGS;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Regions;
import io.timetravel.service.FlagStore;
import io.timetravel.storage.jooq.tables.records.FeatureFlagsRecord;
import java.time.Instant;
import java.util.List;

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
