package io.timetravel.domain.premium;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;

/**
 * A premium model at one version: a deterministic function of a record's state at a valid
 * instant. The same state and instant always give the same premium, factor for factor, so a
 * decision can be replayed years later. Changing a formula or a rate makes a new version; old
 * versions stay registered and callable ({@link PremiumEngines}).
 */
public interface PremiumEngine {

    /** The engine's name, as requests name it: {@code classic}, {@code risk-v2}. */
    String name();

    /** Its version, 1 and up. */
    int version();

    /** When this version came into force: chosen by default for quotes made from then on. */
    Instant releasedAt();

    /** One line on what the version computes. */
    String description();

    /** The fields of the record this engine reads, as dotted paths. */
    java.util.List<String> fields();

    /** The premium of the record whose state at {@code at} is {@code state}, or why there is none. */
    PremiumOutcome price(JsonObject state, Instant at);

    /** {@code classic@1}. */
    default String label() {
        return name() + "@" + version();
    }
}
