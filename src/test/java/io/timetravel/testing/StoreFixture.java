package io.timetravel.testing;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.service.AuditPolicy;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import io.timetravel.storage.Database;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.SqlRecordStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The real store and record service on a database (a SQLite file or a PostgreSQL database),
 * without the HTTP listener.
 */
public final class StoreFixture implements AutoCloseable {

    private final Database database;
    private final SqlRecordStore store;
    private final RecordService records;

    private StoreFixture(DbTarget target, Clock clock) {
        database = Database.open(target);
        store = new SqlRecordStore(database, clock, 4);
        records = new RecordService(store, AuditPolicy.always(), clock);
    }

    public static StoreFixture open(Path file, Clock clock) {
        return open(DbTarget.sqlite(file), clock);
    }

    /** On either engine, e.g. {@code PostgresServer.freshDatabase()}. */
    public static StoreFixture open(DbTarget target, Clock clock) {
        return new StoreFixture(target, clock);
    }

    public static StoreFixture open(Path file) {
        return open(file, Clock.systemUTC());
    }

    public Database database() {
        return database;
    }

    public SqlRecordStore store() {
        return store;
    }

    public RecordService records() {
        return records;
    }

    /** Writes a patch given as JSON text and waits for the commit. */
    public WriteOutcome write(long id, String patchJson) {
        return write(id, patchJson, null, 7L, null);
    }

    public WriteOutcome write(long id, String patchJson, Instant effectiveAt, long actor, String reason) {
        return records.write(new WriteCommand(id, json(patchJson), effectiveAt, actor, reason, "test", null)).join();
    }

    public static JsonObject json(String text) {
        try {
            return JsonParser.parseObject(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }
}
