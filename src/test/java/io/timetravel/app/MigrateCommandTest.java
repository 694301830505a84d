package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.access.Role;
import io.timetravel.service.AuditPolicy;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteOutcome;
import io.timetravel.storage.Database;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.SqlRecordStore;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.Forger;
import io.timetravel.testing.PostgresServer;
import io.timetravel.testing.PricedRecords;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate}: a SQLite database with real history, written through a running server, copied
 * into a real PostgreSQL database, compared there row by row, verified with the same heads, and
 * written to; and what it refuses.
 */
class MigrateCommandTest {

    @TempDir
    static Path home;

    private static Path db() {
        return home.resolve("db").resolve("timetravel.db");
    }

    private static CommandRun run(String... args) {
        return CommandRun.in(home, args);
    }

    /**
     * Records with several versions, a back-dated correction and a restore, a changed flag, a
     * snapshot, users with tokens, field policies, a pii holder's read in the access log, metrics,
     * a premium decision and a recalculation.
     */
    @BeforeAll
    static void history() {
        try (TestServer server = TestServer.start(db(), "--auth", "tokens", "--metrics-interval", "1")) {
            Bearer admin = Bearer.register(server, 1, true, Role.ADMIN);
            Bearer officer = Bearer.register(server, 11, true, Role.UNDERWRITER);
            Bearer.issue(server, 11);
            Bearer.register(server, 30, false, Role.AUDITOR);
            assertEquals(200, server.put("/api/v2/field-policies/email", "{\"masking\":\"partial\",\"visible_chars\":4}",
                    admin.headers()).status());
            assertEquals(200, server.put("/api/v2/field-policies/contact.phone", "{\"masking\":\"full\"}", admin.headers()).status());
            for (int id = 1; id <= 4; id++) {
                assertEquals(201, server.post("/api/v2/records/" + id, "{\"name\":\"P" + id + "\",\"premium\":" + (100 * id)
                        + ",\"email\":\"p" + id + "@example.com\",\"region\":\"EU\"}", officer.headers()).status());
            }
            for (int round = 0; round < 12; round++) {
                assertEquals(200, server.post("/api/v2/records/" + (1 + round % 4), "{\"premium\":" + (1000 + round) + ",\"note\":"
                        + (round % 3 == 0 ? "null" : "\"n\\u00e9 " + round + "\"") + "}", officer.headers()).status());
            }
            assertEquals(200, server.post("/api/v2/records/2?effective_at=2026-01-01T00:00:00Z", "{\"smoker\":true}",
                    officer.headers()).status());
            assertEquals(201, server.post("/api/v2/records/3/restore", "{\"version\":1,\"reason\":\"undo\"}", officer.headers()).status());
            assertEquals(200, server.put("/api/v2/flags/enable_metrics", "{\"enabled\":true,\"rollout_percentage\":50,"
                    + "\"regions\":[\"eu\"]}", admin.headers()).status());
            assertEquals(202, server.post("/api/v2/snapshots", "{\"at\":\"" + java.time.Instant.now() + "\",\"reason\":\"before the move\"}", officer.headers()).status());
            assertEquals(200, server.get("/api/v2/records/1", officer.headers()).status());
            assertEquals(201, server.post("/api/v2/records/5", PricedRecords.ADA, officer.headers()).status());
            assertEquals(201, server.post("/api/v2/records/5/premium", "{\"engine\":\"classic\"}", officer.headers()).status());
            assertEquals(202, server.post("/api/v2/recalculations", "{\"reason\":\"before the move\"}", officer.headers()).status());
            Wait.until(Duration.ofMinutes(5), () -> Sql.count(db(), "SELECT count(*) FROM snapshots WHERE status = 'completed'") == 1
                    && Sql.count(db(), "SELECT count(*) FROM recalculations WHERE status = 'completed'") == 1
                    && Sql.count(db(), "SELECT count(*) FROM observability_metrics") > 0, () -> "a snapshot, a recalculation and metrics");
        }
        assertTrue(Sql.count(db(), "SELECT count(*) FROM access_records") > 0, "an access record");
        assertTrue(Files.exists(home.resolve("db/digests.log")), "the server logged a digest when it stopped");
    }

    private static long maxId(Map<String, List<Map<String, String>>> tables, String table) {
        return tables.get(table).stream().mapToLong(row -> Long.parseLong(row.get("id").substring("n:".length()))).max().orElse(0);
    }

    private static String freshDatabase() {
        return PostgresServer.get().createDatabase();
    }

