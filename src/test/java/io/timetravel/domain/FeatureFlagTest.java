package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureFlagTest {

    private static FeatureFlag flag(boolean enabled, int percentage, String... regions) {
        return new FeatureFlag("enable_v2_api", enabled, percentage, List.of(regions), "", null, null);
    }

    @Test
    void aDisabledFlagIsOffForEveryone() {
        assertFalse(flag(false, 100).isOnFor(1, "EU"));
        assertFalse(flag(true, 0).isOnFor(1, "EU"));
        assertTrue(flag(true, 100).isOnFor(1, null));
    }

    @Test
    void aRegionListLimitsTheFlagAndAnUnknownRegionIsInNoList() {
        FeatureFlag euOnly = flag(true, 100, "EU", "UK");

        assertTrue(euOnly.isOnFor(1, "EU"));
        assertTrue(euOnly.isOnFor(1, " uk "), "regions compare without case or spaces");
        assertFalse(euOnly.isOnFor(1, "US"));
        assertFalse(euOnly.isOnFor(1, null));
    }

    @Test
    void rolloutIsStickyPerUserAndCloseToThePercentage() {
        FeatureFlag half = flag(true, 50);
        int on = 0;
        for (long user = 1; user <= 10_000; user++) {
            boolean first = half.isOnFor(user, null);
            assertEquals(first, half.isOnFor(user, null), "the same user always gets the same answer");
            on += first ? 1 : 0;
        }
        assertTrue(on > 4_700 && on < 5_300, "about half: " + on);
    }

    @Test
    void raisingThePercentageOnlyAddsUsers() {
        for (long user = 1; user <= 2_000; user++) {
            boolean atTen = flag(true, 10).isOnFor(user, null);
            boolean atThirty = flag(true, 30).isOnFor(user, null);
            assertTrue(!atTen || atThirty, "user " + user + " on at 10% stays on at 30%");
        }
    }

    @Test
    void bucketsArePinnedValuesTheSameOnEveryMachineAndRun() {
        // Computed apart from the product (first four bytes of SHA-256("flag:user"), big-endian,
        // modulo 100): a change to the hashing would move users between answers on upgrade.
        assertEquals(66, RolloutBuckets.bucket("enable_v2_api", 42));
        assertEquals(56, RolloutBuckets.bucket("enable_v2_api", 1));
        assertEquals(54, RolloutBuckets.bucket("enable_metrics", 42));
        assertEquals(59, RolloutBuckets.bucket("new_risk_engine", 7));
        assertEquals(9, RolloutBuckets.bucket("new_risk_engine", 1000));
    }

    @Test
    void bucketsDifferByFlag() {
        int differ = 0;
        for (long user = 1; user <= 200; user++) {
            differ += RolloutBuckets.bucket("enable_v2_api", user) != RolloutBuckets.bucket("enable_metrics", user) ? 1 : 0;
        }
        assertTrue(differ > 150, "flags spread users independently: " + differ);
    }

    @Test
    void regionListsAreReadLenientlyAndValidatedStrictly() {
        assertEquals(List.of("APAC", "EU", "US"), Regions.parseStored(" eu,US ,, apac,EU"));
        assertEquals(List.of(), Regions.parseStored(""));
        assertEquals("EU,US", Regions.format(List.of("EU", "US")));
        assertTrue(Regions.isValid("US-EAST_1"));
        assertFalse(Regions.isValid("E U"));
        assertFalse(Regions.isValid(""));
        assertFalse(Regions.isValid("x".repeat(33)));
        assertFalse(Regions.isValid("EU;DROP"));
    }
}
