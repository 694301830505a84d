package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Quantiles from bucket counts, as Prometheus's histogram_quantile estimates them. */
class LatencyHistogramTest {

    private static final List<Double> BOUNDS = List.of(0.001, 0.01, 0.1, Double.POSITIVE_INFINITY);

    @Test
    void quantilesInterpolateInsideTheBucketThatHoldsThem() {
        // 50 requests up to 1 ms, 50 between 10 and 100 ms.
        LatencyHistogram histogram = new LatencyHistogram(BOUNDS, List.of(50.0, 50.0, 100.0, 100.0), 3);

        assertEquals(0.001, histogram.quantile(0.5), 1e-12);
        assertEquals(0.0005, histogram.quantile(0.25), 1e-12);
        assertEquals(0.01 + 0.09 * 45 / 50, histogram.quantile(0.95), 1e-12);
    }

    @Test
    void theDifferenceOfTwoReadingsHoldsOnlyTheRequestsBetweenThem() {
        LatencyHistogram first = new LatencyHistogram(BOUNDS, List.of(50.0, 50.0, 50.0, 50.0), 0.02);
        LatencyHistogram second = new LatencyHistogram(BOUNDS, List.of(50.0, 50.0, 60.0, 60.0), 0.5);

        LatencyHistogram between = second.minus(first);

        assertEquals(10, between.count());
        assertEquals(0.48, between.sumSeconds(), 1e-12);
        assertTrue(between.quantile(0.5) > 0.01, "the slow requests of the interval, not the fast ones before it");
    }

    @Test
    void noRequestsHaveNoQuantileAndTheInfiniteBucketAnswersItsLowerBound() {
        assertTrue(Double.isNaN(LatencyHistogram.empty(BOUNDS).quantile(0.5)));
        LatencyHistogram slow = new LatencyHistogram(BOUNDS, List.of(0.0, 0.0, 0.0, 4.0), 40);
        assertEquals(0.1, slow.quantile(0.95), 1e-12);
    }
}
