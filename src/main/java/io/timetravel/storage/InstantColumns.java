package io.timetravel.storage;

import io.timetravel.domain.Instants;
import java.time.Instant;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Conditions on a column of stored instants. Stored instants are fixed-width UTC text
 * ({@link Instants#format}), so text order is time order and a text comparison is a time one.
 */
final class InstantColumns {

    private InstantColumns() {
    }

    /**
     * {@code condition}, and {@code column} from {@code from} to {@code to}, both included; a
     * {@code null} bound is left open.
     */
    static Condition within(Condition condition, Field<String> column, Instant from, Instant to) {
        Condition within = condition;
        if (from != null) {
            within = within.and(column.ge(Instants.format(from)));
        }
        if (to != null) {
            within = within.and(column.le(Instants.format(to)));
        }
        return within;
    }
}
