package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.AUDIT_HISTORY;
import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.POLICYHOLDER_RECORDS;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.StoredEvent;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.LedgerService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * Migration 7: chains the events written before the ledger existed (docs/decisions/0021), in the
 * same transaction as Flyway's bookkeeping. Each event gets its {@code prev_hash} and {@code hash},
 * and a record event the SHA-256 of its version row as the row is now. Then, if the database held
 * anything, one {@code ledger.started} event seals the audit chain as it is now and says how much
 * was chained.
 *
 * <p>This is evidence from the migration on, not before: what was changed before it is chained as
 * found. The audit chain's own links still show edits made to it before.
 */
final class LedgerBackfill extends JavaMigrationStep {

    private static final int PAGE = 1_000;

    LedgerBackfill() {
        super("7", "chain the event log", 21);
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DSLContext dsl = Database.dsl(connection);
        String head = HashChain.GENESIS;
        long events = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE event_logs SET prev_hash = ?, hash = ?, version_sha256 = ? WHERE id = ?")) {
            long after = 0;
            List<LedgerRows.Row> page;
            while (!(page = LedgerRows.eventsAfter(dsl, after, PAGE)).isEmpty()) {
                for (LedgerRows.Row row : page) {
                    StoredEvent event = row.event();
                    String versionSha256 = row.version() == null ? null : row.version().sha256();
                    String hash = HashChain.link(head, StoredEvent.canonicalContent(event.eventType(), event.recordId(), event.version(),
                            event.occurredAt(), event.actor(), event.payload(), versionSha256, null, null));
                    update.setString(1, head);
                    update.setString(2, hash);
                    update.setString(3, versionSha256);
                    update.setLong(4, event.id());
                    update.addBatch();
                    head = hash;
                    after = event.id();
                    events++;
                }
                update.executeBatch();
            }
        }
        Record2<Long, String> audit = dsl.select(AUDIT_HISTORY.ID, AUDIT_HISTORY.HASH).from(AUDIT_HISTORY)
                .orderBy(AUDIT_HISTORY.ID.desc()).limit(1).fetchOne();
        long auditEntries = dsl.fetchCount(AUDIT_HISTORY);
        long versions = dsl.fetchCount(POLICYHOLDER_RECORDS);
        if (events == 0 && auditEntries == 0 && versions == 0) {
            return; // a new database: the writer chains from the first event
        }
        String occurredAt = Instants.format(Instants.now());
        String payload = JsonObject.builder()
                .put("events_chained", events)
                .put("audit_entries_sealed", auditEntries)
                .put("versions", versions)
                .put("migration", "7")
                .build().toJson();
        String auditId = audit == null ? null : Long.toString(audit.value1());
        String auditHash = audit == null ? null : audit.value2();
        String hash = HashChain.link(head, StoredEvent.canonicalContent(LedgerService.EVENT_STARTED, null, null, occurredAt, null,
                payload, null, auditId, auditHash));
        dsl.insertInto(EVENT_LOGS)
                .set(EVENT_LOGS.EVENT_TYPE, LedgerService.EVENT_STARTED)
                .set(EVENT_LOGS.OCCURRED_AT, occurredAt)
                .set(EVENT_LOGS.PAYLOAD, payload)
                .set(EVENT_LOGS.PREV_HASH, head)
                .set(EVENT_LOGS.HASH, hash)
                .set(EVENT_LOGS.AUDIT_ID, audit == null ? null : audit.value1())
                .set(EVENT_LOGS.AUDIT_HASH, auditHash)
                .execute();
    }
}
