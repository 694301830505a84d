package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.versioning.Endpoint;
import io.timetravel.http.versioning.VersionRegistry;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.Engine;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.PricedRecords;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.Wait;
import io.timetravel.http.versioning.SchemaCheck;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Premiums over HTTP (docs/contract.md: Premiums): quotes at any instant, the decisions they leave
 * and their replay across a back-dated correction, recalculation jobs, the engines, the refusals
 * and the metrics, each answer against its declared schema. {@code PostgresPremiumHttpTest} runs
 * the same on PostgreSQL.
 */
class PremiumHttpTest {

    private static final String USER = "X-User-ID";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-10-01T09:00:00Z");
    private TestServer server;

    /** The engine this class runs on. */
    Engine engine() {
        return Engine.SQLITE;
    }

    @BeforeEach
    void start() {
        server = engine().startServer(dir, clock);
        assertEquals(201, server.post("/api/v2/records/7", PricedRecords.ADA, USER, "5").status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertAnswers(String endpoint, String caseName, Reply reply) throws Exception {
        String[] parts = endpoint.split(" ", 2);
        var declared = VersionRegistry.standard().byName("v2").orElseThrow().schema()
                .find(new Endpoint(parts[0], parts[1])).orElseThrow()
                .response(caseName).orElseThrow();
        assertEquals(declared.status(), reply.status(), () -> endpoint + " " + caseName + ": " + reply);
        assertEquals(List.of(), SchemaCheck.problems(declared.body(), JsonParser.parse(reply.body())), () -> endpoint + " " + caseName + ": " + reply);
    }

    private static BigDecimal premium(Reply reply) {
        return ((JsonNumber) reply.json().getOrNull("premium")).value();
    }

    private static long id(Reply reply, String key) {
        return ((JsonNumber) reply.json().getOrNull(key)).value().longValueExact();
    }

    @Test
    void aPremiumQuotedBeforeABackDatedCorrectionReplaysTheOldAnswerAndANewQuoteShowsTheNew() throws Exception {
        clock.advance(Duration.ofDays(31));
        Reply before = server.post("/api/v2/records/7/premium", "{\"at\":\"2026-10-15\",\"engine\":\"classic\"}", USER, "5");
        assertAnswers("POST /records/{id}/premium", "premium decided", before);
        assertEquals(new BigDecimal("1070.00"), premium(before));
        long decision = id(before, "decision_id");
        assertEquals("/api/v2/decisions/" + decision, before.header("Location"));
        assertEquals(1, id(before, "record_version"));

        clock.advance(Duration.ofDays(30));
        Reply correction = server.post("/api/v2/records/7?effective_at=2026-10-10T00:00:00Z", "{\"smoker\":true}",
                USER, "5", "X-Reason", "medical report received");
        assertEquals(200, correction.status(), correction::toString);

        Reply replay = server.post("/api/v2/decisions/" + decision + "/replay", "", USER, "3");
        assertAnswers("POST /decisions/{id}/replay", "decision replayed", replay);
        assertEquals("true", replay.json().getOrNull("identical").toJson());
        JsonObject replayed = (JsonObject) replay.json().getOrNull("replayed");
        assertEquals(new BigDecimal("1070.00"), ((JsonNumber) replayed.getOrNull("premium")).value());

        Reply after = server.post("/api/v2/records/7/premium", "{\"at\":\"2026-10-15\",\"engine\":\"classic\"}", USER, "5");
        assertEquals(new BigDecimal("1853.75"), premium(after));
        assertEquals(2, id(after, "record_version"));

        Reply found = server.get("/api/v2/decisions/" + decision, USER, "3");
        assertAnswers("GET /decisions/{id}", "decision found", found);
        assertEquals(before.json(), found.json(), "a decision reads back as it was answered");
        Reply listed = server.get("/api/v2/decisions?record=7&engine=classic", USER, "3");
        assertAnswers("GET /decisions", "decisions listed", listed);
        assertEquals(2, ((JsonArray) listed.json().getOrNull("data")).size());
        assertTrue(server.get("/api/v2/audit/verify", USER, "3").json().getOrNull("ok").toJson().equals("true"));
    }

    @Test
    void aRecordLackingInputsIsA422NamingThemAndRecordsNothing() throws Exception {
        assertEquals(201, server.post("/api/v2/records/8", "{\"name\":\"Bob\",\"region\":\"EU\",\"smoker\":\"yes\"}", USER, "5")
                .status());
        long events = Sql.count(server.target(), "SELECT count(*) FROM event_logs");
        Reply refused = server.post("/api/v2/records/8/premium", "{\"engine\":\"risk-v2\"}", USER, "5");
        assertAnswers("POST /records/{id}/premium", "record lacks inputs", refused);
        assertEquals("[\"date_of_birth\",\"occupation\",\"sum_insured\",\"risk.score\",\"policy.product\"]",
                refused.json().getOrNull("missing").toJson());
        assertEquals("[{\"field\":\"smoker\",\"reason\":\"not true or false\"}]", refused.json().getOrNull("invalid").toJson());
        assertEquals(events, Sql.count(server.target(), "SELECT count(*) FROM event_logs"));
    }

    @Test
    void badRequestsAreClear4xxAndChangeNothing() throws Exception {
        long events = Sql.count(server.target(), "SELECT count(*) FROM event_logs");
        String[][] cases = {
            {"/api/v2/records/7/premium", "{\"when\":\"now\"}", "400", "unknown member \"when\""},
            {"/api/v2/records/7/premium", "[1]", "400", "expected a JSON object"},
            {"/api/v2/records/7/premium", "{\"at\":\"yesterday\"}", "400", "invalid at"},
            {"/api/v2/records/7/premium", "{\"at\":7}", "400", "invalid at"},
            {"/api/v2/records/7/premium", "{\"engine\":\"classic\",\"engine_version\":0}", "400", "invalid engine_version"},
            {"/api/v2/records/7/premium", "{\"engine\":\"classic\",\"engine_version\":1.5}", "400", "invalid engine_version"},
            {"/api/v2/records/7/premium", "{\"engine\":\"classic\",\"engine_version\":3}", "400", "has no version 3"},
            {"/api/v2/records/7/premium", "{\"engine\":5}", "400", "engine must be a string"},
            {"/api/v2/records/7/premium", "{\"as_of\":\"2999-01-01\"}", "400", "as_of is in the future"},
            {"/api/v2/records/0/premium", "", "400", "invalid id"},
            {"/api/v2/records/99/premium", "", "404", "record 99 does not exist"},
            {"/api/v2/records/7/premium", "{\"at\":\"2001-01-01\"}", "404", "has no version at"},
            {"/api/v2/decisions/x/replay", "", "400", "invalid decision id"},
            {"/api/v2/decisions/99999/replay", "", "404", "decision 99999 does not exist"},
            {"/api/v2/recalculations", "{\"engines\":[\"classic\"]}", "400", "a reason is required"},
            {"/api/v2/recalculations", "{\"reason\":\"r\",\"engines\":\"nope\"}", "400", "unknown engine"},
            {"/api/v2/recalculations", "{\"reason\":\"r\",\"engines\":[1]}", "400", "engines must be strings"},
            {"/api/v2/recalculations", "{\"reason\":\"r\",\"threshold_percent\":\"5\"}", "400", "invalid threshold_percent"},
            {"/api/v2/recalculations", "{\"reason\":\"r\",\"threshold_percent\":5000}", "400", "threshold_percent must be"},
            {"/api/v2/recalculations/0/cancel", "", "400", "invalid recalculation id"},
            {"/api/v2/recalculations/42/cancel", "", "404", "recalculation 42 does not exist"},
        };
        for (String[] c : cases) {
            Reply reply = server.post(c[0], c[1], USER, "5");
            assertEquals(Integer.parseInt(c[2]), reply.status(), () -> c[0] + " " + c[1] + ": " + reply);
            assertTrue(reply.json().getString("error").orElseThrow().contains(c[3]), () -> c[3] + " in " + reply);
        }
        for (String path : List.of("/api/v2/decisions?record=x", "/api/v2/decisions?engine=nope", "/api/v2/decisions?from=x",
                "/api/v2/decisions?limit=0", "/api/v2/decisions?before=-3", "/api/v2/decisions/abc", "/api/v2/recalculations/x",
                "/api/v2/decisions?from=2026-02-01&to=2026-01-01")) {
            Reply reply = server.get(path, USER, "5");
            assertEquals(400, reply.status(), () -> path + ": " + reply);
        }
        assertEquals(404, server.get("/api/v2/decisions/5000", USER, "5").status());
        assertEquals(events, Sql.count(server.target(), "SELECT count(*) FROM event_logs"));
        assertEquals(0, Sql.count(server.target(), "SELECT count(*) FROM recalculations"));
    }

    @Test
    void aRecalculationRunsInTheBackgroundAndReportsBothEngines() throws Exception {
        for (int id = 10; id < 30; id++) {
            String state = PricedRecords.ADA.replace("1980-05-01", (1950 + id) + "-01-01").replace("\"score\":40", "\"score\":" + (id * 3));
            assertEquals(201, server.post("/api/v2/records/" + id, state, USER, "5").status());
        }
        Reply accepted = server.post("/api/v2/recalculations", "{\"reason\":\"before 100%\",\"threshold_percent\":5}", USER, "5");
        assertAnswers("POST /recalculations", "recalculation accepted", accepted);
        assertEquals("in_progress", accepted.json().getString("status").orElseThrow());
        long job = id(accepted, "id");
        assertEquals("/api/v2/recalculations/" + job, accepted.header("Location"));
        Wait.until(Duration.ofMinutes(1), () -> server.get("/api/v2/recalculations/" + job, USER, "3").json()
                .getString("status").orElseThrow().equals("completed"), () -> "recalculation " + job);

        Reply done = server.get("/api/v2/recalculations/" + job, USER, "3");
        assertAnswers("GET /recalculations/{id}", "recalculation found", done);
        assertEquals(21, id(done, "processed"));
        assertEquals("1.0000", done.json().getOrNull("progress").toJson());
        JsonObject result = (JsonObject) done.json().getOrNull("result");
        JsonObject engines = (JsonObject) result.getOrNull("engines");
        assertEquals(List.of("classic@1", "risk-v2@2"), List.copyOf(engines.members().keySet()));
        for (JsonValue engine : engines.members().values()) {
            assertEquals("21", ((JsonObject) engine).getOrNull("priced").toJson());
        }
        JsonObject comparison = (JsonObject) ((JsonArray) result.getOrNull("comparisons")).elements().get(0);
        assertTrue(((JsonNumber) comparison.getOrNull("over_threshold")).value().signum() > 0, comparison::toJson);

        assertAnswers("GET /recalculations", "recalculations listed", server.get("/api/v2/recalculations", USER, "3"));
        assertAnswers("POST /recalculations/{id}/cancel", "already ended",
                server.post("/api/v2/recalculations/" + job + "/cancel", "", USER, "5"));
        assertEquals(2, Sql.count(server.target(), "SELECT count(*) FROM event_logs WHERE event_type LIKE 'recalculation.%'"));
    }

    @Test
    void theEnginesAndTheMetricsTellWhatIsUsed() throws Exception {
        Reply engines = server.get("/api/v2/premium-engines", USER, "3");
        assertAnswers("GET /premium-engines", "engines listed", engines);
        assertTrue(engines.body().contains("\"name\":\"risk-v2\",\"version\":2,\"released_at\":\"2026-10-01T00:00:00.000000Z\","
                + "\"in_force\":true"), engines::body);
        assertTrue(engines.body().contains("\"name\":\"risk-v2\",\"version\":1,\"released_at\":\"2026-06-01T00:00:00.000000Z\","
                + "\"in_force\":false"), engines::body);

        assertEquals(201, server.post("/api/v2/records/7/premium", "{\"engine\":\"risk-v2\",\"engine_version\":1}", USER, "5")
                .status());
        assertEquals(201, server.post("/api/v2/records/7/premium", "{\"engine\":\"classic\"}", USER, "5").status());
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("premium_quotes_total{engine=\"risk-v2\",engine_version=\"1\",} 1.0"), metrics);
        assertTrue(metrics.contains("premium_quotes_total{engine=\"classic\",engine_version=\"1\",} 1.0"), metrics);
        assertTrue(metrics.contains("premium_quote_duration_seconds_count{engine=\"classic\",} 1.0"), metrics);
        assertTrue(metrics.contains("recalculations_running 0.0"), metrics);
    }

    /**
     * A fresh server in {@code folder} with {@code --auth tokens} and three users: an admin (1) and
     * an underwriter (10), with the pii grant when {@code pii}, and an auditor (30) without it.
     */
    private Bearer[] restartWithTokens(String folder, boolean pii) throws java.io.IOException {
        server.close();
        server = engine().startServer(java.nio.file.Files.createDirectories(dir.resolve(folder)), clock, "--auth", "tokens");
        return new Bearer[] {Bearer.register(server, 1, pii, Role.ADMIN), Bearer.register(server, 10, pii, Role.UNDERWRITER),
            Bearer.register(server, 30, false, Role.AUDITOR)};
    }

    @Test
    void anAuditorReadsAndReplaysDecisionsButOnlyWritersQuoteAndRecalculate() throws Exception {
        Bearer[] users = restartWithTokens("auth", false);
        Bearer admin = users[0];
        Bearer underwriter = users[1];
        Bearer auditor = users[2];
        assertEquals(201, server.post("/api/v2/records/7", PricedRecords.ADA, admin.headers()).status());

        Reply quoted = server.post("/api/v2/records/7/premium", "", underwriter.headers());
        assertEquals(201, quoted.status(), quoted::toString);
        assertEquals("true", quoted.json().getOrNull("actor_verified").toJson());
        assertEquals(10, id(quoted, "actor"));
        long decision = id(quoted, "decision_id");

        Reply refused = server.post("/api/v2/records/7/premium", "", auditor.headers());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals(403, server.post("/api/v2/recalculations", "{\"reason\":\"r\"}", auditor.headers()).status());
        assertEquals(200, server.get("/api/v2/decisions/" + decision, auditor.headers()).status());
        Reply replay = server.post("/api/v2/decisions/" + decision + "/replay", "", auditor.headers());
        assertEquals(200, replay.status(), replay::toString);
        assertFalse(replay.json().getOrNull("differences").toJson().contains("\""), "no differences");
        assertEquals(1, Sql.count(server.target(), "SELECT count(*) FROM premium_decisions"), "a replay records nothing");
    }

    @Test
    void whatADecisionReadFromPersonalFieldsIsMaskedForCallersWithoutPiiAndLoggedForTheOthers() throws Exception {
        Bearer[] users = restartWithTokens("masked", true);
        Bearer admin = users[0];
        Bearer underwriter = users[1];
        Bearer auditor = users[2];
        assertEquals(200, server.put("/api/v2/field-policies/date_of_birth", "{\"masking\":\"full\"}", admin.headers()).status());
        assertEquals(201, server.post("/api/v2/records/7", PricedRecords.ADA, admin.headers()).status());
        Reply quoted = server.post("/api/v2/records/7/premium", "{\"engine\":\"risk-v2\"}", underwriter.headers());
        assertEquals(201, quoted.status(), quoted::toString);
        assertTrue(quoted.body().contains("\"age\":\"46\""), "a pii holder sees the age: " + quoted.body());
        long decision = id(quoted, "decision_id");
        String digest = quoted.json().getString("inputs_sha256").orElseThrow();

        Reply masked = server.get("/api/v2/decisions/" + decision, auditor.headers());
        assertEquals(200, masked.status(), masked::toString);
        String body = masked.body();
        assertFalse(body.contains("\"age\":\"46\""), body);
        assertTrue(body.contains("\"age\":\"****\""), body);
        assertTrue(body.contains("{\"name\":\"age\",\"input\":\"****\""), "the age factor's input: " + body);
        assertTrue(body.contains("\"sum_insured\":\"500000\""), "a field no policy covers stays: " + body);
        assertFalse(body.contains(digest), "the inputs' digest would confirm a guessed age: " + body);
        assertEquals(quoted.json().getOrNull("premium"), masked.json().getOrNull("premium"));
        Reply replay = server.post("/api/v2/decisions/" + decision + "/replay", "", auditor.headers());
        assertTrue(replay.body().contains("{\"name\":\"age\",\"input\":\"****\""), replay.body());
        assertFalse(replay.body().contains("\"input\":\"46\""), replay.body());
        assertFalse(server.get("/api/v2/decisions?record=7", auditor.headers()).body().contains("\"46\""));

        // The pii holder's reads of a decision are in the access log, as reads of the record are.
        assertEquals(200, server.get("/api/v2/decisions/" + decision, underwriter.headers()).status());
        Wait.until(Duration.ofMinutes(1), () -> server.get("/api/v2/access-log?record=7&actor=10", admin.headers()).body()
                .contains("GET /api/v2/decisions/" + decision), () -> "the access log entry");

        try (io.timetravel.testing.SseClient events = io.timetravel.testing.SseClient.open(server.baseUrl(), "/api/v2/events",
                auditor.headers("Last-Event-ID", Long.toString(decision - 1)))) {
            io.timetravel.testing.SseClient.Frame frame = events.nextEvent(Duration.ofSeconds(30));
            assertEquals("premium.decided", frame.event(), frame::toString);
            assertFalse(frame.data().contains("\"46\""), frame.data());
            assertTrue(frame.data().contains("\"age\":\"****\""), frame.data());
        }
    }
}
