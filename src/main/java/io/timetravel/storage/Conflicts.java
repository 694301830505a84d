package io.timetravel.storage;

import java.sql.SQLException;
import java.util.Set;

/**
 * Failures that mean another server's writer got there first on a shared PostgreSQL database,
 * so that the same work succeeds when it runs again (docs/decisions/0029).
 */
final class Conflicts {

    /** serialization_failure: also what the writer raises itself when another server's commit changed what a unit decided on. */
    static final String SERIALIZATION_FAILURE = "40001";

    /**
     * deadlock_detected, serialization_failure, lock_not_available, and unique_violation: two
     * servers created the same record at the same moment, or appended the same version; the work
     * run again sees the other's row.
     */
    private static final Set<String> TRANSIENT = Set.of("40P01", SERIALIZATION_FAILURE, "55P03", "23505");

    private Conflicts() {
    }

    /** Whether {@code failure}, or what caused it, is such a conflict. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && TRANSIENT.contains(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
