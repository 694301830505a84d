package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken input (docs/contract.md: HTTP API): every refusal is a clear 4xx with a JSON
 * error, nothing is written, no answer in the whole class is a 5xx (each request checks), and the
 * server keeps serving. The tests share one server but not their outcomes: each passes alone and
 * in any order.
 */
class BadInputTest {

    private static final String USER = "X-User-ID";
    private static final String RECORD = "/api/v2/records/500";
    private static final String BASELINE = "{\"name\":\"baseline\"}";
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("bad.db"));
        assertEquals(201, call("POST", "/api/v2/records/1", BASELINE).status());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- bodies ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{a:1}", "{\"a\":1,}", "{'a':1}", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":01}",
        "{\"a\":NaN}", "{\"a\":\"\\x\"}", "{\"a\":\"tab\there\"}", "{\"a\" 1}", "nul", "", "   "})
    void malformedJsonIsA400AndWritesNothing(String body) {
        assertRejected(400, () -> call("POST", RECORD, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "[]", "\"text\"", "42", "null", "true"})
    void bodyThatIsNotAnObjectIsA400AndWritesNothing(String body) {
        assertRejected(400, () -> call("POST", RECORD, body));
    }

    @Test
    void bodyOverOneMebibyteIsA413WithAJsonError() {
        Reply reply = assertRejected(413, () -> call("POST", RECORD, objectOfSize(MIB + 1)));

        assertTrue(reply.json().getString("error").orElseThrow().contains("larger"), reply::toString);
    }

    @Test
    void keepAliveClientCanCarryOnAfterA413() {
        for (int i = 0; i < 5; i++) {
            assertEquals(413, call("POST", RECORD, objectOfSize(2 * MIB)).status());
            assertEquals(200, call("GET", "/api/v2/records/1", null).status());
        }
    }

    @Test
    void bodyOfExactlyOneMebibyteIsAccepted() {
        String body = objectOfSize(MIB);

        Reply reply = call("POST", "/api/v2/records/501", body);

        assertEquals(201, reply.status(), () -> reply.status() + " " + reply.body().substring(0, 200));
        assertEquals(200, call("GET", "/api/v2/records/501", null).status());
    }

    @Test
    void nestingDeeperThan64LevelsIsA400() {
        assertRejected(400, () -> call("POST", RECORD, nestedObjects(65)));
        assertRejected(400, () -> call("POST", RECORD, "{\"a\":" + "[".repeat(64) + "1" + "]".repeat(64) + "}"));
        assertRejected(400, () -> call("POST", RECORD, nestedObjects(100_000)));
    }

    @Test
    void nestingOf64LevelsIsAcceptedAndReadBackExactly() {
        String objects = nestedObjects(64);
        String arrays = "{\"a\":" + "[".repeat(63) + "1" + "]".repeat(63) + "}";

        Reply deepObjects = call("POST", "/api/v2/records/502", objects);
        Reply deepArrays = call("POST", "/api/v2/records/503", arrays);

        assertEquals(201, deepObjects.status(), deepObjects::toString);
        assertEquals(201, deepArrays.status(), deepArrays::toString);
        assertTrue(call("GET", "/api/v2/records/502", null).body().contains("\"data\":" + objects + ","));
        assertTrue(call("GET", "/api/v2/records/503", null).body().contains("\"data\":" + arrays + ","));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C328", "FF", "C0AF", "EDA080", "F4908080", "E282", "80"})
    void invalidUtf8IsA400AndWritesNothing(String hexBytes) {
        byte[] body = concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8), hex(hexBytes), "\"}".getBytes(StandardCharsets.UTF_8));

        assertRejected(400, () -> callBytes("POST", RECORD, body));
    }

    @Test
    void byteOrderMarkIsA400AndWritesNothing() {
        byte[] body = concat(hex("EFBBBF"), "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8));

        assertRejected(400, () -> callBytes("POST", RECORD, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "{\"n\":{\"x\":1,\"x\":null}}", "{\"a\":1,\"\\u0061\":2}"})
    void duplicateKeysAreA400AndWriteNothing(String body) {
        assertRejected(400, () -> call("POST", RECORD, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800x\"}", "{\"a\":\"\\ude00\\ud83d\"}",
        "{\"\\ud800\":\"v\"}"})
    void loneSurrogateEscapeIsA400AndWritesNothing(String body) {
        assertRejected(400, () -> call("POST", RECORD, body));
    }

    @Test
    void pairedSurrogateEscapeIsStoredAsTheCharacter() {
        Reply reply = call("POST", "/api/v2/records/504", "{\"face\":\"\\ud83d\\ude00\"}");

        assertEquals(201, reply.status(), reply::toString);
        JsonObject data = (JsonObject) call("GET", "/api/v2/records/504", null).json().getOrNull("data");
        assertEquals("😀", data.getString("face").orElseThrow());
    }

    @Test
    void hugeNumberLiteralsAreA400AndWriteNothing() {
        assertRejected(400, () -> call("POST", RECORD, "{\"n\":" + "9".repeat(100_000) + "}"));
        assertRejected(400, () -> call("POST", RECORD, "{\"n\":0." + "1".repeat(100_000) + "}"));
        assertRejected(400, () -> call("POST", RECORD, "{\"n\":1e99999999999}"));
    }

    @Test
    void extremeExponentsAreStoredWithoutHarm() {
        Reply reply = call("POST", "/api/v2/records/508", "{\"big\":1e999999999,\"tiny\":-1e-999999999}");
        Reply same = call("POST", "/api/v2/records/508", "{\"big\":10e999999998}");

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(200, same.status(), same::toString);
        assertEquals(1, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = 508"));
        assertEquals("{\"big\":1E+999999999,\"tiny\":-1E-999999999}",
                call("GET", "/api/v2/records/508", null).json().getOrNull("data").toJson());
    }

    @Test
    void largeButReasonableNumbersAreKeptExactly() {
        String number = "123456789012345678901234567890.123456789";

        Reply reply = call("POST", "/api/v2/records/505", "{\"n\":" + number + "}");

        assertEquals(201, reply.status(), reply::toString);
        assertTrue(call("GET", "/api/v2/records/505", null).body().contains("\"data\":{\"n\":" + number + "}"));
    }

    // --- instants ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "2026-13-01", "2026-05-01T24:00:00Z", "", "2026-02-30", "2026-05-01T12:00:00",
        "2026-05-01T12:00:00+25:00", "10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "1%20OR%201=1"})
    void invalidEffectiveAtIsA400NamingTheParameter(String value) {
        Reply reply = assertRejected(400, () -> call("POST", RECORD + "?effective_at=" + value, "{\"a\":\"b\"}"));

        assertTrue(reply.json().getString("error").orElseThrow().contains("effective_at"), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at=garbage", "at=2026-13-01", "at=2026-05-01T24:00:00Z", "at=", "as_of=garbage",
        "as_of=2026-02-30", "as_of=", "at=2026-01-01&as_of=yesterday"})
    void invalidAtOrAsOfOnReadIsA400NamingTheParameter(String query) {
        Reply reply = assertRejected(400, () -> call("GET", "/api/v2/records/1?" + query, null));

        String parameter = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
        assertTrue(reply.json().getString("error").orElseThrow().contains(parameter), reply::toString);
    }

    // --- SQL-like text -----------------------------------------------------------------------

    @Test
    void sqlLikeTextIsStoredVerbatimAndTheTablesSurvive() {
        String body = "{\"name\":\"'); DROP TABLE policyholders; --\",\"filter\":\"1 OR 1=1\","
                + "\"key' OR '1'='1\":\"x\\\"; DELETE FROM audit_history; --\",\"nul\":\"a\\u0000b\"}";
        String reason = "'; UPDATE policyholder_records SET version = 0; --";

        Reply written = call("POST", "/api/v2/records/506", body, "X-Reason", reason);
        Reply v1 = call("POST", "/api/v1/records/507", "{\"q\":\"' OR ''='\",\"r\":\"1; DROP TABLE event_logs\"}");

        assertEquals(201, written.status(), written::toString);
        String expected = "{\"filter\":\"1 OR 1=1\",\"key' OR '1'='1\":\"x\\\"; DELETE FROM audit_history; --\","
                + "\"name\":\"'); DROP TABLE policyholders; --\",\"nul\":\"a\\u0000b\"}";
        assertEquals(expected, call("GET", "/api/v2/records/506", null).json().getOrNull("data").toJson());
        assertTrue(call("GET", "/api/v2/records/506/versions", null).body().contains("\"reason\":\"" + reason + "\""));
        assertEquals(200, v1.status(), v1::toString);
        assertEquals("{\"id\":507,\"data\":{\"q\":\"' OR ''='\",\"r\":\"1; DROP TABLE event_logs\"}}",
                call("GET", "/api/v1/records/507", null).body());
        assertEquals(4, Sql.count(server.database(), "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name IN "
                + "('policyholders', 'policyholder_records', 'audit_history', 'event_logs')"));
        assertEquals(1, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = 506"));
        assertTrue(Sql.count(server.database(), "SELECT count(*) FROM audit_history") >= 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1%20OR%201=1", "1;DROP%20TABLE%20policyholders", "1'--", "%27"})
    void sqlLikeIdsAreA400AndWriteNothing(String id) {
        assertRejected(400, () -> call("POST", "/api/v2/records/" + id, "{\"a\":\"b\"}"));
        assertRejected(400, () -> call("POST", "/api/v1/records/" + id, "{\"a\":\"b\"}"));
        assertRejected(400, () -> call("GET", "/api/v2/records/" + id, null));
    }

    // --- escapes in the request line ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/records/%FF", "/api/v2/records/%C3%28", "/api/v2/records/1%ED%A0%80",
        "/api/v1/records/%FF", "/api/v2/records/1?at=%FF", "/api/v2/records/1?%FF=1", "/api/v2/records/1?effective_at=%C0%AF"})
    void percentEscapeThatIsNotUtf8IsA400(String path) {
        assertRejected(400, () -> call("GET", path, null));
        assertRejected(400, () -> call("POST", path, "{\"a\":\"b\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/records/%ZZ", "/api/v2/records/1%", "/api/v2/records/1?at=%2", "/api/v1/records/%G1"})
    void brokenPercentEscapeIsA400(String path) {
        long[] before = counts();

        int status = rawStatus("POST", path, "{\"a\":\"b\"}");

        assertEquals(400, status, path);
        assertArrayEquals(before, counts());
    }

    // --- the end -----------------------------------------------------------------------------

    @Test
    void afterHostileInputOfEveryKindTheServerStillServesNormalRequests() {
        // One of each kind above, on a keep-alive client and on raw connections (call fails at once on a 5xx).
        call("POST", RECORD, "{\"a\":");
        call("POST", RECORD, objectOfSize(2 * MIB));
        call("POST", RECORD, nestedObjects(100_000));
        call("POST", RECORD, "{\"n\":" + "9".repeat(100_000) + "}");
        callBytes("POST", RECORD, concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8), hex("EDA080"), "\"}".getBytes(StandardCharsets.UTF_8)));
        call("GET", "/api/v2/records/%FF", null);
        call("POST", "/api/v2/records/1%20OR%201=1", "{\"a\":\"b\"}");
        assertEquals(400, rawStatus("POST", "/api/v2/records/%ZZ", "{\"a\":\"b\"}"));

        Reply read = call("GET", "/api/v2/records/1", null);
        Reply health = call("GET", "/health", null);

        assertEquals(200, read.status(), read::toString);
        assertEquals(BASELINE, read.json().getOrNull("data").toJson());
        assertEquals(200, health.status());
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Sends as user 7 and fails at once on a 5xx. */
    private static Reply call(String method, String path, String body, String... extraHeaders) {
        return callBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    private static Reply callBytes(String method, String path, byte[] body, String... extraHeaders) {
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = USER;
        headers[1] = "7";
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        Reply reply = server.sendBytes(method, path, body, headers);
        assertTrue(reply.status() < 500, () -> method + " " + path + " answered " + reply);
        return reply;
    }

    /** Rows in the tables every write touches. */
    private static long[] counts() {
        return new long[] {
            Sql.count(server.database(), "SELECT count(*) FROM policyholders"),
            Sql.count(server.database(), "SELECT count(*) FROM policyholder_records"),
            Sql.count(server.database(), "SELECT count(*) FROM audit_history"),
            Sql.count(server.database(), "SELECT count(*) FROM event_logs"),
        };
    }

    /** Runs the request, checks it got {@code status} with a JSON error, and that nothing was written. */
    private static Reply assertRejected(int status, Supplier<Reply> request) {
        long[] before = counts();
        Reply reply = request.get();
        assertEquals(status, reply.status(), () -> reply.status() + " " + abbreviate(reply.body()));
        assertEquals("application/json; charset=utf-8", reply.header("Content-Type"));
        assertTrue(reply.json().getString("error").filter(message -> !message.isBlank()).isPresent(), reply::toString);
        assertArrayEquals(before, counts(), "rows in policyholders, policyholder_records, audit_history, event_logs");
        return reply;
    }

    /** A request written by hand, for request lines no well-behaved client would send. */
    private static int rawStatus(String method, String path, String body) {
        URI base = URI.create(server.baseUrl());
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n" + USER + ": 7\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
            String statusLine = line.toString(StandardCharsets.US_ASCII);
            String[] parts = statusLine.split(" ");
            assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/"), () -> "status line: " + statusLine);
            return Integer.parseInt(parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String objectOfSize(int bytes) {
        String start = "{\"a\":\"";
        String end = "\"}";
        return start + "x".repeat(bytes - start.length() - end.length()) + end;
    }

    /** {@code levels} objects nested inside each other, the innermost holding one string. */
    private static String nestedObjects(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{\"leaf\":\"x\"}" + "}".repeat(levels - 1);
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
