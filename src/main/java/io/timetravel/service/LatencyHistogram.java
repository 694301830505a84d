package io.timetravel.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Request durations as a cumulative histogram summed over every route: the upper bound of each
 * bucket in seconds (the last one infinite) and how many requests took at most that long. Read
 * twice, the difference ({@link #minus}) holds the requests of the interval between the reads,
 * from which {@link #quantile} estimates p50 or p95 as Prometheus's {@code histogram_quantile} does.
 *
 * @param upperBounds      bucket bounds in seconds, ascending, the last {@link Double#POSITIVE_INFINITY}
 * @param cumulativeCounts for each bound, the requests that took at most that long
 * @param sumSeconds       the time all those requests took together
 */
public record LatencyHistogram(List<Double> upperBounds, List<Double> cumulativeCounts, double sumSeconds) {

    public LatencyHistogram {
        upperBounds = List.copyOf(upperBounds);
        cumulativeCounts = List.copyOf(cumulativeCounts);
        if (upperBounds.size() != cumulativeCounts.size()) {
            throw new IllegalArgumentException("one count per bucket bound");
        }
    }

    /** No requests, over these bounds. */
    public static LatencyHistogram empty(List<Double> upperBounds) {
        return new LatencyHistogram(upperBounds, upperBounds.stream().map(bound -> 0.0).toList(), 0);
    }

    /** How many requests it counts. */
    public double count() {
        return cumulativeCounts.isEmpty() ? 0 : cumulativeCounts.get(cumulativeCounts.size() - 1);
    }

    /**
     * The requests counted here but not in {@code earlier} (a read of the same counters before
     * this one). Counts never go down in one process; a negative difference is taken as none.
     */
    public LatencyHistogram minus(LatencyHistogram earlier) {
        if (!earlier.upperBounds.equals(upperBounds)) {
            throw new IllegalArgumentException("histograms over different buckets");
        }
        List<Double> counts = new ArrayList<>(cumulativeCounts.size());
        for (int i = 0; i < cumulativeCounts.size(); i++) {
            counts.add(Math.max(0, cumulativeCounts.get(i) - earlier.cumulativeCounts.get(i)));
        }
        return new LatencyHistogram(upperBounds, counts, Math.max(0, sumSeconds - earlier.sumSeconds));
    }

    /**
     * The duration in seconds below which a share {@code q} (0 to 1) of the requests fall,
     * interpolated linearly inside the bucket that holds it (the first bucket from zero); when it
     * falls in the infinite bucket, the largest finite bound. {@code NaN} when no request is counted.
     */
    public double quantile(double q) {
        double total = count();
        if (total <= 0 || q < 0 || q > 1) {
            return Double.NaN;
        }
        double rank = q * total;
        double below = 0;
        double lower = 0;
        for (int i = 0; i < upperBounds.size(); i++) {
            double upper = upperBounds.get(i);
            double cumulative = cumulativeCounts.get(i);
            if (cumulative >= rank && cumulative > below) {
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                return lower + (upper - lower) * (rank - below) / (cumulative - below);
            }
            below = cumulative;
            lower = Double.isInfinite(upper) ? lower : upper;
        }
        return lower;
    }
}
