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
import java.util.function.Supplier;

/**
 * Copies the in-memory metric counters to the database: every interval and once more when
 * closed, each copy one transaction whose rows share one capture instant. Copies only while
 * metrics recording is enabled (the {@code enable_metrics} flag); the counters themselves and
 * {@code /metrics} do not depend on it. After a copy, at most once an hour, the rows older than
 * the retention are deleted, a batch per transaction so that the writer is never held long.
 */
public final class MetricsRecorder extends Periodic {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** How long copies are kept by default ({@code --metrics-retention-days}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** The least time between two deletions of old rows. */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** Rows deleted per transaction. */
    static final int PRUNE_BATCH = 1_000;
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
    private final Duration retention;
    /** When old rows were last deleted; {@code null} before the first time. Only the schedule's thread uses it. */
    private Instant lastPrune;

    /** A recorder that keeps copies for {@link #DEFAULT_RETENTION}. */
    public MetricsRecorder(MetricsSource source, ObservabilityStore store, BooleanSupplier enabled, Clock clock,
                           Duration interval) {
        this(source, store, enabled, clock, interval, DEFAULT_RETENTION);
    }

    /**
     * @param enabled   asked before each copy: whether copies are written at all
     * @param interval  time between periodic copies
     * @param retention how long rows are kept: older ones are deleted after a copy
     */
    public MetricsRecorder(MetricsSource source, ObservabilityStore store, BooleanSupplier enabled, Clock clock,
                           Duration interval, Duration retention) {
        super("metrics-copy", "metrics", interval);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the metrics retention must be positive, not " + retention);
        }
        this.retention = retention;
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /**
     * A copy, then the deletion of old rows when due; failures are logged, not thrown: the next
     * turn may well succeed. The last turn, when closed, waits for its copy to be durable.
     */
    @Override
    protected void runOnce() {
        if (waitFor(this::copy, "metrics not copied to the database") != null && !Thread.currentThread().isInterrupted()) {
            pruneIfDue();
        }
    }

    /**
     * Deletes the rows captured more than the retention ago, batch by batch, unless that was done
     * less than {@link #PRUNE_EVERY} ago.
     */
    private void pruneIfDue() {
        Instant now = clock.instant();
        if (lastPrune != null && now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            return;
        }
        lastPrune = now;
        Instant cutoff = now.minus(retention);
        long deleted = 0;
        while (true) {
            Integer rows = waitFor(() -> store.deleteCapturedBefore(cutoff, PRUNE_BATCH), "old metrics not deleted");
            if (rows == null) {
                return;
            }
            deleted += rows;
            if (rows < PRUNE_BATCH || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "deleted " + deleted + " rows of observability_metrics captured before " + cutoff);
        }
    }

    /** The work's result once done within {@link #WAIT}, or {@code null} when it failed, logged as {@code what}. */
    private static <T> T waitFor(Supplier<CompletableFuture<T>> work, String what) {
        try {
            return work.get().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.log(System.Logger.Level.WARNING, what + ": " + cause);
        }
        return null;
    }
}
