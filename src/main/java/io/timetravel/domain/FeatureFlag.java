package io.timetravel.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rollout control as stored in {@code feature_flags}.
 *
 * @param rolloutPercentage 0 to 100: the share of users (by a stable hash) the flag is on for
 * @param regions           region codes it is limited to, upper case and sorted; empty = everywhere
 * @param updatedBy         who changed it last through the API or the desktop; {@code null} when
 *                          seeded or changed by hand in SQL
 */
public record FeatureFlag(
        String key,
        boolean enabled,
        int rolloutPercentage,
        List<String> regions,
        String description,
        Instant updatedAt,
        Long updatedBy) {

    public FeatureFlag {
        Objects.requireNonNull(key, "key");
        regions = List.copyOf(regions);
        description = description == null ? "" : description;
    }

    /**
     * Whether the flag is on for a user in a region: enabled, the region in its list (an empty
     * list means everywhere; an unknown region is in no list), and the user's bucket under the
     * rollout percentage. The same user always gets the same answer for the same flag.
     */
    public boolean isOnFor(long userId, String region) {
        if (!enabled || rolloutPercentage <= 0) {
            return false;
        }
        if (!regions.isEmpty() && (region == null || !regions.contains(Regions.normalize(region)))) {
            return false;
        }
        return rolloutPercentage >= 100 || RolloutBuckets.bucket(key, userId) < rolloutPercentage;
    }
}
