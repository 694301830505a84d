package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.v2.HistoryApi;
import io.timetravel.http.v2.RecordsApi;
import io.timetravel.http.versioning.ApiSchema;
import io.timetravel.http.versioning.ApiSchemas;
import io.timetravel.http.versioning.DeprecationHeaders;
import io.timetravel.http.versioning.Endpoint;
import io.timetravel.http.versioning.Schema;
import io.timetravel.http.versioning.Timescape;
import io.timetravel.http.versioning.V1V2Change;
import io.timetravel.http.versioning.VersionRegistry;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import io.timetravel.http.versioning.SchemaCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Version routing over real HTTP (docs/contract.md: Version routing, issue 4 items 3 and 4): unversioned paths served by
 * the version a request names, v1's deprecation headers, {@code /api/versions}, the version that
 * metrics and logs see, and the declared schemas against the real answers. One server for the
 * class; each test works on record ids of its own.
 */
class VersionRoutingHttpTest {

    private static final String USER = "X-User-ID";
    private static final String DEPRECATION = "@1771200000";
    private static final String AVAILABLE = "v1 (2019-01-01, legacy, deprecated), v2 (2026-02-16, stable, latest)";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("versions.db"));
        // Record 1: a v2 record whose data v1 could not have written (a number), read by every version.
        assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\",\"premium\":1200}", USER, "7").status());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean isV1Body(Reply reply) {
        return reply.json().members().keySet().equals(Set.of("id", "data"));
    }

    private static boolean isV2Body(Reply reply) {
        return reply.json().containsKey("version") && reply.json().containsKey("recorded_at");
    }

    // --- resolution ---------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "v1, v1", "v2, v2", "legacy, v1", "stable, v2", "latest, v2",
        "2020-01-01, v1", "2026-02-15T23:59:59Z, v1", "2026-02-16, v2", "2026-02-16T00:30:00%2B01:00, v1",
        "2026-06-01T12:00:00.5Z, v2"})
    void theQueryParameterNamesTheVersionByNameTagDateOrInstant(String value, String expected) {
        Reply reply = server.get("/api/records/1?version=" + value, USER, "7");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(expected, reply.header("X-API-Version"));
        assertTrue(expected.equals("v1") ? isV1Body(reply) : isV2Body(reply), reply::toString);
    }

    @ParameterizedTest
    @CsvSource({"v1, v1", "LEGACY, v1", "2019-06-01, v1", "v2, v2", "latest, v2", "2026-02-16T00:00:00Z, v2"})
    void theHeaderNamesTheVersionTheSameWay(String value, String expected) {
        Reply reply = server.get("/api/records/1", "X-API-Version", value, USER, "7");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(expected, reply.header("X-API-Version"));
    }

    @Test
    void noVersionMeansTheLatest() {
        Reply reply = server.get("/api/records/1", USER, "7");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("v2", reply.header("X-API-Version"));
        assertTrue(isV2Body(reply), reply::toString);
        assertEquals(200, server.get("/api/records/1?version=", USER, "7").status(), "an empty value is no value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "banana", "2026-02-30", "v1.5"})
    void anUnknownVersionIsA400ListingTheAvailableOnes(String value) {
        Reply byQuery = server.get("/api/records/1?version=" + value, USER, "7");
        Reply byHeader = server.get("/api/records/1", "X-API-Version", value, USER, "7");

        for (Reply reply : List.of(byQuery, byHeader)) {
            assertEquals(400, reply.status(), reply::toString);
            String error = reply.json().getString("error").orElseThrow();
            assertTrue(error.startsWith("unknown API version \"" + value + "\"; available: " + AVAILABLE), error);
        }
    }

    @Test
    void anInstantBeforeTheFirstVersionIsA400() {
        Reply reply = server.get("/api/records/1?version=2018-12-31", USER, "7");

        assertEquals(400, reply.status());
        assertTrue(reply.json().getString("error").orElseThrow().startsWith("no API version existed at 2018-12-31T00:00:00.000000Z"),
                reply::toString);
    }

    @Test
    void queryAndHeaderMayBothBeGivenWhenTheyNameTheSameVersion() {
        Reply agreeing = server.get("/api/records/1?version=v1", "X-API-Version", "legacy");
        Reply disagreeing = server.get("/api/records/1?version=v1", "X-API-Version", "v2", USER, "7");

        assertEquals(200, agreeing.status(), agreeing::toString);
        assertEquals("v1", agreeing.header("X-API-Version"));
        assertEquals(400, disagreeing.status());
        assertEquals("{\"error\":\"?version= names v1 but X-API-Version names v2; give one, or the same version in both\"}",
                disagreeing.body());
    }

    // --- unversioned records served by each version --------------------------------------------

    @Test
    void unversionedWritesAndReadsResolvingToV1AnswerAsV1() {
        Reply created = server.post("/api/records/100?version=v1", "{\"k\":\"v\",\"drop\":null}");
        Reply updated = server.post("/api/records/100?version=v1", "{\"a\":\"1\"}");
        Reply read = server.get("/api/records/100?version=v1");

        assertEquals(200, created.status(), "v1 answers 200 for a new record");
        assertEquals("{\"id\":100,\"data\":{\"k\":\"v\"}}", created.body());
        assertEquals("{\"id\":100,\"data\":{\"a\":\"1\",\"k\":\"v\"}}", updated.body());
        assertEquals(updated.body(), read.body());
        assertEquals("{\"id\":100,\"data\":{\"a\":\"1\",\"k\":\"v\"}}", server.get("/api/v1/records/100").body());
        assertEquals(List.of(List.of("1", "0"), List.of("2", "0")), Sql.query(server.database(),
                "SELECT version, actor FROM audit_history WHERE record_id = 100 ORDER BY id"), "versioned and audited, anonymous");
    }

    @Test
    void unversionedRefusalsResolvingToV1UseV1sStatusesAndMessages() {
        Reply missing = server.get("/api/records/101?version=v1");
        Reply badId = server.get("/api/records/2147483648?version=v1");
        Reply badBody = server.post("/api/records/101?version=v1", "{\"k\":1}");

        assertEquals(400, missing.status());
        assertEquals("{\"error\":\"record of id 101 does not exist\"}", missing.body());
        assertEquals(400, badId.status());
        assertEquals("{\"error\":\"invalid id; id must be a positive number\"}", badId.body());
        assertEquals(400, badBody.status());
        assertEquals("{\"error\":\"invalid input; could not parse json\"}", badBody.body());
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = 101"));
    }

    @Test
    void unversionedWritesAndReadsResolvingToV2AnswerAsV2() {
        Reply created = server.post("/api/records/102", "{\"premium\":1200}", USER, "9");
        Reply updated = server.post("/api/records/102?version=v2", "{\"premium\":1300}", USER, "9");
        Reply missing = server.get("/api/records/103", USER, "9");
        Reply largeId = server.post("/api/records/4294967296", "{\"k\":\"v\"}", USER, "9");

        assertEquals(201, created.status(), created::toString);
        assertTrue(isV2Body(created));
        assertEquals(200, updated.status());
        assertEquals(2, updated.json().get("version").map(JsonValue::toJson).map(Integer::parseInt).orElseThrow());
        assertEquals(9, Integer.parseInt(updated.json().get("actor").orElseThrow().toJson()));
        assertEquals(404, missing.status());
        assertEquals("{\"error\":\"record 103 not found\"}", missing.body());
        assertEquals(201, largeId.status(), "v2 ids are 64-bit");
        assertEquals(server.get("/api/v2/records/102", USER, "9").body(), server.get("/api/records/102", USER, "9").body());
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/records/1/versions, GET /api/records/{id}/versions",
        "GET, /api/records/1/versions/1, GET /api/records/{id}/versions/{n}",
        "GET, /api/records/1/history, GET /api/records/{id}/history",
        "GET, /api/records/1/diff, GET /api/records/{id}/diff",
        "POST, /api/records/1/restore, POST /api/records/{id}/restore",
        "GET, /api/records/1/replay, GET /api/records/{id}/replay",
        "GET, /api/records, GET /api/records"})
    void v2OnlyPathsDoNotExistInV1(String method, String path, String endpoint) {
        Reply underV1 = server.send(method, path + "?version=v1", "POST".equals(method) ? "{\"version\":1,\"reason\":\"r\"}" : null,
                USER, "7");

        assertEquals(404, underV1.status(), underV1::toString);
        assertEquals("{\"error\":\"" + endpoint + " is not in API v1; use v2\"}", underV1.body());
        assertEquals("v1", underV1.header("X-API-Version"));
    }

    @Test
    void v2OnlyPathsWorkWhenTheVersionHasThem() {
        assertEquals(200, server.get("/api/records/1/versions", USER, "7").status());
        assertEquals(200, server.get("/api/records/1/history?version=v2", USER, "7").status());
        assertEquals(200, server.get("/api/records/1/diff?from=v:1&to=v:1&version=latest", USER, "7").status());
        assertEquals(200, server.get("/api/records?version=2026-06-01", USER, "7").status());
    }

    // --- X-User-ID ------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"'', missing X-User-ID header", "0, invalid X-User-ID header", "abc, invalid X-User-ID header",
        "-4, invalid X-User-ID header"})
    void unversionedRequestsResolvingToV2NeedAUserLikeAnyV2Request(String user, String message) {
        String[] headers = user.isEmpty() ? new String[0] : new String[] {USER, user};
        long before = Sql.count(server.database(), "SELECT count(*) FROM policyholder_records");

        List<Reply> replies = List.of(
                server.post("/api/records/110", "{\"k\":\"v\"}", headers),
                server.get("/api/records/1", headers),
                server.get("/api/records/1/history?version=latest", headers),
                server.get("/api/records", headers));

        for (Reply reply : replies) {
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("{\"error\":\"" + message + "\"}", reply.body());
        }
        assertEquals(before, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records"));
    }

    @Test
    void unversionedRequestsResolvingToV1NeedNoUserAndNameOneWhenGiven() {
        assertEquals(200, server.post("/api/records/111?version=v1", "{\"k\":\"v\"}").status());
        assertEquals(200, server.post("/api/records/111?version=v1", "{\"k\":\"w\"}", USER, "12").status());
        assertEquals(200, server.post("/api/records/111?version=v1", "{\"k\":\"x\"}", USER, "0").status());

        assertEquals(List.of(List.of("0"), List.of("12"), List.of("0")), Sql.query(server.database(),
                "SELECT actor FROM policyholder_records WHERE record_id = 111 ORDER BY version"));
    }

    @Test
    void writesRecordTheVersionTheClientSpokeAsTheirSource() {
        server.post("/api/v1/records/120", "{\"a\":\"1\"}");
        server.post("/api/records/120?version=v1", "{\"a\":\"2\"}");
        server.post("/api/records/120", "{\"a\":\"3\"}", USER, "5");
        server.post("/api/v2/records/120", "{\"a\":\"4\"}", USER, "5");

        List<String> sources = Sql.query(server.database(),
                "SELECT json_extract(metadata, '$.source') FROM policyholder_records WHERE record_id = 120 ORDER BY version")
                .stream().map(row -> row.get(0)).toList();
        List<String> events = Sql.query(server.database(),
                "SELECT json_extract(payload, '$.version_row') FROM event_logs WHERE record_id = 120 ORDER BY id")
                .stream().map(row -> row.get(0)).toList();

        assertEquals(List.of("v1", "v1", "v2", "v2"), sources);
        assertEquals(List.of("1", "1", "1", "1"), events, "each event reads its source back from the version row");
    }

    @Test
    void v1IgnoresWhatOnlyV2Understands() {
        server.post("/api/v1/records/121", "{\"a\":\"1\"}");

        Reply write = server.post("/api/v1/records/121?effective_at=2020-01-01", "{\"a\":\"2\"}", "X-Reason", "back-dating");
        Reply read = server.get("/api/v1/records/121?at=2020-01-01&as_of=2020-01-01");

        assertEquals(200, write.status());
        assertEquals("{\"id\":121,\"data\":{\"a\":\"2\"}}", read.body(), "v1 reads the present");
        assertEquals(List.of(List.of("")), Sql.query(server.database(),
                "SELECT coalesce(reason, '') FROM policyholder_records WHERE record_id = 121 AND version = 2"));
        assertEquals(0, Sql.count(server.database(),
                "SELECT count(*) FROM policyholder_records WHERE record_id = 121 AND effective_at < '2021'"));
    }

    // --- deprecation ----------------------------------------------------------------------------

    @Test
    void everyV1AnswerCarriesTheDeprecationAndSuccessorHeaders() {
        server.post("/api/v1/records/130", "{\"k\":\"v\"}");
        List<Object[]> cases = List.of(
                new Object[] {server.get("/api/v1/records/130"), 200, "/api/v2/records/130"},
                new Object[] {server.post("/api/v1/records/130", "{\"k\":\"w\"}"), 200, "/api/v2/records/130"},
                new Object[] {server.get("/api/v1/records/131"), 400, "/api/v2/records/131"},
                new Object[] {server.get("/api/v1/records/abc"), 400, "/api/v2/records/abc"},
                new Object[] {server.post("/api/v1/records/130", "[1]"), 400, "/api/v2/records/130"},
                new Object[] {server.send("DELETE", "/api/v1/records/130", null), 405, "/api/v2/records/130"},
                new Object[] {server.get("/api/v1/health"), 200, "/api/v2/health"},
                new Object[] {server.send("PATCH", "/api/v1/health", "{}"), 200, "/api/v2/health"},
                new Object[] {server.send("HEAD", "/api/v1/health", null), 200, "/api/v2/health"},
                new Object[] {server.get("/api/records/130?version=v1"), 200, "/api/v2/records/130"},
                new Object[] {server.get("/api/records/130/history?version=v1"), 404, "/api/v2/records/130/history"},
                new Object[] {server.get("/api/v1/records/%C3%A9t%C3%A9"), 400, "/api/v2/records/%C3%A9t%C3%A9"});
        for (Object[] c : cases) {
            Reply reply = (Reply) c[0];
            assertEquals(c[1], reply.status(), reply::toString);
            assertEquals(DEPRECATION, reply.header("Deprecation"), reply::toString);
            assertEquals("<" + c[2] + ">; rel=\"successor-version\", </api/versions>; rel=\"deprecation\"", reply.header("Link"),
                    reply::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing", "/api/v1/records/1/extra", "/api/v1"})
    void anUnknownV1PathIsDeprecatedWithoutASuccessor(String path) {
        Reply reply = server.get(path);

        assertEquals(404, reply.status());
        assertEquals(DEPRECATION, reply.header("Deprecation"));
        assertEquals("</api/versions>; rel=\"deprecation\"", reply.header("Link"));
    }

    @Test
    void anUnknownV1PathLinksToTheSuccessorWhenV2HasThatResource() {
        Reply reply = server.get("/api/v1/records");

        assertEquals(404, reply.status());
        assertEquals("</api/v2/records>; rel=\"successor-version\", </api/versions>; rel=\"deprecation\"", reply.header("Link"));
    }

    @Test
    void v2AndUnversionedV2AnswersAreNotDeprecated() {
        for (Reply reply : List.of(server.get("/api/v2/records/1", USER, "7"), server.get("/api/records/1", USER, "7"),
                server.get("/api/v2/records/999", USER, "7"), server.get("/api/v2/health"), server.get("/api/versions"),
                server.get("/api/records/1?version=nope"))) {
            assertNull(reply.header("Deprecation"), reply::toString);
            assertNull(reply.header("Link"), reply::toString);
        }
    }

    // --- GET /api/versions ----------------------------------------------------------------------

    @Test
    void theVersionsListingShowsEachVersionAndItsDifferencesFromThePrevious() {
        Reply reply = server.get("/api/versions");

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals("v2", body.getString("latest").orElseThrow());
        List<JsonObject> versions = ((JsonArray) body.get("versions").orElseThrow()).elements().stream()
                .map(JsonObject.class::cast).toList();
        assertEquals(List.of("v1", "v2"), versions.stream().map(v -> v.getString("name").orElseThrow()).toList());

        JsonObject v1 = versions.get(0);
        assertEquals("2019-01-01T00:00:00.000000Z", v1.getString("released").orElseThrow());
        assertEquals(List.of("legacy", "deprecated"), strings(v1, "tags"));
        assertEquals("deprecated", v1.getString("status").orElseThrow());
        assertEquals("2026-02-16T00:00:00.000000Z", v1.getString("deprecated_at").orElseThrow());
        assertEquals("/api/v2", ((JsonObject) v1.get("links").orElseThrow()).getString("successor").orElseThrow());
        assertFalse(v1.containsKey("breaking"), "the first version has no predecessor to differ from");

        JsonObject v2 = versions.get(1);
        assertEquals("2026-02-16T00:00:00.000000Z", v2.getString("released").orElseThrow());
        assertEquals(List.of("stable", "latest"), strings(v2, "tags"));
        assertEquals("current", v2.getString("status").orElseThrow());
        assertEquals("v1", v2.getString("changes_from").orElseThrow());
        assertTrue(strings(v2, "non_breaking").contains("GET /records/{id} 200: property version added"), reply::toString);
        assertTrue(strings(v2, "non_breaking").contains("GET /records/{id}/history added"), reply::toString);
        assertTrue(strings(v2, "breaking").contains("GET /records/{id}: missing record answers 404 instead of 400"), reply::toString);
        assertTrue(strings(v2, "breaking").contains("GET /records/{id}: requires header X-User-ID"), reply::toString);
        assertTrue(strings(v2, "endpoints").contains("GET /records/{id}/versions/{n}"));
    }

    private static List<String> strings(JsonObject object, String key) {
        return ((JsonArray) object.get(key).orElseThrow()).elements().stream().map(v -> ((JsonString) v).value()).toList();
    }

    // --- the declarations match what is served --------------------------------------------------

    @Test
    void everyServedVersionedEndpointIsDeclaredAndEveryDeclaredOneIsServed() {
        VersionRegistry registry = VersionRegistry.standard();
        for (String name : List.of("v1", "v2")) {
            ApiSchema schema = registry.byName(name).orElseThrow().schema();
            String base = "/api/" + name;
            Set<Endpoint> served = server.context().routes().stream()
                    .filter(route -> route.template().startsWith(base + "/"))
                    .map(route -> new Endpoint(route.method().equals(Route.ANY_METHOD) ? Endpoint.ANY : route.method(),
                            route.template().substring(base.length())))
                    .collect(Collectors.toSet());
            Set<Endpoint> declared = new HashSet<>(schema.endpoints().stream().map(e -> e.endpoint()).toList());

            assertEquals(Set.of(), difference(served, declared), name + " serves endpoints its schema does not declare");
            assertEquals(Set.of(), difference(declared, served), name + " declares endpoints nothing serves");
        }
    }

    private static Set<Endpoint> difference(Set<Endpoint> a, Set<Endpoint> b) {
        Set<Endpoint> left = new HashSet<>(a);
        left.removeAll(b);
        return left;
    }

    @Test
    void realAnswersMatchTheirDeclaredSchemas() throws Exception {
        server.post("/api/v2/records/140", "{\"name\":\"Bo\",\"region\":\"EU\"}", USER, "3", "X-Reason", "onboarding");
        server.post("/api/v2/records/140", "{\"premium\":10}", USER, "3");
        server.post("/api/v1/records/144", "{\"name\":\"Cy\"}");
        List<Object[]> cases = List.of(
                new Object[] {server.get("/api/v1/health"), object("ok", Schema.bool())},
                new Object[] {server.get("/api/v1/records/144"), null},
                new Object[] {server.get("/api/v1/records/141"), ApiSchemas.ERROR},
                new Object[] {server.get("/api/records/144?version=v1"), ApiSchemas.V1_RECORD},
                new Object[] {server.get("/api/v2/records/140", USER, "3"), ApiSchemas.V2_RECORD},
                new Object[] {server.get("/api/v2/records/140/versions/1", USER, "3"), ApiSchemas.V2_RECORD},
                new Object[] {server.get("/api/records/140", USER, "3"), ApiSchemas.V2_RECORD});
        for (Object[] c : cases) {
            Reply reply = (Reply) c[0];
            Schema schema = c[1] == null ? ApiSchemas.V1_RECORD : (Schema) c[1];
            assertEquals(List.of(), SchemaCheck.problems(schema, JsonParser.parse(reply.body())), reply::toString);
        }
        // Every declared answer of these endpoints, against the real one.
        assertMatches("v2", "GET /health", "healthy", server.get("/api/v2/health"));
        assertMatches("v2", "GET /records/{id}/versions", "versions listed", server.get("/api/v2/records/140/versions", USER, "3"));
        assertMatches("v2", "GET /records/{id}/history", "history listed", server.get("/api/v2/records/140/history", USER, "3"));
        assertMatches("v2", "GET /records/{id}/history", "state at an instant",
                server.get("/api/v2/records/140/history?at=2100-01-01", USER, "3"));
        assertMatches("v2", "GET /records/{id}/diff", "states compared",
                server.get("/api/v2/records/140/diff?from=v:1&to=v:2", USER, "3"));
        assertMatches("v2", "GET /records", "records listed", server.get("/api/v2/records?q=Bo", USER, "3"));
        assertMatches("v2", "GET /audit", "entries listed", server.get("/api/v2/audit?record=140", USER, "3"));
        assertMatches("v2", "GET /audit/verify", "chain verified", server.get("/api/v2/audit/verify", USER, "3"));
        assertMatches("v2", "POST /records/{id}/restore", "record restored",
                server.post("/api/v2/records/140/restore", "{\"version\":1,\"reason\":\"undo\"}", USER, "3"));
        assertMatches("v2", "POST /records/{id}", "record created", server.post("/api/v2/records/142", "{\"a\":[1]}", USER, "3"));
        assertMatches("v1", "POST /records/{id}", "record created", server.post("/api/v1/records/143", "{\"a\":\"b\"}"));
        assertMatches("v2", "POST /snapshots", "snapshot accepted",
                server.post("/api/v2/snapshots", "{\"at\":\"2026-01-01\",\"reason\":\"check\"}", USER, "3"));
        assertMatches("v2", "GET /snapshots/{id}", "snapshot found", server.get("/api/v2/snapshots/1", USER, "3"));
    }

    private static Schema object(String name, Schema property) {
        return Schema.object().with(name, property);
    }

    private static void assertMatches(String version, String endpoint, String caseName, Reply reply) throws Exception {
        String[] parts = endpoint.split(" ", 2);
        var declared = VersionRegistry.standard().byName(version).orElseThrow().schema()
                .find(new Endpoint(parts[0], parts[1])).orElseThrow()
                .response(caseName).orElseThrow();
        assertEquals(declared.status(), reply.status(), () -> endpoint + " " + caseName + ": " + reply);
        assertEquals(List.of(), SchemaCheck.problems(declared.body(), JsonParser.parse(reply.body())), () -> endpoint + " " + caseName + ": " + reply);
    }

    // --- what metrics and logs see -------------------------------------------------------------

    /** One observed request: its path and the version label it was counted under. */
    private record Seen(String path, String route, String apiVersion, int status) {
    }

    @Test
    void theObserverSeesTheVersionThatAnswered() throws IOException {
        Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        ApiServer observed = ApiServer.builder().port(0).routes(server.context().routes())
                .decorator(new DeprecationHeaders(VersionRegistry.standard()))
                .observer((method, path, route, apiVersion, status, nanos, error) -> seen.add(new Seen(path, route, apiVersion, status)))
                .start();
        try {
            String base = observed.baseUrl();
            List<String[]> requests = List.of(
                    new String[] {"/api/v1/records/1", "v1"},
                    new String[] {"/api/v2/records/1", "v2"},
                    new String[] {"/api/records/1?version=v1", "v1"},
                    new String[] {"/api/records/1?version=2026-03-01", "v2"},
                    new String[] {"/api/records/1", "v2"},
                    new String[] {"/api/records/1/history?version=legacy", "v1"},
                    new String[] {"/api/records/1?version=v9", "none"},
                    new String[] {"/api/versions", "none"});
            for (String[] request : requests) {
                send(base, "GET", request[0], USER, "7");
            }
            Wait.until(Duration.ofSeconds(5), () -> seen.size() >= requests.size(), seen::toString);
            List<Seen> all = new ArrayList<>(seen);
            List<String> expected = requests.stream().map(r -> r[0].split("\\?")[0] + " " + r[1]).sorted().toList();
            List<String> counted = all.stream().map(x -> x.path() + " " + x.apiVersion()).sorted().toList();
            assertEquals(expected, counted);
            assertTrue(all.stream().filter(s -> s.path().startsWith("/api/records/1")).allMatch(s -> s.route().startsWith("/api/records/")),
                    "unversioned requests keep their route template: " + all);
        } finally {
            observed.close();
        }
    }

    // --- the API gate ---------------------------------------------------------------------------

    @Test
    void unversionedRequestsAskTheGateForTheVersionTheyResolveTo() throws IOException {
        List<String> asked = new ArrayList<>();
        ApiGate v2Off = (version, request) -> {
            synchronized (asked) {
                asked.add(version);
            }
            return version.equals("v2") ? ApiResponse.error(404, "v2 API is disabled") : null;
        };
        List<Route> v2 = new ArrayList<>(new RecordsApi(server.context().records(), server.context().access()).routes());
        v2.addAll(new HistoryApi(server.context().history(), server.context().records(), server.context().access()).routes());
        Timescape timescape = new Timescape(VersionRegistry.standard(), List.of(new V1V2Change()), v2, v2Off);
        ApiServer gated = ApiServer.builder().port(0).routes(timescape.routes()).start();
        try {
            String base = gated.baseUrl();
            Reply latest = send(base, "GET", "/api/records/1", USER, "7");
            Reply byDate = send(base, "GET", "/api/records/1?version=2026-05-01", USER, "7");
            Reply v1 = send(base, "GET", "/api/records/1?version=v1");
            Reply v1Path = send(base, "GET", "/api/v1/records/1");

            assertEquals(404, latest.status());
            assertEquals("{\"error\":\"v2 API is disabled\"}", latest.body());
            assertEquals(404, byDate.status());
            assertEquals(200, v1.status(), "v1 keeps working");
            assertEquals(200, v1Path.status(), "v1 keeps working though it is served by v2's handlers");
            synchronized (asked) {
                assertEquals(List.of("v2", "v2", "v1"), asked);
            }
        } finally {
            gated.close();
        }
    }

    private static Reply send(String base, String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
