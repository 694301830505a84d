package io.timetravel.service;

/** What the premium services report to the metrics: quotes, and the progress of recalculations. */
public interface PremiumMetrics {

    /** A quote was decided by {@code engine} at {@code version}, taking {@code nanos} end to end. */
    void quoted(String engine, int version, long nanos);

    /** A running recalculation has gone through {@code processed} of {@code total} records. */
    void recalculationProgress(long id, long processed, long total);

    /** A recalculation stopped (completed, cancelled or failed); it no longer counts as running. */
    void recalculationEnded(long id, String status);

    static PremiumMetrics none() {
        return new PremiumMetrics() {
            @Override
            public void quoted(String engine, int version, long nanos) {
            }

            @Override
            public void recalculationProgress(long id, long processed, long total) {
            }

            @Override
            public void recalculationEnded(long id, String status) {
            }
        };
    }
}
