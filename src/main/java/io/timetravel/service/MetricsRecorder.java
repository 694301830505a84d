package io.timetravel.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Copies the in-memory metric counters to the database: every interval and once more when
 * closed, each copy one transaction whose rows share one capture instant. Copies only while
 * metrics recording is enabled (the {@code enable_metrics} flag); the counters themselves and
 * {@code /metrics} do not depend on it.
 */
public final class MetricsRecorder implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** How long a copy may wait for the writer before the recorder gives up on it. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(MetricsRecorder.class.getName());

    /** One copy: the instant its values were read, and the samples written with it. */
    public record Copy(Instant capturedAt, List<MetricSample> samples) {
    }

    private final MetricsSource source;
    private final ObservabilityStore store;
    private final BooleanSupplier enabled;
    private final Clock clock;
    private final Periodic schedule;

    /**
     * @param enabled  asked before each copy: whether copies are written at all
     * @param interval time between periodic copies
     */
    public MetricsRecorder(MetricsSource source, ObservabilityStore store, BooleanSupplier enabled, Clock clock,
                           Duration interval) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = new Periodic("metrics-copy", "metrics", interval, this::copyAndWait);
    }

    public Duration interval() {
        return schedule.interval();
    }

    /** Starts the periodic copies; the first one comes after one interval. */
    public void start() {
        schedule.start();
    }

    /**
     * Reads every counter now and writes the values, unless recording is disabled. The future
     * completes with the copy once it is durable, or with nothing when disabled.
     */
    public CompletableFuture<Optional<Copy>> copy() {
        if (!isEnabled()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Instant capturedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<MetricSample> samples = List.copyOf(source.counters());
        Copy copy = new Copy(capturedAt, samples);
        if (samples.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(copy));
        }
        return store.append(capturedAt, samples).thenApply(rows -> Optional.of(copy));
    }

    private boolean isEnabled() {
        try {
            return enabled.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot tell whether metrics are enabled; no copy this time: " + e);
            return false;
        }
    }

    /** A copy whose failure is logged, not thrown: the next one may well succeed. */
    private void copyAndWait() {
        try {
            copy().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.log(System.Logger.Level.WARNING, "metrics not copied to the database: " + cause);
        }
    }

    /** Stops the periodic copies and makes one last copy, waiting for it to be durable. */
    @Override
    public void close() {
        schedule.close();
    }
}
