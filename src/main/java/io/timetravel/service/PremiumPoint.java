package io.timetravel.service;

import io.timetravel.domain.premium.PremiumOutcome;
import java.time.Instant;
import java.util.Map;

/**
 * A record's premium at one valid instant, as known now, by each engine: one point of the
 * workbench's premium chart.
 *
 * @param version  the record version the state at {@code validAt} comes from
 * @param outcomes by engine label ({@code classic@1}), the premium or why there is none
 */
public record PremiumPoint(Instant validAt, long version, Map<String, PremiumOutcome> outcomes) {

    public PremiumPoint {
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    }
}
