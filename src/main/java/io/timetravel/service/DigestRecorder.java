package io.timetravel.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Appends a signed digest of each lane of the ledger to the digest log every interval and once more when
 * closed (docs/decisions/0021), so that a rewrite of the ledger before any of them shows even to
 * an auditor who kept none. A failed digest is logged, not thrown: the next one may succeed.
 */
public final class DigestRecorder extends Periodic {

    /** The default of {@code --digest-interval}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(DigestRecorder.class.getName());

    private final LedgerService ledger;

    /** Digests every {@code interval} once {@link #start started}, and one last digest of the ledger as it is left when closed. */
    public DigestRecorder(LedgerService ledger, Duration interval) {
        super("ledger-digests", "digest", interval);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    protected void runOnce() {
        try {
            ledger.recordDigests();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "no ledger digest logged this time: " + e.getMessage(), e);
        }
    }
}
