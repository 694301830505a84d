package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.Instants;
import io.timetravel.service.AccessService;
import io.timetravel.service.LedgerService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The writer's transaction times: each one it hands out is strictly after the last, starting
 * after the newest one stored, so {@code recorded_at} strictly increases. Used on the writer
 * thread only.
 */
final class TransactionClock {

    private final Clock clock;
    private Instant lastInstant;

    /** A clock that continues after the transaction times {@code dsl}'s database holds. */
    TransactionClock(Clock clock, DSLContext dsl) {
        this.clock = clock;
        this.lastInstant = loadLastInstant(dsl);
    }

    private static Instant loadLastInstant(DSLContext dsl) {
        String records = dsl.select(DSL.max(POLICYHOLDER_RECORDS.RECORDED_AT)).from(POLICYHOLDER_RECORDS).fetchOne(0, String.class);
        // Access administration (AccessService.EVENT_TYPES) and the migration that started the
        // ledger do not take transaction times.
        String events = dsl.select(DSL.max(EVENT_LOGS.OCCURRED_AT)).from(EVENT_LOGS)
                .where(EVENT_LOGS.EVENT_TYPE.notIn(AccessService.EVENT_TYPES))
                .and(EVENT_LOGS.EVENT_TYPE.ne(LedgerService.EVENT_STARTED))
                .fetchOne(0, String.class);
        Instant last = Instants.MIN;
        for (String text : new String[] {records, events}) {
            if (text != null) {
                Instant instant = Instants.parseStored(text);
                if (instant.isAfter(last)) {
                    last = instant;
                }
            }
        }
        return last;
    }

    /** The clock's instant (microseconds), without taking a transaction time. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The next transaction time: {@code requested} (default: the clock), moved after the last
     * one handed out and, for the clock's time, not before {@code floor} (the instant after a
     * record's newest version, which another server with a clock ahead of ours may have written).
     */
    Instant next(Instant requested, Instant floor) {
        Instant now = (requested != null ? requested : clock.instant()).truncatedTo(ChronoUnit.MICROS);
        if (requested == null && floor != null && floor.isAfter(now)) {
            now = floor;
        }
        Instant next = now.isAfter(lastInstant) ? now : lastInstant.plus(1, ChronoUnit.MICROS);
        lastInstant = next;
        return next;
    }
}
