package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import org.jooq.DSLContext;

/**
 * The lanes of the hash chains on a shared PostgreSQL database (docs/decisions/0029). A writer
 * holds its lane with a session advisory lock for as long as its connection lives: no other
 * writer can extend that lane meanwhile, and a server that dies (even by {@code kill -9}) frees it
 * with its connection, for the next writer to continue from the lane's last entry.
 */
final class Lanes {

    /** The first key of the advisory locks that hold lanes ("tt"). */
    static final int LOCK_CLASS = 0x7474;
    /** More lanes than servers and command-line tools will ever run at once. */
    static final int MAX_LANES = 1024;

    private Lanes() {
    }

    /** Claims the first free lane from {@code preferred} on, on the writer's connection. */
    static long claim(DSLContext dsl, long preferred) {
        for (int i = 0; i < MAX_LANES; i++) {
            long lane = (preferred + i) % MAX_LANES;
            Boolean held = dsl.resultQuery("SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", " + lane + ")").fetchOne(0, Boolean.class);
            if (Boolean.TRUE.equals(held)) {
                return lane;
            }
        }
        throw new StoreUnavailableException("all " + MAX_LANES + " chain lanes are held by other writers");
    }
}
