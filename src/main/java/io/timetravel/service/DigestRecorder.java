package io.timetravel.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Appends a signed digest of each lane of the ledger to the digest log every interval and once more when
 * closed (docs/decisions/0021), so that a rewrite of the ledger before any of them shows even to
 * an auditor who kept none. A failed digest is logged, not thrown: the next one may succeed.
 */
public final class DigestRecorder implements AutoCloseable {

    /** The default of {@code --digest-interval}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(DigestRecorder.class.getName());

    private final LedgerService ledger;
    private final Periodic schedule;

    public DigestRecorder(LedgerService ledger, Duration interval) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.schedule = new Periodic("ledger-digests", "digest", interval, this::recordQuietly);
    }

    public Duration interval() {
        return schedule.interval();
    }

    /** Starts the periodic digests; the first comes after one interval. */
    public void start() {
        schedule.start();
    }

    private void recordQuietly() {
        try {
            ledger.recordDigests();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "no ledger digest logged this time: " + e.getMessage(), e);
        }
    }

    /** Stops the periodic digests and logs one last digest of the ledger as it is left. */
    @Override
    public void close() {
        schedule.close();
    }
}
