package io.timetravel.service;

import io.timetravel.domain.FeatureFlag;
import java.util.List;

/** Reads the feature flags as stored (changes go through {@link WriteSession}, on the writer). */
public interface FlagStore {

    /** Every flag, by key. */
    List<FeatureFlag> all();
}
