package io.timetravel.service;

/**
 * Told what each commit of the single writer made durable, and about failed commits. Called on
 * the writer's thread: must be cheap and never block.
 */
public interface WriteMetrics {

    /** A batch committed with this many new record versions and audit entries. */
    void committed(int versions, int auditEntries);

    /** A batch could not be written (the database refused the transaction or the commit). */
    void writeFailed();

    static WriteMetrics none() {
        return new WriteMetrics() {
            @Override
            public void committed(int versions, int auditEntries) {
            }

            @Override
            public void writeFailed() {
            }
        };
    }
}
