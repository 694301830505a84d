package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Instants;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of the audit trail by time on SQLite find the entries kept in version rows through their
 * ids, which rise with their times (db/migration/V16, docs/decisions/0048): every entry of a period
 * is found, and no other, whichever table holds it.
 */
class AuditTimeRangeTest {

    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyPeriodFindsTheEntriesAScanOfTheWholeTrailFinds() {
        MutableClock clock = MutableClock.at(START.toString());
        Path folder = dir.resolve("periods");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            for (int i = 1; i <= 40; i++) {
                app.records().write(new WriteCommand(1 + i % 3, json("{\"premium\":" + i + "}"), null, null, 7, null, "test", null,
                        false)).join();
                if (i % 10 == 0) {
                    // Entries that are not record writes' have rows of their own, with their own index by time.
                    app.flags().update(FlagService.AUDIT_LOGGING, new FlagChange(true, null, null, "kept on " + i, "why"), 3).join();
                }
                clock.advance(Duration.ofMinutes(1));
            }
            Path db = app.database().file();
            // An entry whose time was changed by hand moves to a row of its own, and is found at its new time.
            Sql.update(db, "UPDATE audit_history SET changed_at = '2026-05-01T10:35:30.000000Z' WHERE record_id = 2 AND version = 1");
            assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_rows WHERE record_id = 2"));
            // Nothing is written after it, so the writer's clock is past it.

            List<Instant> bounds = new ArrayList<>();
            bounds.add(null);
            for (int minute = -1; minute <= 41; minute += 3) {
                bounds.add(START.plus(Duration.ofMinutes(minute)));
                bounds.add(START.plus(Duration.ofMinutes(minute)).plusSeconds(30));
            }
            int periods = 0;
            for (Instant from : bounds) {
                for (Instant to : bounds) {
                    if (from != null && to != null && from.isAfter(to)) {
                        continue;
                    }
                    assertEquals(scanned(db, from, to), found(app, from, to), "from " + from + " to " + to);
                    periods++;
                }
            }
            assertTrue(periods > 400, "periods checked: " + periods);
        }
    }

    @Test
    void aPeriodIsNarrowedToTheIdsOfItsEntries() {
        MutableClock clock = MutableClock.at(START.toString());
        Path folder = dir.resolve("narrow");
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(folder.resolve("t.db")), folder, clock)) {
            for (int i = 1; i <= 20; i++) {
                app.records().write(new WriteCommand(1, json("{\"premium\":" + i + "}"), null, null, 7, null, "test", null, false))
                        .join();
                clock.advance(Duration.ofMinutes(1));
            }
            Path db = app.database().file();
            String ids = app.store().readers().read(s -> AuditTimeRange.ids(s.dsl(), START.plus(Duration.ofMinutes(5)),
                    START.plus(Duration.ofMinutes(7))).toString());
            List<List<String>> expected = Sql.query(db, "SELECT min(id), max(id) FROM audit_history WHERE changed_at BETWEEN '"
                    + Instants.format(START.plus(Duration.ofMinutes(5))) + "' AND '" + Instants.format(START.plus(Duration.ofMinutes(7)))
                    + "'");
            assertTrue(ids.contains(">= " + expected.get(0).get(0)) && ids.contains("<= " + expected.get(0).get(1)),
                    ids + " for " + expected);
            String none = app.store().readers().read(s -> AuditTimeRange.ids(s.dsl(), START.plus(Duration.ofDays(1)), null).toString());
            assertTrue(none.contains("false"), none);
            assertFalse(Sql.query(db, "SELECT name FROM sqlite_master WHERE type = 'index'").toString()
                    .contains("policyholder_records_audit_time"), "no index by time on the version rows");
        }
    }

    private static List<Long> found(ServicesFixture app, Instant from, Instant to) {
        return app.audit().entries(new AuditQuery(null, null, null, from, to, 1000, 0)).stream().map(AuditEntry::id).toList();
    }

    private static List<Long> scanned(Path db, Instant from, Instant to) {
        String sql = "SELECT id FROM audit_history WHERE 1 = 1"
                + (from == null ? "" : " AND changed_at >= '" + Instants.format(from) + "'")
                + (to == null ? "" : " AND changed_at <= '" + Instants.format(to) + "'")
                + " ORDER BY id DESC";
        return Sql.query(db, sql).stream().map(row -> Long.parseLong(row.get(0))).toList();
    }
}
