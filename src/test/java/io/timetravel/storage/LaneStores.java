package io.timetravel.storage;

import io.timetravel.service.AuditPolicy;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Databases whose hash chains have several lanes (docs/decisions/0030), built on SQLite the way
 * several servers would on PostgreSQL: the file is opened with a writer in one lane, written to,
 * closed, and opened again with a writer in another lane (one store on a SQLite file at a time).
 */
public final class LaneStores {

    private static final AtomicLong WRITTEN = new AtomicLong();

    private LaneStores() {
    }

    /** A store whose writer extends the chains in lane {@code lane}. */
    public static SqlRecordStore open(Database database, Clock clock, long lane) {
        return new SqlRecordStore(database, clock, 2, lane);
    }

    /**
     * Writes to the database file, in lane {@code lane}, one change to each record named (the
     * patch {@code {"lane":L,"n":N}}, N counting every change written here, so that each is a
     * change), audit logging on; returns the outcomes in order.
     */
    public static List<WriteOutcome> write(Path file, long lane, long... recordIds) {
        try (Database database = Database.open(file); SqlRecordStore store = open(database, Clock.systemUTC(), lane)) {
            RecordService records = new RecordService(store, AuditPolicy.always(), Clock.systemUTC());
            List<WriteOutcome> outcomes = new ArrayList<>();
            for (long recordId : recordIds) {
                outcomes.add(records.write(new WriteCommand(recordId, StoreFixture.json("{\"lane\":" + lane + ",\"n\":" + WRITTEN.incrementAndGet() + "}"),
                        null, 7, null, "test", null)).join());
            }
            return outcomes;
        }
    }
}
