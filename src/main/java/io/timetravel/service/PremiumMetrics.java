package io.timetravel.service;

/**
 * What the premium services report to the metrics: quotes, and the progress of recalculations.
 * Each report does nothing unless implemented, so a listener overrides only what it follows.
 */
public interface PremiumMetrics {

    /** A quote was decided by {@code engine} at {@code version}, taking {@code nanos} end to end. */
    default void quoted(String engine, int version, long nanos) {
    }

    /** A running recalculation has gone through {@code processed} of {@code total} records. */
    default void recalculationProgress(long id, long processed, long total) {
    }

    /** A recalculation stopped (completed, cancelled or failed); it no longer counts as running. */
    default void recalculationEnded(long id, String status) {
    }

    /** Reports to nobody. */
    static PremiumMetrics none() {
        return new PremiumMetrics() {
        };
    }
}