    @Test
    void everyTableIsCopiedRowForRowAndVerifiesWithTheSameHeads() throws Exception {
        String url = freshDatabase();
        CommandRun verifySource = run("verify", "--db", db().toString());
        assertEquals(0, verifySource.status(), verifySource::toString);

        CommandRun migrated = run("migrate", "--from", db().toString(), "--to", url, "--data", home.resolve("pgdata").toString());

        assertEquals(0, migrated.status(), migrated::toString);
        assertEquals("", migrated.err());
        Map<String, List<Map<String, String>>> source = sqliteTables();
        Map<String, List<Map<String, String>>> copy = postgresTables(url);
        // PostgreSQL's own table: the ids lane 0 committed, those SQLite's counters gave out.
        assertEquals(List.of(Map.of("lane", "n:0", "last_audit_id", "n:" + maxId(source, "audit_history"),
                "last_event_id", "n:" + maxId(source, "event_logs"))), copy.remove("chain_lanes"));
        assertEquals(source.keySet(), copy.keySet(), "the same tables");
        for (String table : source.keySet()) {
            assertFalse(source.get(table).isEmpty(), table + " has rows to copy");
            assertEquals(source.get(table), copy.get(table), table);
            assertTrue(migrated.out().contains(String.format(java.util.Locale.ROOT, "  %-22s %,12d rows%n", table, source.get(table).size())),
                    migrated.out());
        }
        // The heads verify printed on SQLite, and those of the copy, read back after the commit.
        String auditHead = group(verifySource.out(), "audit trail: (\\d+ entries, head \\p{XDigit}{64})");
        String ledgerHead = group(verifySource.out(), "ledger: +(\\d+ entries, head \\p{XDigit}{64})");
        String afterCommit = migrated.out().substring(migrated.out().indexOf("verify on "));
        assertEquals(auditHead, group(afterCommit, "audit trail: (\\d+ entries, head \\p{XDigit}{64})"), migrated.out());
        assertEquals(ledgerHead, group(afterCommit, "ledger: +(\\d+ entries, head \\p{XDigit}{64})"), migrated.out());
        assertTrue(Integer.parseInt(group(afterCommit, "digests checked: (\\d+)")) >= 1, migrated.out());
        Path pgdata = home.resolve("pgdata");
        assertTrue(migrated.out().contains("into its data folder (--data " + pgdata + "):\n"
                + "  " + home.resolve("db/keys/signing-key.pem") + "  ->  " + pgdata.resolve("keys/signing-key.pem") + "\n"
                + "  " + home.resolve("db/digests.log") + "  ->  " + pgdata.resolve("digests.log") + "\n"
                + "  " + home.resolve("db/timetravel.db.masking-key") + "  ->  " + pgdata.resolve("postgresql.masking-key") + "\n"
                + "  " + home.resolve("db/snapshots") + "/  ->  " + pgdata.resolve("snapshots") + "/\n"), migrated.out());
        assertTrue(migrated.out().contains("a server finds each file by its name in its data folder's snapshots/"), migrated.out());
        assertTrue(migrated.out().endsWith("OK: " + DbTarget.parse(url, Map.of()).describe() + " holds a verified copy of " + db() + "\n"),
                migrated.out());
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(List.of(), query(connection, "SELECT id FROM event_logs WHERE position IS DISTINCT FROM id"),
                    "a copied event's stream position is its id");
        }
    }

    @Test
    void aStoreOnTheCopyReadsTheSameStatesAndWritesTheNextVersion() throws Exception {
        String url = freshDatabase();
        assertEquals(0, run("migrate", "--from", db().toString(), "--to", url).status());
        List<Long> ids = Sql.query(db(), "SELECT id FROM policyholders ORDER BY id").stream().map(row -> Long.parseLong(row.get(0))).toList();
        long lastAudit = Sql.count(db(), "SELECT max(id) FROM audit_history");
        long lastEvent = Sql.count(db(), "SELECT max(id) FROM event_logs");

        try (Database sourceDb = Database.openReadOnly(DbTarget.sqlite(db()));
             SqlRecordStore source = new SqlRecordStore(sourceDb, Clock.systemUTC(), 1);
             Database copyDb = Database.open(DbTarget.parse(url, Map.of()));
             SqlRecordStore copy = new SqlRecordStore(copyDb, Clock.systemUTC(), 2)) {
            for (long id : ids) {
                RecordTimeline expected = source.timeline(id).orElseThrow();
                RecordTimeline actual = copy.timeline(id).orElseThrow();
                assertEquals(expected.size(), actual.size(), "record " + id);
                for (long version = 1; version <= expected.size(); version++) {
                    RecordVersion was = source.findVersion(id, version).orElseThrow();
                    RecordVersion is = copy.findVersion(id, version).orElseThrow();
                    assertEquals(was.toString(), is.toString(), "record " + id + " version " + version);
                }
            }
            long versions = copy.timeline(2).orElseThrow().size();

            WriteOutcome next = new RecordService(copy, AuditPolicy.always(), Clock.systemUTC())
                    .write(new io.timetravel.service.WriteCommand(2, StoreFixture.json("{\"premium\":7}"), null, 11, "after the move",
                            "test", null)).join();

            assertEquals(versions + 1, next.record().version(), next::toString);
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(List.of(List.of("1", "1")), query(connection, "SELECT count(*), count(*) FILTER (WHERE id > " + lastAudit
                    + ") FROM audit_history WHERE record_id = 2 AND reason = 'after the move'"), "the next audit id follows the copied ones");
            assertEquals(List.of(List.of("1")), query(connection, "SELECT count(*) FROM event_logs WHERE record_id = 2"
                    + " AND version = (SELECT max(version) FROM policyholder_records WHERE record_id = 2)"
                    + " AND id > " + lastEvent + " AND position > " + lastEvent), "the new event follows the copied ones, in id and in position");
        }
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
        String url = freshDatabase();
        assertEquals(0, run("migrate", "--from", db().toString(), "--to", url).status());
        Map<String, List<Map<String, String>>> before = postgresTables(url);

        CommandRun again = run("migrate", "--from", db().toString(), "--to", url);

        assertEquals(1, again.status(), again::toString);
        assertTrue(again.err().startsWith("error: " + DbTarget.parse(url, Map.of()).describe() + " is not empty (rows in"), again.err());
        assertTrue(again.err().contains("audit_history") && again.err().contains("users"), again.err());
        assertEquals(1, again.err().lines().count(), again.err());
        assertEquals(before, postgresTables(url));
    }

    @Test
    void aMissingSourceAnUnreachableServerAndASqliteTargetAreRefusedInOneLine() {
        CommandRun missing = run("migrate", "--from", home.resolve("nowhere.db").toString(), "--to", freshDatabase());
        CommandRun unreachable = run("migrate", "--from", db().toString(), "--to", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret");
        CommandRun sqlite = run("migrate", "--from", db().toString(), "--to", home.resolve("other.db").toString());

        assertEquals(1, missing.status(), missing::toString);
        assertEquals("error: no database at " + home.resolve("nowhere.db") + "\n", missing.err());
        assertEquals(1, unreachable.status(), unreachable::toString);
        assertTrue(unreachable.err().startsWith("error: cannot connect to database jdbc:postgresql://127.0.0.1:1/none?user=u&password=***"),
                unreachable.err());
        assertFalse(unreachable.err().contains("secret"), unreachable.err());
        assertEquals(1, sqlite.status(), sqlite::toString);
        assertTrue(sqlite.err().startsWith("error: --to takes a PostgreSQL database"), sqlite.err());
        for (CommandRun refused : List.of(missing, unreachable, sqlite)) {
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertEquals("", refused.out());
        }
        assertFalse(Files.exists(home.resolve("other.db")));
        assertEquals(2, run("migrate", "--from", db().toString()).status(), "--to is required");
    }

    @Test
    void migrateHasItsHelpAndIsListed() {
        CommandRun help = run("migrate", "--help");
        CommandRun top = run("--help");

        assertEquals(0, help.status());
        assertTrue(help.out().contains("--from=PATH") && help.out().contains("--to=URL") && help.out().contains("--data=DIR")
                && help.out().contains("migrate does not upgrade it for you") && help.out().contains(DbTarget.USER_VARIABLE), help.out());
        assertTrue(top.out().contains("migrate"), top.out());
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), () -> regex + " in " + text);
        return matcher.group(1);
    }

    /** Every table of the SQLite database (but the migrations' own), its rows as column to value, in a fixed order. */
    private static Map<String, List<Map<String, String>>> sqliteTables() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            Set<String> tables = new TreeSet<>();
            // policyholder_records, audit_history and event_logs are views on SQLite (db/migration/V12,
            // V13), read as such; the tables beneath them are SQLite's own way of storing them.
            query(connection, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                    + " AND name NOT IN ('schema_migrations', 'sqlite_sequence', 'version_rows', 'audit_rows', 'event_rows',"
                    + " 'version_rows_as_written')")
                    .forEach(row -> tables.add(row.get(0)));
            Map<String, List<Map<String, String>>> all = rows(connection, tables, Set.of());
            // A record event kept in its version row leaves its digest to be computed (V16): the copy stores it.
            List<Map<String, String>> events = all.get("event_logs");
            for (Map<String, String> event : events) {
                if (event.get("version_sha256") == null && event.get("event_type").startsWith("t:record.")) {
                    event.put("version_sha256", "t:" + Forger.versionRow(db(), event.get("record_id").substring(2),
                            event.get("version").substring(2)).sha256());
                }
            }
            events.sort(Comparator.comparing(Map::toString));
            return all;
        }
    }

    /** The same of the PostgreSQL database, without its own stream position (compared with the ids above). */
    private static Map<String, List<Map<String, String>>> postgresTables(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            Set<String> tables = new TreeSet<>();
            query(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                    + " AND table_name <> 'schema_migrations'").forEach(row -> tables.add(row.get(0)));
            return rows(connection, tables, Set.of("event_logs.position"));
        }
    }

    private static Map<String, List<Map<String, String>>> rows(Connection connection, Set<String> tables, Set<String> skipped)
            throws SQLException {
        Map<String, List<Map<String, String>>> all = new TreeMap<>();
        for (String table : tables) {
            List<Map<String, String>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, String> row = new TreeMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnName(i);
                        if (!skipped.contains(table + "." + column)) {
                            row.put(column, value(result.getObject(i)));
                        }
                    }
                    rows.add(row);
                }
            }
            rows.sort(Comparator.comparing(Map::toString));
            all.put(table, rows);
        }
        return all;
    }

    /** A number as its exact decimal (an int on one side is a bigint on the other), text as stored. */
    private static String value(Object value) {
        if (value instanceof Number number) {
            return "n:" + new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value == null ? null : "t:" + value;
    }

    private static List<List<String>> query(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
