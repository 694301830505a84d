package io.timetravel.service;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.FeatureFlag;
import java.util.List;
import java.util.Optional;

/** Reads the feature flags as stored (changes go through {@link FlagWrites}, on the writer). */
public interface FlagStore {

    /** Every flag, by key. */
    List<FeatureFlag> all();

    /**
     * Every flag, by key, each with the {@code new_value} of the newest flag entry of the audit
     * trail ({@link FlagService#AUDIT_FLAG_UPDATE}) for it, read in one snapshot: a row that an
     * application wrote always agrees with that entry, since both commit together.
     */
    List<Audited> allWithLastAudit();

    /**
     * The flag's own history: every {@link FlagService#AUDIT_FLAG_UPDATE} entry of the audit trail
     * whose old or new value names {@code key}, newest first, at most {@code limit}.
     */
    List<AuditEntry> history(String key, int limit);

    /**
     * A flag as stored and what the audit trail last recorded it as.
     *
     * @param lastAudited the JSON text of the newest entry's new value; empty when none names the flag
     */
    record Audited(FeatureFlag stored, Optional<String> lastAudited) {
    }
}
