package io.timetravel.service;

import io.timetravel.domain.FeatureFlag;
import java.util.Optional;

/** The feature flags a unit of work reads and changes inside the writer's transaction. */
public interface FlagWrites {

    /** A feature flag as it is in this transaction. */
    Optional<FeatureFlag> flag(String key);

    /** Stores a flag's new settings (the key must exist). */
    void saveFlag(FeatureFlag flag);
}
