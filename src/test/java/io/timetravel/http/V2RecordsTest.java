package io.timetravel.http;

import static io.timetravel.testing.JsonBodies.data;
import static io.timetravel.testing.JsonBodies.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.testing.Engine;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v2 record endpoints over real HTTP (docs/contract.md: Semantics, v2): the user header, merge-patch writes,
 * reads on both time axes, the version list and single versions. One server for the class; each
 * test works on record ids of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V2RecordsTest {

    private static final String JSON = "application/json; charset=utf-8";
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    private static final Set<String> RECORD_KEYS = Set.of("id", "version", "data", "created_at", "updated_at",
            "effective_at", "recorded_at", "actor", "operation");

    @TempDir
    static Path dir;

    private static TestServer server;

    /** The engine this class runs on; {@code PostgresV2RecordsTest} runs the same tests on PostgreSQL. */
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

    // --- X-User-ID ---------------------------------------------------------------------------

    @Test
    void missingUserHeaderIsRefusedOnEveryRecordRoute() {
        write(1, "{\"a\":1}");
        long before = versionRows();

        for (Reply reply : everyRecordRoute(1)) {
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("{\"error\":\"missing X-User-ID header\"}", reply.body());
            assertEquals(JSON, reply.header("Content-Type"));
        }
        assertEquals(before, versionRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "99999999999999999999", "1.5", "", "0x10", "9223372036854775808"})
    void malformedUserHeaderIsRefusedOnEveryRecordRoute(String user) {
        write(2, "{\"a\":1}");
        long before = versionRows();

        for (Reply reply : everyRecordRoute(2, "X-User-ID", user)) {
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("{\"error\":\"invalid X-User-ID header\"}", reply.body());
        }
        assertEquals(before, versionRows());
    }

    @Test
    void largestUserIdIsAccepted() {
        Reply reply = server.post("/api/v2/records/3", "{\"a\":1}", "X-User-ID", "9223372036854775807");

        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.body().contains("\"actor\":9223372036854775807"), reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/health", "/health"})
    void healthNeedsNoUserAndReportsTheDatabase(String path) {
        Reply reply = server.get(path);

        assertEquals(200, reply.status());
        assertEquals(JSON, reply.header("Content-Type"));
        assertEquals("ok", reply.json().getString("status").orElseThrow());
        assertEquals("ok", reply.json().getString("db").orElseThrow());
    }

    // --- writes ------------------------------------------------------------------------------

    @Test
    void firstWriteCreatesTheRecordWith201AndTheFullRecordBody() {
        Reply reply = server.post("/api/v2/records/100", "{\"name\":\"Ada\",\"region\":\"EU\"}", "X-User-ID", "7");

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(JSON, reply.header("Content-Type"));
        JsonObject body = reply.json();
        assertTrue(body.members().keySet().containsAll(RECORD_KEYS), body::toJson);
        assertEquals(100, number(body, "id"));
        assertEquals(1, number(body, "version"));
        assertEquals("{\"name\":\"Ada\",\"region\":\"EU\"}", data(body));
        assertEquals(7, number(body, "actor"));
        assertEquals("CREATE", body.getString("operation").orElseThrow());
        for (String key : List.of("created_at", "updated_at", "effective_at", "recorded_at")) {
            assertTrue(INSTANT.matcher(body.getString(key).orElseThrow()).matches(), key + " in " + body);
        }
        assertEquals(body.getString("recorded_at"), body.getString("effective_at"));
        assertEquals(body.getString("recorded_at"), body.getString("created_at"));
    }

    @Test
    void laterWriteUpdatesWith200AndKeepsTheCreationInstant() {
        JsonObject created = write(101, "{\"name\":\"Ada\"}");

        Reply reply = server.post("/api/v2/records/101", "{\"name\":\"Ada Lovelace\"}", "X-User-ID", "8");

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertTrue(body.members().keySet().containsAll(RECORD_KEYS), body::toJson);
        assertEquals(101, number(body, "id"));
        assertEquals(2, number(body, "version"));
        assertEquals("{\"name\":\"Ada Lovelace\"}", data(body));
        assertEquals(8, number(body, "actor"));
        assertEquals("UPDATE", body.getString("operation").orElseThrow());
        assertEquals(created.getString("created_at"), body.getString("created_at"));
        assertNotEquals(created.getString("recorded_at"), body.getString("recorded_at"));
    }

    @Test
    void writeIsAMergePatchWithNestedMergeNullRemovalAndArraysReplaced() {
        write(102, "{\"a\":\"1\",\"b\":\"2\",\"nested\":{\"x\":1,\"y\":2,\"deep\":{\"p\":true}},\"list\":[1,2,3]}");

        JsonObject patched = write(102, "{\"b\":null,\"nested\":{\"y\":null,\"z\":3,\"deep\":{\"q\":false}},\"list\":[9],\"c\":1.50}");

        String expected = "{\"a\":\"1\",\"c\":1.50,\"list\":[9],\"nested\":{\"deep\":{\"p\":true,\"q\":false},\"x\":1,\"z\":3}}";
        assertEquals(expected, data(patched));
        assertEquals(expected, data(read("/api/v2/records/102")));
    }

    @Test
    void nullOnANewRecordIsDropped() {
        JsonObject created = write(103, "{\"a\":\"1\",\"gone\":null}");

        assertEquals("{\"a\":\"1\"}", data(created));
    }

    @Test
    void writeThatChangesNothingAnswersTheCurrentVersionAndCreatesNone() {
        write(104, "{\"a\":\"1\",\"n\":{\"x\":1}}");

        Reply same = server.post("/api/v2/records/104", "{\"a\":\"1\",\"absent\":null,\"n\":{\"x\":1.0}}", "X-User-ID", "9");
        Reply empty = server.post("/api/v2/records/104", "{}", "X-User-ID", "9");

        for (Reply reply : List.of(same, empty)) {
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(1, number(reply.json(), "version"));
            assertEquals("{\"a\":\"1\",\"n\":{\"x\":1}}", data(reply.json()));
        }
        assertEquals(1, Sql.count(server.target(), "SELECT count(*) FROM policyholder_records WHERE record_id = 104"));
        assertEquals(1, Sql.count(server.target(), "SELECT count(*) FROM audit_history WHERE record_id = 104"));
    }

    @Test
    void reasonFromXReasonIsKeptWithTheVersion() {
        write(105, "{\"a\":1}");
        server.post("/api/v2/records/105", "{\"a\":2}", "X-User-ID", "7", "X-Reason", "underwriter correction, ticket 12");

        JsonArray versions = array(read("/api/v2/records/105/versions"), "data");

        assertTrue(((JsonObject) versions.elements().get(0)).getOrNull("reason").isNull());
        assertEquals("underwriter correction, ticket 12",
                ((JsonObject) versions.elements().get(1)).getString("reason").orElseThrow());
        assertEquals("underwriter correction, ticket 12",
                Sql.scalar(server.target(), "SELECT reason FROM policyholder_records WHERE record_id = 105 AND version = 2"));
    }

    // --- reads on two time axes --------------------------------------------------------------

    @Test
    void readWithoutInstantsAnswersTheLatestVersion() {
        write(110, "{\"a\":1}");
        write(110, "{\"b\":2}");
        write(110, "{\"a\":null}");

        Reply reply = server.get("/api/v2/records/110", "X-User-ID", "7");

        assertEquals(200, reply.status());
        assertEquals(3, number(reply.json(), "version"));
        assertEquals("{\"b\":2}", data(reply.json()));
    }

    @Test
    void missingRecordIsA404() {
        Reply reply = server.get("/api/v2/records/111", "X-User-ID", "7");

        assertEquals(404, reply.status());
        assertTrue(reply.json().getString("error").isPresent());
    }

    @Test
    void atIsInclusiveOfAVersionsEffectiveInstant() {
        JsonObject first = write(112, "{\"v\":1}");
        JsonObject second = write(112, "{\"v\":2}");
        Instant firstAt = instant(first, "effective_at");
        Instant secondAt = instant(second, "effective_at");

        assertEquals(2, number(read("/api/v2/records/112?at=" + secondAt), "version"));
        assertEquals(1, number(read("/api/v2/records/112?at=" + secondAt.minus(1, ChronoUnit.MICROS)), "version"));
        assertEquals(1, number(read("/api/v2/records/112?at=" + firstAt), "version"));
        assertEquals("{\"v\":1}", data(read("/api/v2/records/112?at=" + firstAt)));
    }

    @Test
    void atBeforeTheRecordExistedIsA404() {
        JsonObject first = write(113, "{\"v\":1}");
        Instant before = instant(first, "effective_at").minus(1, ChronoUnit.MICROS);

        Reply reply = server.get("/api/v2/records/113?at=" + before, "X-User-ID", "7");

        assertEquals(404, reply.status(), reply::toString);
        assertTrue(reply.json().getString("error").isPresent());
    }

    @Test
    void aBackDatedWriteHoldsFromItsEffectiveInstantUntilALaterEffectiveChangeOfTheField() {
        Reply created = server.post("/api/v2/records/114?effective_at=2020-01-01T00:00:00Z",
                "{\"premium\":\"100\",\"name\":\"A\"}", "X-User-ID", "7");
        assertEquals(201, created.status(), created::toString);
        write(114, "{\"premium\":\"120\"}");

        Reply corrected = server.post("/api/v2/records/114?effective_at=2021-01-01T00:00:00Z", "{\"premium\":\"110\"}",
                "X-User-ID", "7", "X-Reason", "late notice");

        assertEquals(200, corrected.status(), corrected::toString);
        // The answer is the record now: version 2 changed the premium later, so it still holds today.
        assertEquals(3, number(corrected.json(), "version"));
        assertEquals("2021-01-01T00:00:00.000000Z", corrected.json().getString("effective_at").orElseThrow());
        assertEquals("{\"name\":\"A\",\"premium\":\"120\"}", data(corrected.json()));
        assertEquals("{\"name\":\"A\",\"premium\":\"100\"}", data(read("/api/v2/records/114?at=2020-06-01T00:00:00Z")));
        assertEquals("{\"name\":\"A\",\"premium\":\"110\"}", data(read("/api/v2/records/114?at=2021-06-01T00:00:00Z")));
        assertEquals(3, number(read("/api/v2/records/114"), "version"), "the highest version in the fold");
        assertEquals("{\"name\":\"A\",\"premium\":\"120\"}", data(read("/api/v2/records/114")));
        assertEquals(404, server.get("/api/v2/records/114?at=2019-12-31T23:59:59.999999Z", "X-User-ID", "7").status());
    }

    @Test
    void asOfAnswersWhatTheStoreKnewThen() {
        server.post("/api/v2/records/115?effective_at=2020-01-01T00:00:00Z", "{\"premium\":\"100\"}", "X-User-ID", "7");
        JsonObject second = write(115, "{\"premium\":\"120\"}");
        JsonObject correction = json(server.post("/api/v2/records/115?effective_at=2021-01-01T00:00:00Z",
                "{\"premium\":\"110\"}", "X-User-ID", "7"));
        Instant knownBeforeCorrection = instant(correction, "recorded_at").minus(1, ChronoUnit.MICROS);

        JsonObject thenKnown = read("/api/v2/records/115?at=2021-06-01T00:00:00Z&as_of=" + knownBeforeCorrection);
        JsonObject nowKnown = read("/api/v2/records/115?at=2021-06-01T00:00:00Z&as_of=" + instant(correction, "recorded_at"));
        JsonObject asOfOnly = read("/api/v2/records/115?as_of=" + instant(second, "recorded_at"));

        assertEquals(1, number(thenKnown, "version"));
        assertEquals("{\"premium\":\"100\"}", data(thenKnown));
        assertEquals(3, number(nowKnown, "version"));
        assertEquals("{\"premium\":\"110\"}", data(nowKnown));
        assertEquals(2, number(asOfOnly, "version"));
        assertEquals(404, server.get("/api/v2/records/115?as_of=2019-01-01", "X-User-ID", "7").status());
    }

    @Test
    void instantsWithOffsetsAndPlainDatesAreUnderstood() {
        Reply created = server.post("/api/v2/records/116?effective_at=2026-05-01T12:00:00+02:00", "{\"v\":1}",
                "X-User-ID", "7");
        Reply dated = server.post("/api/v2/records/116?effective_at=2026-06-01", "{\"v\":2}", "X-User-ID", "7");

        assertEquals(201, created.status(), created::toString);
        assertEquals("2026-05-01T10:00:00.000000Z", created.json().getString("effective_at").orElseThrow());
        assertEquals(200, dated.status(), dated::toString);
        assertEquals("2026-06-01T00:00:00.000000Z", dated.json().getString("effective_at").orElseThrow());
        assertEquals(1, number(read("/api/v2/records/116?at=2026-05-01T12:00:00+02:00"), "version"));
        assertEquals(1, number(read("/api/v2/records/116?at=2026-05-01T12:00:00%2B02:00"), "version"));
        assertEquals(1, number(read("/api/v2/records/116?at=2026-05-01T06:00:00.000001-04:00"), "version"));
        assertEquals(404, server.get("/api/v2/records/116?at=2026-05-01T11:59:59.999999+02:00", "X-User-ID", "7").status());
        assertEquals(404, server.get("/api/v2/records/116?at=2026-05-01", "X-User-ID", "7").status());
        assertEquals(1, number(read("/api/v2/records/116?at=2026-05-02"), "version"));
        assertEquals(2, number(read("/api/v2/records/116?at=2026-06-01"), "version"));
        assertEquals(1, number(read("/api/v2/records/116?at=2026-05-31T23:59:59.999999999Z"), "version"));
    }

    // --- versions ----------------------------------------------------------------------------

    @Test
    void versionsAreListedOldestFirstInPages() {
        for (int i = 1; i <= 5; i++) {
            write(120, "{\"n\":" + i + "}");
        }

        JsonObject all = read("/api/v2/records/120/versions");
        JsonObject middle = read("/api/v2/records/120/versions?limit=2&offset=1");
        JsonObject past = read("/api/v2/records/120/versions?offset=10");

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), versionNumbers(all));
        assertEquals("{\"limit\":100,\"offset\":0,\"total\":5}", all.getOrNull("pagination").toJson());
        assertEquals(List.of(2L, 3L), versionNumbers(middle));
        assertEquals("{\"limit\":2,\"offset\":1,\"total\":5}", middle.getOrNull("pagination").toJson());
        assertEquals(List.of(), versionNumbers(past));
        assertEquals(5, number((JsonObject) past.getOrNull("pagination"), "total"));
        JsonObject first = (JsonObject) array(all, "data").elements().get(0);
        assertTrue(first.members().keySet().containsAll(Set.of("version", "recorded_at", "effective_at", "actor",
                "operation", "reason")), first::toJson);
        assertEquals("CREATE", first.getString("operation").orElseThrow());
        assertEquals("UPDATE", ((JsonObject) array(all, "data").elements().get(4)).getString("operation").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=abc", "limit=", "offset=-1", "offset=x", "limit=1.5", "limit=%2B5",
        "offset=99999999999999999999"})
    void badPagingIsA400(String query) {
        write(121, "{\"a\":1}");

        Reply reply = server.get("/api/v2/records/121/versions?" + query, "X-User-ID", "7");

        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.json().getString("error").isPresent());
    }

    @Test
    void versionsOfAMissingRecordIsA404() {
        assertEquals(404, server.get("/api/v2/records/122/versions", "X-User-ID", "7").status());
    }

    @Test
    void versionNShowsTheRecordAsItWasThen() {
        write(123, "{\"a\":1}");
        write(123, "{\"b\":2}");

        JsonObject first = read("/api/v2/records/123/versions/1");
        JsonObject second = read("/api/v2/records/123/versions/2");

        assertTrue(first.members().keySet().containsAll(RECORD_KEYS), first::toJson);
        assertEquals(1, number(first, "version"));
        assertEquals("{\"a\":1}", data(first));
        assertEquals(2, number(second, "version"));
        assertEquals("{\"a\":1,\"b\":2}", data(second));
    }

    @Test
    void unknownVersionOrRecordIsA404() {
        write(124, "{\"a\":1}");

        for (String path : List.of("/api/v2/records/124/versions/2", "/api/v2/records/124/versions/9223372036854775807",
                "/api/v2/records/125/versions/1")) {
            Reply reply = server.get(path, "X-User-ID", "7");
            assertEquals(404, reply.status(), path + " " + reply);
            assertTrue(reply.json().getString("error").isPresent());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "abc", "-1", "1.0", "9223372036854775808"})
    void invalidVersionNumberIsA400(String n) {
        write(126, "{\"a\":1}");

        Reply reply = server.get("/api/v2/records/126/versions/" + n, "X-User-ID", "7");

        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.json().getString("error").isPresent());
    }

    // --- ids and instants --------------------------------------------------------------------

    @Test
    void idsUpToTheLargest64BitNumberAreValid() {
        Reply created = server.post("/api/v2/records/9223372036854775807", "{\"a\":1}", "X-User-ID", "7");
        Reply read = server.get("/api/v2/records/9223372036854775807", "X-User-ID", "7");

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.body().contains("\"id\":9223372036854775807"), created.body());
        assertEquals(200, read.status());
        assertTrue(read.body().contains("\"id\":9223372036854775807"), read.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "0", "-1", "abc", "1.5", "%20", "99999999999999999999"})
    void idsOutsideThePositive64BitRangeAreA400(String id) {
        long before = versionRows();

        Reply write = server.post("/api/v2/records/" + id, "{\"a\":1}", "X-User-ID", "7");
        Reply read = server.get("/api/v2/records/" + id, "X-User-ID", "7");
        Reply versions = server.get("/api/v2/records/" + id + "/versions", "X-User-ID", "7");

        for (Reply reply : List.of(write, read, versions)) {
            assertEquals(400, reply.status(), reply::toString);
            assertTrue(reply.json().getString("error").isPresent());
        }
        assertEquals(before, versionRows());
    }

    @Test
    void recordedAtStrictlyIncreasesAndHasMicroseconds() {
        for (int i = 0; i < 25; i++) {
            write(130, "{\"n\":" + i + "}");
        }

        JsonArray versions = array(read("/api/v2/records/130/versions"), "data");

        assertEquals(25, versions.size());
        Instant previous = Instant.MIN;
        for (JsonValue entry : versions.elements()) {
            String recordedAt = ((JsonObject) entry).getString("recorded_at").orElseThrow();
            assertTrue(INSTANT.matcher(recordedAt).matches(), recordedAt);
            Instant current = Instant.parse(recordedAt);
            assertTrue(current.isAfter(previous), previous + " then " + current);
            previous = current;
        }
        List<List<String>> stored = Sql.query(server.target(),
                "SELECT recorded_at FROM policyholder_records WHERE record_id = 130 ORDER BY version");
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i).get(0).compareTo(stored.get(i - 1).get(0)) > 0, stored::toString);
        }
    }

    @Test
    void answersAreJsonAndErrorsNeverShowStackTraces() {
        write(131, "{\"a\":1}");

        for (Reply reply : List.of(server.get("/api/v2/records/131", "X-User-ID", "7"),
                server.get("/api/v2/records/131?at=nope", "X-User-ID", "7"),
                server.get("/api/v2/records/999131", "X-User-ID", "7"),
                server.send("DELETE", "/api/v2/records/131", null, "X-User-ID", "7"))) {
            assertEquals(JSON, reply.header("Content-Type"), reply::toString);
            assertFalse(reply.body().contains("Exception"), reply::toString);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The answers of every v2 record route, for one record, with the given extra headers. */
    private static List<Reply> everyRecordRoute(long id, String... headers) {
        String base = "/api/v2/records/" + id;
        return List.of(
                server.post(base, "{\"b\":2}", headers),
                server.get(base, headers),
                server.get(base + "?at=2026-01-01", headers),
                server.get(base + "/versions", headers),
                server.get(base + "/versions/1", headers));
    }

    private static JsonObject write(long id, String patch) {
        Reply reply = server.post("/api/v2/records/" + id, patch, "X-User-ID", "7");
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
        return reply.json();
    }

    private static JsonObject read(String path) {
        Reply reply = server.get(path, "X-User-ID", "7");
        assertEquals(200, reply.status(), () -> path + " " + reply);
        return reply.json();
    }

    private static JsonObject json(Reply reply) {
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
        return reply.json();
    }



    private static JsonArray array(JsonObject object, String key) {
        return (JsonArray) object.getOrNull(key);
    }

    private static Instant instant(JsonObject record, String key) {
        return Instant.parse(record.getString(key).orElseThrow());
    }

    private static List<Long> versionNumbers(JsonObject page) {
        List<Long> numbers = new ArrayList<>();
        for (JsonValue entry : array(page, "data").elements()) {
            numbers.add(number((JsonObject) entry, "version"));
        }
        return numbers;
    }

    private static long versionRows() {
        return Sql.count(server.target(), "SELECT count(*) FROM policyholder_records");
    }
}
