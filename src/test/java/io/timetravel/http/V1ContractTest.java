package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.Engine;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The legacy v1 API answers exactly as the old service did (docs/contract.md: v1), byte for byte where
 * integrators may compare bodies, and its writes are versioned and audited like v2 writes.
 * One server for the class; each test works on record ids of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V1ContractTest {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String INVALID_ID = "{\"error\":\"invalid id; id must be a positive number\"}";
    private static final String INVALID_INPUT = "{\"error\":\"invalid input; could not parse json\"}";

    @TempDir
    static Path dir;

    private static TestServer server;

    /** The engine this class runs on; {@code PostgresV1ContractTest} runs the same tests on PostgreSQL. */
    Engine engine() {
        return Engine.SQLITE;
    }

    /** One server for the class (instance methods, so that a subclass can choose the engine). */
    @BeforeAll
    void start() {
        server = engine().startServer(dir);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH"})
    void healthAnswersOkToEveryMethod(String method) {
        Reply reply = server.send(method, "/api/v1/health", "POST".equals(method) || "PUT".equals(method) ? "{}" : null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("{\"ok\":true}", reply.body());
        assertEquals(JSON, reply.header("Content-Type"));
    }

    @Test
    void healthAnswersOkToHeadWithoutABody() {
        Reply reply = server.send("HEAD", "/api/v1/health", null);

        assertEquals(200, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void readingARecordShowsItsDataWithKeysSorted() {
        assertEquals(200, server.post("/api/v1/records/1", "{\"zeta\":\"z\",\"alpha\":\"a\",\"mid\":\"m\"}").status());

        Reply reply = server.get("/api/v1/records/1");

        assertEquals(200, reply.status());
        assertEquals("{\"id\":1,\"data\":{\"alpha\":\"a\",\"mid\":\"m\",\"zeta\":\"z\"}}", reply.body());
        assertEquals(JSON, reply.header("Content-Type"));
    }

    @Test
    void postCreatesAMissingRecordDroppingNullValues() {
        Reply created = server.post("/api/v1/records/2", "{\"k\":\"v\",\"x\":null}");

        assertEquals(200, created.status());
        assertEquals("{\"id\":2,\"data\":{\"k\":\"v\"}}", created.body());
        assertEquals(JSON, created.header("Content-Type"));
        assertEquals("{\"id\":2,\"data\":{\"k\":\"v\"}}", server.get("/api/v1/records/2").body());
    }

    @Test
    void postMergesIntoAnExistingRecordWhereNullRemovesAKey() {
        server.post("/api/v1/records/3", "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");

        Reply merged = server.post("/api/v1/records/3", "{\"b\":null,\"a\":\"one\",\"d\":\"4\"}");

        assertEquals(200, merged.status());
        assertEquals("{\"id\":3,\"data\":{\"a\":\"one\",\"c\":\"3\",\"d\":\"4\"}}", merged.body());
        assertEquals(merged.body(), server.get("/api/v1/records/3").body());
    }

    @Test
    void nonAsciiTextRoundTripsUnchanged() {
        Reply reply = server.post("/api/v1/records/4", "{\"name\":\"Zoë Ångström 東京 😀\"}");

        assertEquals(200, reply.status());
        assertEquals("{\"id\":4,\"data\":{\"name\":\"Zoë Ångström 東京 😀\"}}", server.get("/api/v1/records/4").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "2147483648", "%20", "1e3", "+", "++5", "-0", "+0", "+-5",
        "%2B2147483648", "99999999999999999999", "%D9%A1"})
    void readingAnInvalidIdIsA400WithTheLegacyMessage(String id) {
        Reply reply = server.get("/api/v1/records/" + id);

        assertEquals(400, reply.status());
        assertEquals(INVALID_ID, reply.body());
        assertEquals(JSON, reply.header("Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "2147483648", "%20", "1e3", "+", "++5", "-0", "+0", "+-5",
        "%2B2147483648", "99999999999999999999", "%D9%A1"})
    void writingToAnInvalidIdIsA400WithTheLegacyMessageAndWritesNothing(String id) {
        long before = versionRows();

        Reply reply = server.post("/api/v1/records/" + id, "{\"k\":\"v\"}");

        assertEquals(400, reply.status());
        assertEquals(INVALID_ID, reply.body());
        assertEquals(before, versionRows());
    }

    /** The legacy service read ids with Go's strconv.ParseInt: an optional sign and leading zeros are fine. */
    @ParameterizedTest
    @ValueSource(strings = {"+90", "%2B90", "090", "+0090", "00000000000000000000090"})
    void aSignOrLeadingZerosNameTheSameRecordAsTheLegacyServiceRead(String id) {
        server.post("/api/v1/records/90", "{\"k\":\"v\"}");

        Reply read = server.get("/api/v1/records/" + id);
        Reply written = server.post("/api/v1/records/" + id, "{\"k\":\"w\"}");

        assertEquals(200, read.status(), read::toString);
        assertEquals("{\"id\":90,\"data\":{\"k\":\"v\"}}", read.body());
        assertEquals(200, written.status(), written::toString);
        assertEquals("{\"id\":90,\"data\":{\"k\":\"w\"}}", written.body());
        server.post("/api/v1/records/90", "{\"k\":\"v\"}");
    }

    @Test
    void aMissingRecordNamedWithASignIsNamedByItsNumber() {
        Reply reply = server.get("/api/v1/records/+33");

        assertEquals(400, reply.status());
        assertEquals("{\"error\":\"record of id 33 does not exist\"}", reply.body());
    }

    @Test
    void largestThirtyTwoBitIdIsValid() {
        Reply written = server.post("/api/v1/records/2147483647", "{\"k\":\"v\"}");

        assertEquals(200, written.status());
        assertEquals("{\"id\":2147483647,\"data\":{\"k\":\"v\"}}", written.body());
        assertEquals(written.body(), server.get("/api/v1/records/2147483647").body());
    }

    @Test
    void missingRecordIsA400WithTheLegacyMessage() {
        Reply reply = server.get("/api/v1/records/32");

        assertEquals(400, reply.status());
        assertEquals("{\"error\":\"record of id 32 does not exist\"}", reply.body());
        assertEquals(JSON, reply.header("Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"k\":1}",
        "{\"k\":{\"nested\":\"v\"}}",
        "{\"k\":[\"v\"]}",
        "{\"k\":true}",
        "[\"k\",\"v\"]",
        "\"k\"",
        "{\"k\":",
        "{k:\"v\"}",
        "",
    })
    void bodyThatIsNotAnObjectOfStringsIsRefusedAndNothingIsWritten(String body) {
        server.post("/api/v1/records/60", "{\"kept\":\"yes\"}");
        long before = versionRows();

        Reply onExisting = server.post("/api/v1/records/60", body);
        Reply onMissing = server.post("/api/v1/records/61", body);

        assertEquals(400, onExisting.status());
        assertEquals(INVALID_INPUT, onExisting.body());
        assertEquals(JSON, onExisting.header("Content-Type"));
        assertEquals(400, onMissing.status());
        assertEquals(INVALID_INPUT, onMissing.body());
        assertEquals(before, versionRows());
        assertEquals("{\"id\":60,\"data\":{\"kept\":\"yes\"}}", server.get("/api/v1/records/60").body());
        assertEquals(400, server.get("/api/v1/records/61").status());
    }

    /** gorilla/mux's 405: the status and nothing else, no body, no content type. */
    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void wrongMethodOnARecordIsA405WithAnEmptyBodyAsTheLegacyRouterAnswered(String method) {
        server.post("/api/v1/records/70", "{\"k\":\"v\"}");

        Reply reply = server.send(method, "/api/v1/records/70", "{\"k\":\"changed\"}");

        assertEquals(405, reply.status());
        assertEquals("", reply.body());
        assertEquals(null, reply.header("Content-Type"));
        assertEquals("0", reply.header("Content-Length"));
        assertEquals("@1771200000", reply.header("Deprecation"), "still a deprecated version's answer");
        assertEquals("{\"id\":70,\"data\":{\"k\":\"v\"}}", server.get("/api/v1/records/70").body());
    }

    /** Go's http.NotFound: this exact text, as plain text, with nosniff; {id} never matches an empty segment. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing", "/api/v1/records", "/api/v1/records/", "/api/v1/records/1/extra", "/api/v1",
        "/api/v1/", "/api/v1/health/", "/api/v1/records//1"})
    void unknownV1PathIsA404InTheWordsOfGo(String path) {
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            Reply reply = server.send(method, path, "POST".equals(method) || "PUT".equals(method) ? "{\"k\":\"v\"}" : null);

            assertEquals(404, reply.status(), () -> method + " " + path + ": " + reply);
            assertEquals("404 page not found\n", reply.body());
            assertEquals("text/plain; charset=utf-8", reply.header("Content-Type"));
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
            assertEquals("19", reply.header("Content-Length"));
        }
    }

    @Test
    void unknownPathOutsideV1KeepsItsJsonError() {
        Reply reply = server.get("/nothing");

        assertEquals(404, reply.status());
        assertEquals(JSON, reply.header("Content-Type"));
        assertEquals("{\"error\":\"not found\"}", reply.body());
    }

    @Test
    void v1WritesAreVersionedAndAuditedAsTheAnonymousActor() {
        server.post("/api/v1/records/80", "{\"a\":\"1\"}");
        server.post("/api/v1/records/80", "{\"b\":\"2\"}");

        List<List<String>> versions = Sql.query(server.target(),
                "SELECT version, actor FROM policyholder_records WHERE record_id = 80 ORDER BY version");
        List<List<String>> audit = Sql.query(server.target(),
                "SELECT version, actor FROM audit_history WHERE record_id = 80 ORDER BY id");

        assertEquals(List.of(List.of("1", "0"), List.of("2", "0")), versions);
        assertEquals(List.of(List.of("1", "0"), List.of("2", "0")), audit);
    }

    @Test
    void v1WritesNameTheActorGivenInXUserId() {
        server.post("/api/v1/records/81", "{\"a\":\"1\"}", "X-User-ID", "42");
        server.post("/api/v1/records/81", "{\"a\":\"2\"}", "X-User-ID", "42");

        assertEquals(List.of(List.of("42"), List.of("42")), Sql.query(server.target(),
                "SELECT actor FROM audit_history WHERE record_id = 81 ORDER BY id"));
        assertEquals(List.of(List.of("42"), List.of("42")), Sql.query(server.target(),
                "SELECT actor FROM policyholder_records WHERE record_id = 81 ORDER BY version"));
    }

    @Test
    void v1WriteThatChangesNothingCreatesNoVersion() {
        server.post("/api/v1/records/82", "{\"a\":\"1\"}");

        Reply same = server.post("/api/v1/records/82", "{\"a\":\"1\",\"gone\":null}");

        assertEquals(200, same.status());
        assertEquals("{\"id\":82,\"data\":{\"a\":\"1\"}}", same.body());
        assertEquals(1, Sql.count(server.target(), "SELECT count(*) FROM policyholder_records WHERE record_id = 82"));
    }

    @Test
    void errorsNeverCarryAStackTrace() {
        for (Reply reply : List.of(server.get("/api/v1/records/abc"), server.post("/api/v1/records/1", "{\"k\":")))  {
            assertTrue(reply.status() >= 400 && reply.status() < 500, reply::toString);
            assertTrue(reply.json().getString("error").isPresent(), reply::toString);
            assertTrue(!reply.body().contains("Exception") && !reply.body().contains("\tat "), reply::toString);
        }
        for (Reply reply : List.of(server.send("PUT", "/api/v1/records/1", "{}"), server.get("/api/v1/nowhere"))) {
            assertTrue(reply.status() >= 400 && reply.status() < 500, reply::toString);
            assertTrue(!reply.body().contains("Exception") && !reply.body().contains("\tat "), reply::toString);
        }
    }

    private static long versionRows() {
        return Sql.count(server.target(), "SELECT count(*) FROM policyholder_records");
    }
}
