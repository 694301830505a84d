package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.testing.SseClient;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature flags over HTTP, and their effect on a running server, including changes made by hand in SQL. */
class FlagsHttpTest {

    private static final String[] USER = {"X-User-ID", "42"};
    /** A generous deadline for what the refresher finds every 250 ms. */
    private static final Duration FOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("flags.db"));
        assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\",\"region\":\"EU\"}", USER).status());
        assertEquals(201, server.post("/api/v2/records/2", "{\"name\":\"Grace\",\"region\":\"US\"}", USER).status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void sql(String statement) {
        Sql.update(server.database(), statement);
    }

    private void awaitStatus(int status, String path, String... headers) {
        Wait.until(Duration.ofSeconds(1), () -> server.get(path, headers).status() == status,
                () -> path + " should answer " + status + " within a second but answers " + server.get(path, headers));
    }

    @Test
    void listsTheFlags() {
        Reply reply = server.get("/api/v2/flags", USER);

        assertEquals(200, reply.status(), reply.body());
        JsonArray flags = (JsonArray) reply.json().getOrNull("data");
        assertEquals(4, flags.size());
        assertTrue(reply.body().contains("{\"description\":\"Serve the versioned v2 API under /api/v2\",\"enabled\":true,"
                + "\"flag_key\":\"enable_v2_api\",\"regions\":[],\"rollout_percentage\":100,"), reply.body());
    }

    @Test
    void aPutChangesTheFlagAndIsAuditedWithItsActor() {
        Reply reply = server.put("/api/v2/flags/enable_metrics", "{\"enabled\":false,\"regions\":[\"eu\"]}",
                "X-User-ID", "77", "X-Reason", "quiet period");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("false", reply.json().getOrNull("enabled").toString());
        assertEquals("[\"EU\"]", reply.json().getOrNull("regions").toString());
        assertEquals("77", reply.json().getOrNull("updated_by").toString());
        assertEquals("77|quiet period", String.join("|", Sql.query(server.database(),
                "SELECT actor, reason FROM audit_history WHERE event_type = 'FLAG_UPDATE'").get(0)));
        assertEquals(1, Sql.count(server.database(), "SELECT count(*) FROM event_logs WHERE event_type = 'flag.changed' AND actor = 77"));
    }

    @Test
    void badChangesAreRefusedWithAReason() {
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"rollout_percentage\":101}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"rollout_percentage\":50.5}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"rollout_percentage\":\"50\"}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"enabled\":\"no\"}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"regions\":\"EU\"}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"regions\":[\"E U\"]}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"colour\":\"red\"}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{}", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "not json", USER).status());
        assertEquals(400, server.put("/api/v2/flags/enable_v2_api", "{\"enabled\":false}").status(), "X-User-ID is required");
        Reply unknown = server.put("/api/v2/flags/enable_everything", "{\"enabled\":true}", USER);
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("enable_v2_api"), "the answer lists the flags: " + unknown.body());
        assertEquals("1|100|", String.join("|", Sql.query(server.database(),
                "SELECT enabled, rollout_percentage, regions FROM feature_flags WHERE flag_key = 'enable_v2_api'").get(0)));
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM audit_history WHERE event_type = 'FLAG_UPDATE'"));
    }

    @Test
    void v2SwitchedOffByHandInSqlIsA404EverywhereButHealthWhileV1GoesOn() {
        long versions = Sql.count(server.database(), "SELECT count(*) FROM policyholder_records");
        sql("UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_v2_api';");
        awaitStatus(404, "/api/v2/records/1", USER);

        for (Reply reply : new Reply[] {
                server.get("/api/v2/records/1", USER),
                server.get("/api/v2/records/1"),
                server.post("/api/v2/records/1", "{\"a\":1}", USER),
                server.get("/api/v2/records/1/history", USER),
                server.get("/api/v2/audit", USER)}) {
            assertEquals(404, reply.status());
            assertEquals("{\"error\":\"v2 API is disabled\"}", reply.body());
        }
        // The control plane stays reachable, so the operator can switch the API back on.
        assertEquals(200, server.get("/api/v2/flags", USER).status());
        assertEquals(200, server.get("/api/v2/health").status());
        assertEquals(200, server.get("/health").status());
        assertEquals(200, server.post("/api/v1/records/3", "{\"k\":\"v\"}").status());
        assertEquals("{\"id\":3,\"data\":{\"k\":\"v\"}}", server.get("/api/v1/records/3").body());
        assertEquals(versions + 1, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records"), "only the v1 write");

        sql("UPDATE feature_flags SET enabled = 1 WHERE flag_key = 'enable_v2_api';");
        awaitStatus(200, "/api/v2/records/1", USER);
    }

    @Test
    void unversionedPathsResolvedToV2ObeyTheSwitchAndV1StillAnswers() {
        sql("UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_v2_api';");
        awaitStatus(404, "/api/records/1", USER);

        assertEquals("{\"error\":\"v2 API is disabled\"}", server.get("/api/records/1", USER).body());
        assertEquals(404, server.get("/api/records/1").status(), "refused before the user check, as on /api/v2");
        Reply v1 = server.get("/api/records/1?version=v1");
        assertEquals(200, v1.status(), v1.body());
        assertEquals("{\"id\":1,\"data\":{\"name\":\"Ada\",\"region\":\"EU\"}}", v1.body());
    }

    @Test
    void metricsSwitchedOffByHandInSqlMeansNoCopiesWhileMetricsAreStillServed() {
        sql("UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_metrics';");
        Wait.until(Duration.ofSeconds(1), () -> !server.context().flags().isSwitchedOn("enable_metrics"),
                () -> "enable_metrics seen off");
        assertEquals(200, server.get("/metrics").status(), "/metrics is still served");

        server.close(); // the shutdown copy is skipped while the switch is off
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM observability_metrics"));

        sql("UPDATE feature_flags SET enabled = 1 WHERE flag_key = 'enable_metrics';");
        server = TestServer.start(dir.resolve("flags.db"));
        server.get("/api/v2/records/1", USER);
        server.close();
        assertTrue(Sql.count(server.database(), "SELECT count(*) FROM observability_metrics") > 0, "with the switch on, it copies");
        server = TestServer.start(dir.resolve("flags.db"));
    }

    @Test
    void everyFlagEvaluationIsCounted() {
        server.get("/api/v2/records/1", USER);

        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("feature_flag_evaluations_total{flag=\"enable_v2_api\",result=\"on\",}"), metrics);
    }

    @Test
    void aPartialRolloutIsStickyPerUser() {
        sql("UPDATE feature_flags SET rollout_percentage = 50 WHERE flag_key = 'enable_v2_api';");
        Wait.until(Duration.ofSeconds(1), () -> {
            int off = 0;
            for (int user = 1; user <= 40; user++) {
                off += server.get("/api/v2/records/1", "X-User-ID", String.valueOf(user)).status() == 404 ? 1 : 0;
            }
            return off > 5 && off < 35;
        }, () -> "about half of 40 users are switched off");
        for (int user = 1; user <= 20; user++) {
            int first = server.get("/api/v2/records/1", "X-User-ID", String.valueOf(user)).status();
            assertEquals(first, server.get("/api/v2/records/1", "X-User-ID", String.valueOf(user)).status(), "user " + user);
        }
    }

    @Test
    void aRegionListUsesXRegionElseTheRecordsRegion() {
        sql("UPDATE feature_flags SET regions = 'EU' WHERE flag_key = 'enable_v2_api';");
        awaitStatus(404, "/api/v2/records/2", USER);

        assertEquals(200, server.get("/api/v2/records/1", USER).status(), "record 1 is in the EU");
        assertEquals(404, server.get("/api/v2/records/2", USER).status(), "record 2 is in the US");
        assertEquals(200, server.get("/api/v2/records/2", "X-User-ID", "42", "X-Region", "eu").status(), "X-Region wins");
        assertEquals(404, server.get("/api/v2/records/1", "X-User-ID", "42", "X-Region", "US").status());
        assertEquals(404, server.get("/api/v2/audit", USER).status(), "no record, no region: not in the list");
        assertEquals(200, server.get("/api/v2/flags", USER).status(), "the control plane is not rolled out");
    }

    @Test
    void aChangeMadeByHandInSqlIsAuditedAndEventedAsAnExternalChange() throws Exception {
        try (SseClient events = SseClient.open(server.baseUrl(), "/api/v2/events", USER)) {
            assertEquals(200, events.status());
            long started = System.nanoTime();
            sql("UPDATE feature_flags SET enabled = 0, rollout_percentage = 20 WHERE flag_key = 'enable_metrics';");

            // Found by the refresher (every 250 ms) and recorded at once; the deadline is generous for busy machines.
            SseClient.Frame event = events.nextEvent(FOUND);
            System.out.printf("external flag change recorded and streamed after %.0f ms%n", (System.nanoTime() - started) / 1e6);
            assertEquals("flag.changed_externally", event.event(), event::toString);
            JsonObject payload = (JsonObject) JsonParser.parseObject(event.data()).getOrNull("payload");
            assertEquals("enable_metrics", payload.getString("flag_key").orElseThrow());
            assertEquals("changed outside the application", payload.getString("reason").orElseThrow());
            assertEquals("true|100", flagSettings((JsonObject) payload.getOrNull("old_value")));
            assertEquals("false|20", flagSettings((JsonObject) payload.getOrNull("new_value")));
        }
        Reply audit = server.get("/api/v2/audit?operation=flag_update", USER);
        JsonArray entries = (JsonArray) audit.json().getOrNull("data");
        assertEquals(1, entries.size(), audit.body());
        JsonObject entry = (JsonObject) entries.elements().get(0);
        assertEquals("0", entry.getOrNull("actor").toString(), "nobody known made it");
        assertEquals("false", entry.getOrNull("actor_verified").toString());
        assertEquals("changed outside the application", entry.getString("reason").orElseThrow());
        assertEquals("true|100", flagSettings((JsonObject) entry.getOrNull("old_value")));
        assertEquals("false|20", flagSettings((JsonObject) entry.getOrNull("new_value")));
        String found = "\"flag_key\":\"enable_metrics\",\"regions\":[],\"rollout_percentage\":20,\"updated_at\":"
                + entry.getOrNull("changed_at").toJson() + ",\"updated_by\":null}";
        Wait.until(FOUND, () -> server.get("/api/v2/flags", USER).body().contains(found),
                () -> "the flag says when the change was found: " + server.get("/api/v2/flags", USER).body());
        assertTrue(server.get("/api/v2/audit/verify", USER).body().startsWith("{\"ok\":true,"), "the entry joined the chain");
    }

    private static String flagSettings(JsonObject flag) {
        return flag.getOrNull("enabled") + "|" + flag.getOrNull("rollout_percentage");
    }

    @Test
    void auditLoggingSwitchedOffKeepsWritesWorkingWithoutAuditRows() {
        sql("UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_audit_logging';");
        // The change by hand is audited itself, as an external change, once found.
        Wait.until(FOUND, () -> Sql.count(server.database(), "SELECT count(*) FROM audit_history WHERE event_type = 'FLAG_UPDATE'") == 1,
                () -> "the external change recorded");
        Wait.until(Duration.ofSeconds(1), () -> {
            long before = Sql.count(server.database(), "SELECT count(*) FROM audit_history");
            server.post("/api/v2/records/9", "{\"n\":" + System.nanoTime() + "}", USER);
            return Sql.count(server.database(), "SELECT count(*) FROM audit_history") == before;
        }, () -> "writes stop being audited");
        long after = Sql.count(server.database(), "SELECT count(*) FROM audit_history");

        assertEquals(201, server.post("/api/v2/records/10", "{\"a\":1}", USER).status());
        assertEquals(200, server.post("/api/v2/records/10", "{\"a\":2}", USER).status());
        assertEquals(after, Sql.count(server.database(), "SELECT count(*) FROM audit_history"));
        assertEquals(2, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = 10"));
    }
}
