package io.timetravel.app.bench;

import java.time.Duration;

/**
 * How long and how big a benchmark run is.
 *
 * @param name          {@code full}, {@code quick} or {@code smoke}
 * @param warmUp        load sent before each measured window, not counted
 * @param freshWarmUp   the same before the durable writes, the one window measured on a server just
 *                      started: long enough for the JIT to compile the write path, which on two cores
 *                      otherwise takes the measured window's CPU (a 1 s warm-up measured half the
 *                      throughput of a warm server)
 * @param measured      each load run's measured window
 * @param connections   concurrent keep-alive connections of every load run
 * @param longHistory   versions of the long record (the short one has 10)
 * @param largeWrites   small patches written to the 10 KB records for their bytes per version
 * @param timelineSteps steps timed on the timeline of the long record
 */
public record Scale(String name, Duration warmUp, Duration freshWarmUp, Duration measured, int connections, int longHistory,
                    int largeWrites, int timelineSteps) {

    /** About five to eight minutes on two cores. */
    public static final Scale FULL = new Scale("full", Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), 50,
            10_000, 10_000, 2_000);
    /** Under two minutes on two cores. */
    public static final Scale QUICK = new Scale("quick", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(3), 50,
            10_000, 2_000, 500);
    /** Seconds: every figure measured on tiny loads, for the benchmark's own test. Its speeds mean nothing. */
    public static final Scale SMOKE = new Scale("smoke", Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(300), 4,
            200, 100, 20);
}
