package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessFrequencyTest {

    @Test
    void neverCountsFewerLookupsThanWereMade() {
        AccessFrequency frequency = new AccessFrequency();
        // 900 records, record r asked for r % 13 times: 5,400 lookups, below the first halving of a
        // cache of 1,000 records.
        for (long record = 1; record <= 900; record++) {
            for (int i = 0; i < record % 13; i++) {
                frequency.record(record, 1_000);
            }
        }
        int exact = 0;
        for (long record = 1; record <= 900; record++) {
            int estimate = frequency.estimate(record);
            assertTrue(estimate >= record % 13, "record " + record + ": " + estimate);
            if (estimate == record % 13) {
                exact++;
            }
        }
        assertTrue(exact >= 880, exact + " of 900 estimates exact");
    }

    @Test
    void countsAreCappedAndHalvedAsTheyAge() {
        AccessFrequency frequency = new AccessFrequency();
        for (int i = 0; i < 40; i++) {
            frequency.record(7, 0);
        }
        assertEquals(15, frequency.estimate(7), "four bits' worth");
        // A cache of no records halves its counts every 1,000 lookups.
        for (long other = 100; other < 100 + 1_000; other++) {
            frequency.record(other, 0);
        }
        assertTrue(frequency.estimate(7) <= 7, "halved: " + frequency.estimate(7));
        assertTrue(frequency.estimate(7) >= 3, "not forgotten at once: " + frequency.estimate(7));
    }
}
