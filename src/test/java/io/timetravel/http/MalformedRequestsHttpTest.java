package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.LogCapture;
import io.timetravel.testing.RawHttp;
import io.timetravel.testing.RawHttp.Answer;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client sends never gets a 5xx nor puts a stack trace in the log (issue 10, part 2):
 * broken framing and unknown transfer codings are 400, oversized heads 431 and 414, oversized
 * bodies 413, each with a JSON error, and nothing is written. One server for the class (body
 * deadline 1 s); every request is written by hand on a socket of its own.
 */
class MalformedRequestsHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String V1 = "POST /api/v1/records/5 HTTP/1.1\r\n" + HOST;
    private static final String V2 = "POST /api/v2/records/5 HTTP/1.1\r\n" + HOST + "X-User-ID: 7\r\n";

    @TempDir
    static Path dir;

    private static TestServer server;
    private static int port;
    private LogCapture log;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("malformed.db"), "--body-timeout", "1");
        port = server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void captureTheLog() {
        log = new LogCapture();
    }

    @AfterEach
    void nothingWasWrittenAndNoStackTraceLogged() {
        try {
            assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records"));
            assertEquals(List.of(), log.stackTraces());
        } finally {
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-5", "ffffffffffffffff", "1;", " 5", "0x5"})
    void aChunkSizeThatIsNoChunkSizeIsA400(String size) {
        for (String head : List.of(V1, V2)) {
            for (boolean halfClose : new boolean[] {false, true}) {
                String request = head + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n{\"k\":\"v\"}\r\n0\r\n\r\n";

                assertJsonError(400, send(request, halfClose), head + " chunk size " + size);
            }
        }
    }

    @Test
    void aChunkedBodyWithoutItsLastChunkIsA400WhenTheClientStopsAndA408WhenItWaits() {
        for (String head : List.of(V1, V2)) {
            String request = head + "Transfer-Encoding: chunked\r\n\r\n9\r\n{\"k\":\"v\"}\r\n";

            assertJsonError(400, send(request, true), head + " half-closed");
            assertJsonError(408, send(request, false), head + " waiting");
        }
    }

    @Test
    void aChunkLongerThanItsSizeIsA400() {
        assertJsonError(400, send(V2 + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"k\":\"v\"}\r\n0\r\n\r\n", false), "overlong chunk");
    }

    @Test
    void fewerBytesThanTheContentLengthIsA400WhenTheClientStops() {
        for (String head : List.of(V1, V2)) {
            Answer answer = send(head + "Content-Length: 100\r\n\r\n{\"k\":\"v\"}", true);

            assertJsonError(400, answer, head);
            assertTrue(answer.body().contains("Content-Length"), answer::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "gzip", "gzip, chunked", "chunked, gzip", "deflate, chunked", "chunked, chunked", "x"})
    void aTransferCodingOtherThanChunkedIsA400(String codings) {
        String body = codings.endsWith("chunked") ? "9\r\n{\"k\":\"v\"}\r\n0\r\n\r\n" : "{\"k\":\"v\"}";
        for (String head : List.of(V1, V2)) {
            Answer answer = send(head + "Transfer-Encoding: " + codings + "\r\n\r\n" + body, true);

            assertJsonError(400, answer, head + codings);
        }
    }

    @Test
    void headersLargerThan32KiBAreA431() {
        for (int size : new int[] {40 * 1024, 384 * 1024 + 1}) {
            Answer answer = send("GET /api/v2/health HTTP/1.1\r\n" + HOST + "X-Big: " + "a".repeat(size) + "\r\n\r\n", false);

            assertJsonError(431, answer, size + " bytes");
            assertEquals("{\"error\":\"request headers larger than 32768 bytes\"}", answer.body());
        }
    }

    @Test
    void moreThan200HeaderFieldsAreA431() {
        StringBuilder request = new StringBuilder(V2);
        for (int i = 0; i < 201; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        Answer answer = send(request.append("Content-Length: 9\r\n\r\n{\"k\":\"v\"}").toString(), false);

        assertJsonError(431, answer, "201 header lines");
        assertEquals("{\"error\":\"more than 200 header fields\"}", answer.body());
    }

    @Test
    void aTargetLongerThan32KiBIsA414() {
        for (int size : new int[] {33 * 1024, 390 * 1000}) {
            Answer answer = send("GET /api/v2/records/" + "1".repeat(size) + " HTTP/1.1\r\n" + HOST + "\r\n", false);

            assertJsonError(414, answer, size + " bytes");
            assertEquals("{\"error\":\"request target longer than 32768 bytes\"}", answer.body());
        }
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsA413() {
        String chunk = "{\"k\":\"" + "v".repeat(64 * 1024) + "\"}";
        StringBuilder request = new StringBuilder(V2).append("Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        Answer answer = send(request.append("0\r\n\r\n").toString(), false);

        assertJsonError(413, answer, "1.3 MiB chunked");
        assertEquals("close", answer.header("Connection"));
    }

    @Test
    void aContentLengthOverOneMebibyteIsA413() {
        String body = "{\"k\":\"" + "v".repeat(2 * 1024 * 1024) + "\"}";

        assertJsonError(413, send(V1 + "Content-Length: " + body.length() + "\r\n\r\n" + body, false), "2 MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.2", "HTTP/2.0", "HTTP/3.0", "HTTP/0.9", "HTTP/1.1x", "FTP/1.0"})
    void anUnknownProtocolVersionIsNeverA5xx(String version) {
        Answer answer = send("GET /api/v2/health " + version + "\r\n" + HOST + "\r\n", true);

        if (answer != null) {
            assertTrue(answer.status() >= 400 && answer.status() < 500, answer::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: -1", "Content-Length: abc", "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: 99999999999999999999999", "Bad Header: x", "X-Null: a\u0000b", " X-Folded: continued",
        "Host: 127.0.0.1", ": empty name"})
    void aMalformedHeaderIsA400(String header) {
        Answer answer = send(V1 + header + "\r\n\r\n{\"k\":\"v\"}", true);

        assertJsonError(400, answer, header);
    }

    private static Answer send(String request, boolean halfClose) {
        return RawHttp.exchange(port, request, halfClose, WAIT);
    }

    private static void assertJsonError(int status, Answer answer, String what) {
        assertNotNull(answer, () -> what + ": no answer");
        assertEquals(status, answer.status(), () -> what + ": " + answer);
        assertEquals("application/json; charset=utf-8", answer.header("Content-Type"), () -> what + ": " + answer);
        assertTrue(answer.body().startsWith("{\"error\":\"") && answer.body().endsWith("\"}"), () -> what + ": " + answer);
        assertTrue(!answer.body().contains("Exception") && !answer.body().contains("\tat "), () -> what + ": " + answer);
    }
}
