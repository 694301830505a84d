package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.LogCapture;
import io.timetravel.testing.RawHttp;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, part 2: 1,200 malformed or hostile requests written by hand (framing, transfer
 * codings, sizes, methods, request targets, headers, bodies), from a fixed seed so a failure
 * can be replayed. None may get a 5xx or leave its client waiting; afterwards the server still
 * answers, the database is exactly as before, and the log holds no stack trace.
 *
 * <p>No body sent is a valid JSON document (nor is any prefix of one a complete object), so no
 * request can write, whatever the server made of its framing.
 */
class HostileRequestsFuzzTest {

    private static final long SEED = 20_261_129L;
    private static final int REQUESTS = 1_200;
    /** Longer than any deadline of the server under test (1 s) by far: a client waiting this long is a hang. */
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final String BASELINE = "{\"id\":1,\"data\":{\"a\":\"1\"}}";

    @TempDir
    Path dir;

    @Test
    void hostileRequestsGetNo5xxNoHangAndChangeNothing() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("fuzz.db"), "--header-timeout", "1", "--body-timeout", "1");
             LogCapture log = new LogCapture()) {
            assertEquals(200, server.post("/api/v1/records/1", "{\"a\":\"1\"}").status());
            int port = server.port();
            String before = checksum(server.database());
            Random random = new Random(SEED);
            List<byte[]> requests = new ArrayList<>();
            List<Boolean> halfCloses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                requests.add(hostileRequest(random));
                halfCloses.add(random.nextBoolean());
            }

            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<String>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    byte[] request = requests.get(i);
                    boolean halfClose = halfCloses.get(i);
                    outcomes.add(clients.submit(() -> outcome(port, request, halfClose)));
                }
                Map<String, Integer> tally = new TreeMap<>();
                for (int i = 0; i < REQUESTS; i++) {
                    String outcome = outcomes.get(i).get();
                    tally.merge(outcome, 1, Integer::sum);
                    int index = i;
                    assertTrue(!outcome.startsWith("5") && !outcome.equals("hang"),
                            () -> "request " + index + " (seed " + SEED + ") got " + outcome + ": " + shown(requests.get(index)));
                }
                System.out.println("hostile requests by outcome: " + tally);
                assertTrue(tally.keySet().stream().filter(key -> key.startsWith("4")).mapToInt(tally::get).sum() > REQUESTS / 2,
                        () -> "most should have been answered with a 4xx: " + tally);
            } finally {
                clients.shutdownNow();
            }

            Reply health = server.get("/api/v2/health");
            Reply record = server.get("/api/v1/records/1");
            assertEquals(200, health.status(), health::toString);
            assertEquals(BASELINE, record.body());
            assertEquals(before, checksum(server.database()), "the database changed");
            assertEquals(List.of(), log.stackTraces());
            assertEquals(List.of(), log.records().stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(r -> r.getMessage()).filter(message -> message.contains("unexpected failure")).toList());
        }
    }

    /** The status answered, "closed" when the server hung up without an answer, or "hang". */
    private static String outcome(int port, byte[] request, boolean halfClose) {
        try {
            RawHttp.Answer answer = RawHttp.exchange(port, request, halfClose, HANG);
            return answer == null ? "closed" : Integer.toString(answer.status());
        } catch (UncheckedIOException e) {
            return e.getCause() instanceof java.net.SocketTimeoutException ? "hang" : "closed";
        }
    }

    /** Every row of every table the server writes, boiled down to one text. */
    private static String checksum(Path database) {
        StringBuilder sum = new StringBuilder();
        for (String table : List.of("policyholders", "policyholder_records", "audit_history", "event_logs", "feature_flags",
                "snapshots", "users", "api_tokens", "field_policies", "access_log")) {
            sum.append(table).append('=').append(Sql.query(database, "SELECT count(*) FROM " + table)).append(' ');
        }
        sum.append(Sql.query(database, "SELECT group_concat(record_id || ':' || version || ':' || coalesce(data, ''))"
                + " FROM policyholder_records"));
        sum.append(Sql.query(database, "SELECT group_concat(flag_key || ':' || enabled || ':' || rollout_percentage)"
                + " FROM feature_flags"));
        return sum.toString();
    }

    private static String shown(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 400), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0") + (request.length > 400 ? "..." : "");
    }

    // --- the generator -------------------------------------------------------------------------

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "BREW",
            "get", "Post", "CONNECT", "TRACE", "PRI", "G@T", "X".repeat(300), "POST\u0000", "");
    private static final List<String> TARGETS = List.of("/api/v1/records/1", "/api/v1/records/+1", "/api/v1/records/",
            "/api/v1/records/-1", "/api/v1/records/1/extra", "/api/v1/health", "/api/v2/records/1", "/api/v2/records/2",
            "/api/v2/records/1/versions", "/api/v2/records/1/versions/1", "/api/v2/records/1/history",
            "/api/v2/records/1/diff?from=v:1&to=v:2", "/api/v2/records/1/restore", "/api/v2/records?q=a&region=EU",
            "/api/records/1?version=v1", "/api/records/1?version=zz%0a2026-01-01T00:00:00.000000Z%20INFO",
            "/api/v2/records/1?at=%0d%0a%00", "/api/v2/health", "/health", "/metrics", "/api/versions",
            "/api/v2/audit/verify", "/api/v2/audit?record=1", "/api/v2/flags", "/api/v2/flags/enable_v2_api",
            "/api/v2/snapshots", "*", "", "/", "//", "/..", "/api/v2/records/%00", "/api/v2/records/%ZZ",
            "/api/v2/records/1%", "/api/v2/records/%C3%28", "/api/v2/records/1/../../../etc/passwd", "/%2e%2e/%2e%2e/",
            "/api/v2/records/1#fragment", "/api/v2/records/1;jsessionid=x", "http://evil.example/api/v2/health",
            "http://127.0.0.1/api/v1/records/1", "/api/v1/records/" + "9".repeat(60), "/api/v2/records/1?" + "a=b&".repeat(500),
            "/api/v2/records/ 1", "/api/v2/records/\t1", "/api/\u00ff\u00fe", "/api/v2/records/1\u0000");
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0",
            "HTTP/2.0", "HTTP/9.9", "http/1.1", "HTTP/1.1 extra", "", "HTTP/1", "HTTP/1.10");
    private static final List<String> HEADERS = List.of("Host: 127.0.0.1", "Host: evil.example", "Host:", "Host: 127.0.0.1\r\nHost: localhost",
            "Host: 127.0.0.1\u0000", "X-User-ID: 7", "X-User-ID: 0", "X-User-ID: -1", "X-User-ID: abc",
            "X-User-ID: 99999999999999999999", "X-User-ID: 7\r\nX-User-ID: 8", "Origin: http://evil.example", "Origin: null",
            "Authorization: Bearer tt_not-a-token", "Authorization: Basic Zm9vOmJhcg==", "X-API-Version: v7",
            "X-API-Version: \u00ff", "Content-Type: application/json", "Content-Type: text/plain", "Expect: 100-continue",
            "Expect: something-else", "Connection: close", "Connection: keep-alive", "Connection: Upgrade\r\nUpgrade: h2c",
            "Last-Event-ID: x", "X-Reason: a\u0007b", "X-No-Colon", "Bad Name: x", " X-Folded: continued", "X-Tab:\tv",
            "X-Cr: a\rb", "X-Nul: a\u0000b", ": empty", "X-Latin: caf\u00e9", "X-Big: " + "b".repeat(40 * 1024),
            "Content-Encoding: gzip", "Accept-Encoding: br", "Range: bytes=0-1", "If-None-Match: *", "Cookie: a=b");
    /** Never JSON, and no prefix is a complete JSON object. */
    private static final List<String> BODIES = List.of("", "{", "{\"k\":", "{\"k\":\"v\"", "{\"k\":\"v\",", "[[[[[[[[[[",
            "\u0000\u0001\u0002", "not json", "{\"k\":\"\\ud800", "{\"k\":\"\u00ff", "#" + "x".repeat(5000),
            "{\"a\":" + "[".repeat(200), "{\"k\":\"v\"\u0000}", "{'k':'v'");

    /** One hostile request: a request line, headers and a body, each likely broken, framed well or badly. */
    private static byte[] hostileRequest(Random random) {
        String method = pick(random, METHODS);
        if (random.nextInt(4) > 0) {
            // Mostly methods the server knows, so that the requests get past the request line.
            method = pick(random, List.of("GET", "POST", "PUT", "HEAD", "POST", "POST"));
        }
        String target = random.nextInt(20) == 0 ? "/api/v2/records/" + "1".repeat(33 * 1024) : pick(random, TARGETS);
        String version = pick(random, VERSIONS);
        List<String> headers = new ArrayList<>();
        if (random.nextInt(8) > 0) {
            headers.add("Host: 127.0.0.1");
        }
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            headers.add(pick(random, HEADERS));
        }
        if (random.nextInt(40) == 0) {
            for (int i = 0; i < 210; i++) {
                headers.add("X-Many-" + i + ": v");
            }
        }
        byte[] body = body(random);
        Function<byte[], byte[]> framing = pick(random, framings(random, body.length));
        String separator = random.nextInt(30) == 0 ? "\n" : "\r\n";
        String requestLine = random.nextInt(30) == 0 ? pick(random, List.of("GARBAGE", "GET", "GET /", " GET / HTTP/1.1",
                "GET  /api/v2/health  HTTP/1.1", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"))
                : method + " " + target + " " + version;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, requestLine + separator);
        for (String header : headers) {
            write(out, header + separator);
        }
        byte[] framed = framing.apply(body);
        out.writeBytes(framed);
        return out.toByteArray();
    }

    private static byte[] body(Random random) {
        if (random.nextInt(50) == 0) {
            byte[] big = new byte[1024 * 1024 + 1 + random.nextInt(200_000)];
            java.util.Arrays.fill(big, (byte) 'x');
            big[0] = '#';
            return big;
        }
        if (random.nextInt(10) == 0) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            if (noise.length > 0) {
                noise[0] = '#';
            }
            return noise;
        }
        return pick(random, BODIES).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Ways to end the head and frame a body of {@code length} bytes: right, short, long, negative,
     * doubled, chunked well and badly, with codings the server does not take.
     */
    private static List<Function<byte[], byte[]>> framings(Random random, int length) {
        String size = Integer.toHexString(length);
        return List.of(
                body -> concat("Content-Length: " + length + "\r\n\r\n", body),
                body -> concat("Content-Length: " + length + "\r\n\r\n", body),
                body -> concat("\r\n", body),
                body -> concat("Content-Length: " + (length + 1 + random.nextInt(100)) + "\r\n\r\n", body),
                body -> concat("Content-Length: " + Math.max(0, length - 1) + "\r\n\r\n", body),
                body -> concat("Content-Length: -" + length + "\r\n\r\n", body),
                body -> concat("Content-Length: " + length + "\r\nContent-Length: " + (length + 1) + "\r\n\r\n", body),
                body -> concat("Content-Length: 0x" + size + "\r\n\r\n", body),
                body -> concat("Content-Length: 99999999999999999999\r\n\r\n", body),
                body -> concat("Content-Length: " + length + "\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n", body, "\r\n0\r\n\r\n"),
                body -> concat("Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n", body, "\r\n0\r\n\r\n"),
                body -> concat("Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n", body, "\r\n"),
                body -> concat("Transfer-Encoding: chunked\r\n\r\n" + pick(random, List.of("zz", "-5", "ffffffffffffffff", "", " ",
                        "1;ext=\"x", "\u0000")) + "\r\n", body, "\r\n0\r\n\r\n"),
                body -> concat("Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(length + 5) + "\r\n", body, "\r\n0\r\n\r\n"),
                body -> concat("Transfer-Encoding: chunked\r\n\r\n" + size + ";name=value\r\n", body, "\r\n0\r\nX-Trailer: t\r\n\r\n"),
                body -> concat("Transfer-Encoding: " + pick(random, List.of("identity", "gzip", "gzip, chunked", "chunked, gzip",
                        "chunked, chunked", "CHUNKED", "chunked ", "x-custom")) + "\r\n\r\n" + size + "\r\n", body, "\r\n0\r\n\r\n"),
                body -> concat("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n" + size + "\r\n", body,
                        "\r\n0\r\n\r\n"));
    }

    private static byte[] concat(String head, byte[] body) {
        return concat(head, body, "");
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, head);
        out.writeBytes(body);
        write(out, tail);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
