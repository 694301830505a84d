package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Since V16 a record event kept in its version row stores neither the row's digest nor the state's
 * hash (docs/decisions/0048): the ledger computes the one from the row as written, the events API
 * the other from the state, and a change by hand is named as before.
 */
class VersionDigestsComputedTest {

    @TempDir
    Path dir;

    private ServicesFixture threeVersions(String name) {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        Path folder = dir.resolve(name);
        ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock);
        for (int i = 1; i <= 3; i++) {
            app.records().write(new WriteCommand(1, json("{\"premium\":" + i + ",\"name\":\"Ada\"}"), null, null, 7, null, "test",
                    null, false)).join();
            clock.advance(Duration.ofMinutes(1));
        }
        return app;
    }

    @Test
    void aRecordEventStoresNeitherItsRowsDigestNorItsStatesHashAndTheyAreComputed() {
        try (ServicesFixture app = threeVersions("stored")) {
            Path db = app.database().file();

            assertEquals(List.of(List.of("0", "0", "0", "3")),
                    Sql.query(db, "SELECT count(event_version_sha256), count(event_state_sha256), count(event_payload), count(*)"
                            + " FROM version_rows"));
            assertEquals(List.of(List.of("", "{\"state_rule\":\"field-fold\",\"version_row\":true}")),
                    Sql.query(db, "SELECT DISTINCT coalesce(version_sha256, ''), payload FROM event_logs"));
            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());
            assertEquals(3, verified.versions());

            // The events API shows the state's hash, computed from the state as recorded.
            List<EventLogEntry> events = app.events().after(0, 10);
            assertEquals(3, events.size());
            String state = app.store().findVersion(1, 2).orElseThrow().data().toJson();
            assertEquals(HashChain.sha256Hex(state), events.get(1).payload().getString("state_sha256").orElseThrow());
            assertEquals("field-fold", events.get(1).payload().getString("state_rule").orElseThrow());
        }
    }

    @Test
    void aVersionRowChangedByHandInAColumnTheEntriesStayWithIsNamedAsBefore() {
        try (ServicesFixture app = threeVersions("changed")) {
            Path db = app.database().file();
            long eventId = Long.parseLong(Sql.scalar(db, "SELECT id FROM event_logs WHERE version = 2"));

            // valid_to: the entries stay in the row; the row as written is kept first.
            Sql.update(db, "UPDATE policyholder_records SET valid_to = '2027-01-01T00:00:00.000000Z' WHERE version = 2");

            assertEquals(List.of(List.of(Long.toString(eventId), "")),
                    Sql.query(db, "SELECT event_id, coalesce(valid_to, '') FROM version_rows_as_written"));
            LedgerVerification verified = app.ledger().verify();
            assertFalse(verified.ok());
            assertEquals("version row does not match what event " + eventId + " recorded", verified.broken().reason());
            assertEquals(2L, verified.broken().version());

            Sql.update(db, "UPDATE policyholder_records SET valid_to = NULL WHERE version = 2");
            assertTrue(app.ledger().verify().ok(), "the row as it was matches again");
        }
    }

    @Test
    void aVersionRowDeletedByHandIsNamedAsMissing() {
        try (ServicesFixture app = threeVersions("deleted")) {
            Path db = app.database().file();
            long eventId = Long.parseLong(Sql.scalar(db, "SELECT id FROM event_logs WHERE version = 3"));

            Sql.update(db, "DELETE FROM policyholder_records WHERE version = 3");

            assertEquals(List.of(List.of(Long.toString(eventId), "")),
                    Sql.query(db, "SELECT id, coalesce(version_sha256, '') FROM event_rows"), "the event moved out, its digest computed");
            LedgerVerification verified = app.ledger().verify();
            assertFalse(verified.ok());
            assertEquals("version row is missing (event " + eventId + " recorded it)", verified.broken().reason());
        }
    }

    @Test
    void anEventMovedOutByAnUpdateThatChangesNothingStillVerifies() {
        try (ServicesFixture app = threeVersions("moved")) {
            Path db = app.database().file();

            Sql.update(db, "UPDATE event_logs SET lane = lane WHERE version = 2");

            assertEquals(1, Sql.count(db, "SELECT count(*) FROM event_rows"));
            assertEquals(1, Sql.count(db, "SELECT count(*) FROM version_rows_as_written"));
            LedgerVerification verified = app.ledger().verify();
            assertTrue(verified.ok(), () -> "does not verify: " + verified.broken());

            Sql.update(db, "UPDATE event_logs SET payload = '{}' WHERE version = 2");
            assertFalse(app.ledger().verify().ok(), "a payload changed by hand breaks the event's hash");
        }
    }
}
