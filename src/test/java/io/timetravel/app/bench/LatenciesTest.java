package io.timetravel.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    /** Within the histogram's promised precision (1/64 of the value) above {@code expected}, never below. */
    private static void assertNear(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected + expected / 64 + 1,
                () -> "expected about " + expected + " (at most 1/64 above), got " + actual);
    }

    @Test
    void percentilesOfAnEvenSpreadAreItsRanks() {
        Latencies latencies = new Latencies();
        for (long micros = 1; micros <= 1000; micros++) {
            latencies.record(micros * 1_000);
        }
        assertEquals(1000, latencies.count());
        assertNear(500_000, latencies.percentile(50));
        assertNear(990_000, latencies.percentile(99));
        assertEquals(1_000_000, latencies.percentile(100));
        assertEquals(1_000, latencies.percentile(0));
        assertEquals(500_500.0, latencies.meanNanos());
        assertEquals(0.5, latencies.percentileMillis(50), 0.5 / 64);
    }

    @Test
    void smallValuesAreExactAndEveryBucketHoldsWhatItsBoundsSay() {
        for (long value : new long[] {0, 1, 127, 128, 129, 255, 256, 1_000, 65_535, 1_234_567, 987_654_321_000L}) {
            int index = Latencies.index(value);
            assertTrue(Latencies.highestIn(index) >= value, () -> value + " above its bucket's top");
            assertTrue(index == 0 || Latencies.highestIn(index - 1) < value, () -> value + " belongs to an earlier bucket");
        }
        Latencies exact = new Latencies();
        exact.record(42);
        assertEquals(42, exact.percentile(50));
        assertEquals(42, exact.percentile(99));
    }

    @Test
    void aPercentileNeverExceedsTheLargestNorFallsBelowTheSmallestCounted() {
        Latencies latencies = new Latencies();
        latencies.record(1_000_001);
        latencies.record(1_000_003);
        assertEquals(1_000_003, latencies.percentile(99));
        assertEquals(1_000_001, latencies.min());
        assertTrue(latencies.percentile(1) >= 1_000_001);
    }

    @Test
    void mergedHistogramsCountAsOne() {
        Latencies fast = new Latencies();
        Latencies slow = new Latencies();
        for (int i = 0; i < 90; i++) {
            fast.record(1_000_000);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(50_000_000);
        }
        fast.add(slow);
        assertEquals(100, fast.count());
        assertNear(1_000_000, fast.percentile(90));
        assertNear(50_000_000, fast.percentile(91));
        assertEquals(50_000_000, fast.max());
        assertEquals(1_000_000, fast.min());
    }

    @Test
    void nothingCountedIsZeroAndAPercentileOutsideZeroToHundredIsRefused() {
        Latencies none = new Latencies();
        assertEquals(0, none.percentile(99));
        assertEquals(0, none.min());
        assertEquals(0.0, none.meanNanos());
        assertThrows(IllegalArgumentException.class, () -> none.percentile(101));
        assertThrows(IllegalArgumentException.class, () -> none.percentile(-1));
    }

    @Test
    void negativeDurationsCountAsZero() {
        Latencies latencies = new Latencies();
        latencies.record(-5);
        assertEquals(0, latencies.max());
        assertEquals(1, latencies.count());
    }
}
