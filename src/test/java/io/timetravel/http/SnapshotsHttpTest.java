package io.timetravel.http;

import static io.timetravel.testing.JsonBodies.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots over real HTTP (issue 3 item 8): request, follow, export, and what a snapshot holds
 * on the two time axes.
 */
class SnapshotsHttpTest {

    private static final String USER = "X-User-ID";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> ACCEPTED_KEYS = Set.of("snapshot_id", "status", "at", "as_of", "expires_at");
    private static final Set<String> STATUS_KEYS = Set.of("snapshot_id", "status", "at", "as_of", "reason", "requested_by",
            "requested_at", "record_count", "byte_size", "sha256", "completed_at", "expires_at", "error", "masked");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("snap.db"), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSnapshotIsAcceptedThenCompletesAndExportsEveryRecordAsItWasAtTheInstant() throws Exception {
        at("10:00");
        write(1, "{\"name\":\"Ada\",\"premium\":1}");
        write(2, "{\"name\":\"Bob\",\"smoker\":false}");
        write(3, "{\"name\":\"Cy\"}");
        at("11:00");
        write(1, "{\"premium\":2}");
        write(2, "{\"smoker\":null}");
        at("12:00");
        write(1, "{\"premium\":3}");
        write(4, "{\"name\":\"Dee\"}");
        at("13:00");

        Reply accepted = server.post("/api/v2/snapshots", "{\"at\":\"2026-05-01T11:30:00Z\",\"reason\":\"Q2 audit\"}", USER, "42");

        assertEquals(202, accepted.status(), accepted::toString);
        JsonObject body = accepted.json();
        assertEquals(ACCEPTED_KEYS, body.members().keySet());
        long id = number(body, "snapshot_id");
        assertEquals("in_progress", text(body, "status"));
        assertEquals("2026-05-01T11:30:00.000000Z", text(body, "at"));
        Instant asOf = Instant.parse(text(body, "as_of"));
        assertTrue(!asOf.isBefore(Instant.parse("2026-05-01T13:00:00Z")), "as_of defaults to the request's instant");
        assertEquals(asOf.plus(Duration.ofDays(7)), Instant.parse(text(body, "expires_at")));
        assertEquals("/api/v2/snapshots/" + id, accepted.header("Location"));

        JsonObject done = awaitCompleted(id);
        assertEquals(STATUS_KEYS, done.members().keySet());
        assertEquals(3, number(done, "record_count"), "record 4 did not exist yet at 11:30");
        assertEquals(42, number(done, "requested_by"));
        assertEquals("Q2 audit", text(done, "reason"));
        assertEquals(text(body, "as_of"), text(done, "requested_at"));
        assertTrue(done.getOrNull("error").isNull());
        assertNotNull(text(done, "completed_at"));

        HttpResponse<byte[]> export = export(id);
        assertEquals(200, export.statusCode());
        byte[] bytes = export.body();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals("application/gzip", export.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"snapshot-" + id + ".ndjson.gz\"",
                export.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(hex, export.headers().firstValue("X-Content-SHA256").orElseThrow(), "the digest header matches the bytes");
        assertEquals("sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)),
                export.headers().firstValue("Digest").orElseThrow());
        assertEquals(hex, text(done, "sha256"));
        assertEquals(bytes.length, number(done, "byte_size"));

        List<String> lines = gunzipLines(bytes);
        assertEquals(3, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Reply record = server.get("/api/v2/records/" + (i + 1) + "?at=2026-05-01T11:30:00Z&as_of=" + text(body, "as_of"), USER, "42");
            assertEquals(record.body(), lines.get(i), "each line is the record's v2 body at the instant");
        }
        assertEquals("{\"name\":\"Ada\",\"premium\":2}", data(lines.get(0)));
        assertEquals("{\"name\":\"Bob\"}", data(lines.get(1)));

        assertEquals(List.of(List.of("snapshot.requested", "42"), List.of("snapshot.completed", "42")), Sql.query(server.database(),
                "SELECT event_type, actor FROM event_logs WHERE event_type LIKE 'snapshot.%' ORDER BY id"));
        JsonObject payload = parse(Sql.scalar(server.database(),
                "SELECT payload FROM event_logs WHERE event_type = 'snapshot.requested'"));
        assertEquals("2026-05-01T11:30:00.000000Z", text(payload, "at"));
        assertEquals(text(body, "as_of"), text(payload, "as_of"));
        assertEquals("Q2 audit", text(payload, "reason"));
        assertEquals(42, number(payload, "actor"));
    }

    @Test
    void aSnapshotHoldsCorrectionsCarriedForwardAndEndsBoundedPeriods() throws Exception {
        at("10:00");
        write(1, "{\"a\":1,\"b\":1}", "2026-01-01T00:00:00Z", null);
        write(2, "{\"city\":\"Oslo\"}", "2026-01-01T00:00:00Z", null);
        at("11:00");
        write(1, "{\"b\":2}", "2026-02-01T00:00:00Z", null);
        write(2, "{\"city\":\"Rome\"}", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");

        long march = request("{\"at\":\"2026-03-15T00:00:00Z\",\"reason\":\"march\"}");
        long april = request("{\"at\":\"2026-04-15T00:00:00Z\",\"reason\":\"april\"}");

        awaitCompleted(march);
        awaitCompleted(april);
        List<String> inMarch = gunzipLines(export(march).body());
        List<String> inApril = gunzipLines(export(april).body());
        assertEquals("{\"a\":1,\"b\":2}", data(inMarch.get(0)), "the correction from February reaches March");
        assertEquals("{\"city\":\"Rome\"}", data(inMarch.get(1)));
        assertTrue(inMarch.get(1).contains("\"valid_to\":\"2026-04-01T00:00:00.000000Z\""), inMarch.get(1));
        assertEquals("{\"a\":1,\"b\":2}", data(inApril.get(0)));
        assertEquals("{\"city\":\"Oslo\"}", data(inApril.get(1)), "Rome ended on 1 April");
    }

    @Test
    void aBackDatedWriteRecordedAfterTheSnapshotsAsOfIsNotInIt() throws Exception {
        at("10:00");
        write(10, "{\"smoker\":false}");
        at("12:00");
        long before = request("{\"at\":\"2026-05-01T11:00:00Z\",\"reason\":\"before the correction\"}");
        at("12:05");
        Reply correction = server.post("/api/v2/records/10?effective_at=2026-05-01T10:30:00Z", "{\"smoker\":true}", USER, "7");
        assertEquals(200, correction.status(), correction::toString);
        at("12:10");
        long asKnownEarlier = request("{\"at\":\"2026-05-01T11:00:00Z\",\"as_of\":\"2026-05-01T12:01:00Z\",\"reason\":\"as known at 12:01\"}");
        long after = request("{\"at\":\"2026-05-01T11:00:00Z\",\"reason\":\"after the correction\"}");

        awaitCompleted(before);
        awaitCompleted(asKnownEarlier);
        awaitCompleted(after);

        assertEquals("{\"smoker\":false}", data(gunzipLines(export(before).body()).get(0)));
        assertEquals("{\"smoker\":false}", data(gunzipLines(export(asKnownEarlier).body()).get(0)));
        assertEquals("{\"smoker\":true}", data(gunzipLines(export(after).body()).get(0)),
                "the correction is true at 11:00 as known now");
    }

    @Test
    void badSnapshotRequestsAreRefusedAndRecordNothing() {
        at("12:00");
        String[][] cases = {
                {"{\"at\":\"2026-05-01T11:00:00Z\"}", "a reason is required"},
                {"{\"at\":\"2026-05-01T11:00:00Z\",\"reason\":\"  \"}", "a reason is required"},
                {"{\"at\":\"2026-05-01T11:00:00Z\",\"reason\":7}", "reason must be a string"},
                {"{\"reason\":\"why\"}", "at is required"},
                {"{\"at\":null,\"reason\":\"why\"}", "at is required"},
                {"{\"at\":\"yesterday\",\"reason\":\"why\"}", "invalid at"},
                {"{\"at\":1714557600,\"reason\":\"why\"}", "invalid at"},
                {"{\"at\":\"2026-05-01T12:00:01Z\",\"reason\":\"why\"}", "at is in the future"},
                {"{\"at\":\"2026-05-01\",\"as_of\":\"2026-05-02\",\"reason\":\"why\"}", "as_of is in the future"},
                {"{\"at\":\"2026-05-01\",\"as_of\":\"garbage\",\"reason\":\"why\"}", "invalid as_of"},
                {"{\"at\":\"2026-05-01\",\"asof\":\"2026-05-01\",\"reason\":\"why\"}", "unknown member \"asof\""},
                {"[1,2]", "invalid JSON body"},
                {"{\"at\":", "invalid JSON body"},
                {"", "request body must be a JSON object"},
        };
        for (String[] bad : cases) {
            Reply reply = server.post("/api/v2/snapshots", bad[0], USER, "42");

            assertEquals(400, reply.status(), () -> bad[0] + " " + reply);
            assertTrue(text(reply.json(), "error").contains(bad[1]), () -> bad[0] + " " + reply);
        }
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM snapshots"));
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM event_logs"));
    }

    @Test
    void unknownSnapshotsAre404AndBadIds400AndEveryRouteNeedsTheUser() throws Exception {
        assertEquals(404, server.get("/api/v2/snapshots/77", USER, "42").status());
        assertEquals("{\"error\":\"snapshot 77 not found\"}", server.get("/api/v2/snapshots/77", USER, "42").body());
        assertEquals(404, export(77).statusCode());
        assertEquals(400, server.get("/api/v2/snapshots/abc", USER, "42").status());
        assertEquals(400, server.get("/api/v2/snapshots/0/export", USER, "42").status());
        for (Reply reply : List.of(
                server.post("/api/v2/snapshots", "{\"at\":\"2026-05-01\",\"reason\":\"why\"}"),
                server.get("/api/v2/snapshots/1"),
                server.get("/api/v2/snapshots/1/export"))) {
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("{\"error\":\"missing X-User-ID header\"}", reply.body());
        }
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM snapshots"));
    }

    @Test
    void anExpiredSnapshotAnswers410() throws Exception {
        write(1, "{\"a\":1}");
        long id = request("{\"at\":\"2026-05-01T10:00:00Z\",\"reason\":\"retention check\"}");
        awaitCompleted(id);
        assertEquals(200, export(id).statusCode());

        clock.advance(Duration.ofDays(8));

        assertEquals("expired", text(server.get("/api/v2/snapshots/" + id, USER, "42").json(), "status"));
        HttpResponse<byte[]> gone = export(id);
        assertEquals(410, gone.statusCode());
        assertTrue(new String(gone.body(), StandardCharsets.UTF_8).contains("expired at"));
    }

    // --- helpers -----------------------------------------------------------------------------

    private void at(String time) {
        clock.set("2026-05-01T" + time + ":00Z");
    }

    private void write(long id, String patch) {
        write(id, patch, null, null);
    }

    private void write(long id, String patch, String effectiveAt, String validTo) {
        String query = (effectiveAt == null ? "" : "?effective_at=" + effectiveAt)
                + (validTo == null ? "" : "&valid_to=" + validTo);
        Reply reply = server.post("/api/v2/records/" + id + query, patch, USER, "7");
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
    }

    private long request(String body) {
        Reply reply = server.post("/api/v2/snapshots", body, USER, "42");
        assertEquals(202, reply.status(), reply::toString);
        return number(reply.json(), "snapshot_id");
    }

    private JsonObject awaitCompleted(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = server.get("/api/v2/snapshots/" + id, USER, "42");
            assertEquals(200, reply.status(), reply::toString);
            String status = text(reply.json(), "status");
            if (!status.equals("in_progress")) {
                assertEquals("completed", status, reply::toString);
                return reply.json();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("snapshot " + id + " did not complete");
    }

    private HttpResponse<byte[]> export(long id) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v2/snapshots/" + id + "/export"))
                .header(USER, "42").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> gunzipLines(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.isEmpty() || text.endsWith("\n"), "every line ends with a newline");
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        }
    }

    private static String data(String line) {
        return parse(line).getOrNull("data").toJson();
    }

    private static JsonObject parse(String json) {
        try {
            return JsonParser.parseObject(json);
        } catch (JsonParseException e) {
            throw new AssertionError(json, e);
        }
    }

    private static String text(JsonObject object, String key) {
        return object.getString(key).orElseThrow(() -> new AssertionError(key + " in " + object));
    }

}
