package io.timetravel.storage;

/**
 * How often each record was asked for lately, approximately, in a fixed 64 KB: a count-min
 * sketch (four counters a record, its estimate the least of them), each counter capped at 15, and
 * every counter halved after ten lookups for each record cached, so that what was hot before the
 * load moved on does not keep its place for long.
 *
 * <p>The admission filter of {@link TimelineCache}, after TinyLFU (Einziger, Friedman and Manes,
 * "TinyLFU: A Highly Efficient Cache Admission Policy", 2017; decision 0045). Not thread-safe:
 * the cache's lock guards it.
 */
final class AccessFrequency {

    private static final int COUNTERS = 1 << 16;
    private static final int MAX_COUNT = 15;
    /** Lookups between two halvings, for each record the cache holds (TinyLFU's sample). */
    private static final int SAMPLE_PER_RECORD = 10;
    /** The fewest lookups between two halvings, for a cache of few records. */
    private static final int MIN_SAMPLE = 1_000;

    private final byte[] counts = new byte[COUNTERS];
    private int additions;

    /** Counts one lookup of {@code key}, made of a cache that holds {@code cached} records. */
    void record(long key, int cached) {
        long hash = mix(key);
        boolean added = false;
        for (int i = 0; i < 4; i++) {
            int index = index(hash, i);
            if (counts[index] < MAX_COUNT) {
                counts[index]++;
                added = true;
            }
        }
        if (added && ++additions >= Math.max(MIN_SAMPLE, SAMPLE_PER_RECORD * cached)) {
            age();
        }
    }

    /**
     * About how many lookups of {@code key} were counted lately, the halvings applied. Below the cap
     * it is never too few, since other records that share a counter can only add to it.
     */
    int estimate(long key) {
        long hash = mix(key);
        int least = MAX_COUNT;
        for (int i = 0; i < 4; i++) {
            least = Math.min(least, counts[index(hash, i)]);
        }
        return least;
    }

    private void age() {
        for (int i = 0; i < COUNTERS; i++) {
            counts[i] >>= 1;
        }
        additions /= 2;
    }

    /** Counter {@code i} of a key: 16 bits of its hash each. */
    private static int index(long hash, int i) {
        return (int) (hash >>> (16 * i)) & (COUNTERS - 1);
    }

    /** MurmurHash3's 64-bit finalizer: record ids are dense, their counters must not be. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
