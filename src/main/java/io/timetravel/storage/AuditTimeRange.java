package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.AUDIT_ROWS;
import static io.timetravel.storage.jooq.Tables.VERSION_ROWS;

import io.timetravel.domain.Instants;
import java.time.Instant;
import java.util.function.Predicate;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The ids between which SQLite's audit entries of a period lie, so that a read by time need not
 * read them all (db/migration/V16, docs/decisions/0048).
 *
 * <p>The audit entries kept in version rows have no index by time: the writer hands out
 * transaction times that never go back as ids go up ({@link TransactionClock}), so the first
 * entry at or after an instant is found by a binary search over their ids, through the index on
 * {@code audit_id}. An entry whose time was changed by hand is moved out of its row by the
 * triggers, into {@code audit_rows}, whose index by time finds it as it finds every entry that is
 * not a record write's. The condition adds to the one on {@code changed_at}; it never replaces it.
 */
final class AuditTimeRange {

    private AuditTimeRange() {
    }

    /**
     * A condition on {@code audit_history.id} that every entry from {@code from} to {@code to}
     * (both included; {@code null}: open) meets; no condition on PostgreSQL, whose table has its
     * index by time.
     */
    static Condition ids(DSLContext dsl, Instant from, Instant to) {
        if (dsl.dialect().family() != SQLDialect.SQLITE || from == null && to == null) {
            return DSL.noCondition();
        }
        String after = from == null ? null : Instants.format(from);
        String until = to == null ? null : Instants.format(to);
        // Kept entries: [first at or after `from`, first after `to`), searched between the first and the last.
        Record2<Long, String> first = keptFrom(dsl, Long.MIN_VALUE);
        Record2<Long, String> last = first == null ? null : dsl.select(VERSION_ROWS.AUDIT_ID, VERSION_ROWS.RECORDED_AT)
                .from(VERSION_ROWS).where(VERSION_ROWS.AUDIT_ID.isNotNull()).and(kept())
                .orderBy(VERSION_ROWS.AUDIT_ID.desc()).limit(1).fetchOne();
        Long firstKept = after == null ? Long.valueOf(Long.MIN_VALUE)
                : firstKept(dsl, first, last, time -> time.compareTo(after) >= 0);
        Long pastKept = until == null ? null : firstKept(dsl, first, last, time -> time.compareTo(until) > 0);
        Record2<Long, Long> rows = dsl.select(DSL.min(AUDIT_ROWS.ID), DSL.max(AUDIT_ROWS.ID)).from(AUDIT_ROWS)
                .where(InstantColumns.within(DSL.noCondition(), AUDIT_ROWS.CHANGED_AT, from, to))
                .fetchOne();
        boolean keptAny = firstKept != null && (pastKept == null || firstKept < pastKept);
        boolean rowsAny = rows != null && rows.value1() != null;
        if (!keptAny && !rowsAny) {
            return DSL.falseCondition();
        }
        long low = Math.min(keptAny ? firstKept : Long.MAX_VALUE, rowsAny ? rows.value1() : Long.MAX_VALUE);
        long high = Math.max(keptAny ? (pastKept == null ? Long.MAX_VALUE : pastKept - 1) : Long.MIN_VALUE,
                rowsAny ? rows.value2() : Long.MIN_VALUE);
        Condition ids = DSL.noCondition();
        if (low != Long.MIN_VALUE) {
            ids = ids.and(AUDIT_HISTORY.ID.ge(low));
        }
        if (high != Long.MAX_VALUE) {
            ids = ids.and(AUDIT_HISTORY.ID.le(high));
        }
        return ids;
    }

    /**
     * The id of the first audit entry kept in a version row whose time meets {@code reached}, which
     * holds from some entry on; {@code null} when none does. {@code first} and {@code last} are the
     * first and last kept entries ({@code null}: none).
     */
    private static Long firstKept(DSLContext dsl, Record2<Long, String> first, Record2<Long, String> last,
                                  Predicate<String> reached) {
        if (first == null) {
            return null;
        }
        // The smallest id x in [first, last + 1] from which the first entry at or after x meets `reached`.
        long low = first.value1();
        long high = last.value1() + 1;
        while (low < high) {
            long middle = low + (high - low) / 2;
            Record2<Long, String> entry = keptFrom(dsl, middle);
            if (entry == null || reached.test(entry.value2())) {
                high = middle;
            } else {
                low = entry.value1() + 1;
            }
        }
        Record2<Long, String> found = keptFrom(dsl, low);
        return found == null ? null : found.value1();
    }

    /** The first audit entry kept in a version row with an id of {@code id} or more: its id and time. */
    private static Record2<Long, String> keptFrom(DSLContext dsl, long id) {
        return dsl.select(VERSION_ROWS.AUDIT_ID, VERSION_ROWS.RECORDED_AT).from(VERSION_ROWS)
                .where(VERSION_ROWS.AUDIT_ID.ge(id)).and(kept())
                .orderBy(VERSION_ROWS.AUDIT_ID).limit(1).fetchOne();
    }

    private static Condition kept() {
        return VERSION_ROWS.ENTRIES_SHOWN.bitAnd(VersionEntries.AUDIT_SHOWN).eq(VersionEntries.AUDIT_SHOWN);
    }
}
