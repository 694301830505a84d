package io.timetravel.app.bench;

import java.util.Locale;

/**
 * A latency histogram in nanoseconds with a relative error under 1.6% (64 buckets per power of
 * two above 128 ns), cheap enough to record every request of a load run: one array increment.
 * Not thread-safe: each load thread keeps its own and they are {@linkplain #add merged} at the end.
 */
public final class Latencies {

    /** Exact below this; above it 64 buckets per power of two. */
    private static final int EXACT = 128;
    private static final int PER_OCTAVE = 64;
    /** Up to 2^42 ns (over an hour): more is counted there. */
    private static final int TOP_BIT = 42;
    private static final int BUCKETS = EXACT + (TOP_BIT - 6) * PER_OCTAVE;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /** Counts one latency of {@code nanos} (negative counts as 0). */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        total++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds every latency counted by {@code other} to this one. */
    public void add(Latencies other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return total;
    }

    /** The smallest latency counted, in nanoseconds (0 when none). */
    public long min() {
        return total == 0 ? 0 : min;
    }

    /** The largest latency counted, exactly, in nanoseconds (0 when none). */
    public long max() {
        return max;
    }

    public double meanNanos() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /**
     * The latency at or under which {@code percent}% of those counted fall, in nanoseconds: the
     * top of the bucket holding that rank, never above {@link #max()}; the 0th is {@link #min()}; 0 when
     * nothing was counted.
     */
    public long percentile(double percent) {
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
            throw new IllegalArgumentException("a percentile is from 0 to 100: " + percent);
        }
        if (total == 0) {
            return 0;
        }
        if (percent == 0) {
            return min();
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min(), Math.min(max, highestIn(i)));
            }
        }
        return max;
    }

    /** {@link #percentile(double)} in milliseconds. */
    public double percentileMillis(double percent) {
        return percentile(percent) / 1e6;
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int bit = 63 - Long.numberOfLeadingZeros(value);
        if (bit >= TOP_BIT) {
            return BUCKETS - 1;
        }
        int shift = bit - 6;
        return EXACT + (bit - 7) * PER_OCTAVE + (int) ((value >> shift) - PER_OCTAVE);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long highestIn(int index) {
        if (index < EXACT) {
            return index;
        }
        int octave = (index - EXACT) / PER_OCTAVE;
        int step = (index - EXACT) % PER_OCTAVE;
        int shift = octave + 1;
        long lowest = (long) (PER_OCTAVE + step) << shift;
        return lowest + (1L << shift) - 1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d latencies, p50 %.3f ms, p99 %.3f ms, max %.3f ms", total,
                percentileMillis(50), percentileMillis(99), max / 1e6);
    }
}
