package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.RawHttp.Answer;
import io.timetravel.testing.RawHttp;
import io.timetravel.testing.Wait;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A web page in the desktop user's browser cannot write into the listener: foreign hosts (DNS
 * rebinding) and unlisted origins (cross-site requests) are refused before any handler runs, and
 * listed origins get CORS answers, preflights included.
 */
class BrowserProtectionHttpTest {

    private static final String WRITE = "/api/v1/records/1";
    private static final String RECORD = "{\"name\":\"Ada\"}";
    private static final String LISTED = "http://localhost:5173";

    private final AtomicInteger writes = new AtomicInteger();
    private final List<String> observed = Collections.synchronizedList(new ArrayList<>());
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server with a write that counts its calls and a health check, under {@code policy}, bound to {@code bind}. */
    private void start(BrowserPolicy policy, String bind) throws IOException {
        server = ApiServer.builder().bind(bind).port(0).browserPolicy(policy)
                .routes(List.of(
                        new Route("POST", "/api/v1/records/{id}", "v1", false, Handler.sync(request -> {
                            writes.incrementAndGet();
                            return ApiResponse.json(201, java.util.Map.of("id", request.pathParam("id"))).header("Location", request.path());
                        }), io.timetravel.domain.access.Permission.WRITE),
                        Route.open("GET", "/health", "none", Handler.sync(request -> ApiResponse.ok(java.util.Map.of("ok", true))))))
                .observer((method, path, route, version, status, nanos, error) ->
                        observed.add(method + " " + path + " " + status + " " + error))
                .start();
    }

    private void start(BrowserPolicy policy) throws IOException {
        start(policy, "127.0.0.1");
    }

    private int port() {
        return server.address().getPort();
    }

    /** {@code method path HTTP/1.1} to the server's loopback address with the given header lines. */
    private Answer send(String method, String path, String body, String... headerLines) {
        return RawHttp.send("127.0.0.1", port(), method + " " + path + " HTTP/1.1", List.of(headerLines), body);
    }

    private String host() {
        return "Host: 127.0.0.1:" + port();
    }

    @Test
    void aCrossSiteTextPlainPostIsRefusedAndWritesNothing() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        Answer answer = send("POST", WRITE, RECORD, host(), "Origin: http://evil.example", "Content-Type: text/plain");

        assertEquals(403, answer.status(), answer::toString);
        assertTrue(answer.body().startsWith("{\"error\":\"Origin 'http://evil.example' is not allowed"), answer.body());
        assertEquals(0, writes.get());
        assertNull(answer.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anUnlistedOriginIsRefusedWhateverTheMethodAndTheOpaqueNullOriginToo() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        assertEquals(403, send("GET", "/health", "", host(), "Origin: http://evil.example").status());
        assertEquals(403, send("POST", WRITE, RECORD, host(), "Origin: null", "Content-Type: application/json").status());
        assertEquals(403, send("POST", WRITE, RECORD, host(), "Origin: " + LISTED, "Origin: http://evil.example").status());
        assertEquals(0, writes.get());
    }

    @Test
    void aPostForAForeignHostIsRefusedAndWritesNothing() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        Answer answer = send("POST", WRITE, RECORD, "Host: evil.example:" + port(), "Content-Type: application/json");

        assertEquals(403, answer.status(), answer::toString);
        assertEquals("application/json; charset=utf-8", answer.header("Content-Type"));
        assertTrue(answer.body().contains("Host 'evil.example:" + port() + "' is not allowed"), answer.body());
        assertTrue(answer.body().contains("DNS rebinding"), answer.body());
        assertEquals(0, writes.get());
    }

    @Test
    void anAbsoluteTargetNamingAForeignHostIsRefused() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        Answer answer = send("POST", "http://evil.example" + WRITE, RECORD, host());

        assertEquals(403, answer.status(), answer::toString);
        assertEquals(0, writes.get());
    }

    @Test
    void healthIsGuardedToo() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        assertEquals(403, send("GET", "/health", "", "Host: evil.example").status());
        assertEquals(403, send("GET", "/metrics", "", "Host: evil.example").status(), "unknown paths as well");
    }

    @Test
    void loopbackHostsAndLocalhostAreAnswered() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        for (String host : List.of("localhost:" + port(), "127.0.0.1:" + port(), "[::1]:" + port(), "LOCALHOST", "127.1")) {
            Answer answer = send("POST", WRITE, RECORD, "Host: " + host, "Content-Type: application/json");
            assertEquals(201, answer.status(), () -> host + ": " + answer);
        }
        assertEquals(5, writes.get());
    }

    @Test
    void aListedHostIsAnswered() throws IOException {
        start(BrowserPolicy.of(List.of("timetravel.example"), List.of()));

        assertEquals(201, send("POST", WRITE, RECORD, "Host: TimeTravel.example:" + port()).status());
        assertEquals(403, send("POST", WRITE, RECORD, "Host: other.example:" + port()).status());
        assertEquals(1, writes.get());
    }

    @Test
    void aServerBoundToEveryInterfaceAnswersIpLiteralsButNotForeignNames() throws IOException {
        start(BrowserPolicy.loopbackOnly(), "0.0.0.0");

        assertEquals(200, send("GET", "/health", "", "Host: 192.0.2.7:" + port()).status());
        assertEquals(403, send("GET", "/health", "", "Host: box.lan:" + port()).status());
    }

    @Test
    void aMissingHostIsRefusedInHttp11ButAnsweredInHttp10() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        Answer http11 = send("POST", WRITE, RECORD);
        Answer http10 = RawHttp.send("127.0.0.1", port(), "POST " + WRITE + " HTTP/1.0", List.of(), RECORD);

        assertEquals(400, http11.status(), http11::toString);
        assertTrue(http11.body().contains("missing Host header"), http11.body());
        assertEquals(201, http10.status(), http10::toString);
        assertEquals(1, writes.get());
    }

    @Test
    void aListedOriginGetsItsAnswersWithCorsHeaders() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        Answer read = send("GET", "/health", "", host(), "Origin: " + LISTED);
        Answer write = send("POST", WRITE, RECORD, host(), "Origin: " + LISTED, "Content-Type: application/json");
        Answer notFound = send("GET", "/nowhere", "", host(), "Origin: " + LISTED);

        assertEquals(200, read.status(), read::toString);
        assertEquals(LISTED, read.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", read.header("Vary"));
        assertEquals(201, write.status(), write::toString);
        assertEquals(LISTED, write.header("Access-Control-Allow-Origin"));
        assertTrue(write.header("Access-Control-Expose-Headers").contains("Location"), write::toString);
        assertTrue(write.header("Access-Control-Expose-Headers").contains("Deprecation"), write::toString);
        assertEquals(404, notFound.status());
        assertEquals(LISTED, notFound.header("Access-Control-Allow-Origin"), "scripts can read errors too");
        assertEquals(1, writes.get());
    }

    @Test
    void answersWithoutOriginSayTheyVaryByOriginOnceOriginsAreListed() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        Answer answer = send("GET", "/health", "", host());

        assertEquals(200, answer.status());
        assertEquals("Origin", answer.header("Vary"));
        assertNull(answer.header("Access-Control-Allow-Origin"));
    }

    @Test
    void aPreflightFromAListedOriginIsAnsweredBeforeRouting() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        for (String path : List.of(WRITE, "/nowhere")) {
            Answer answer = send("OPTIONS", path, "", host(), "Origin: " + LISTED, "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: content-type, x-user-id");

            assertEquals(204, answer.status(), () -> path + ": " + answer);
            assertEquals(LISTED, answer.header("Access-Control-Allow-Origin"));
            assertEquals("Origin", answer.header("Vary"));
            assertEquals("GET, POST, PUT, DELETE, OPTIONS", answer.header("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, X-User-ID, X-Reason, X-Region, X-API-Version, Last-Event-ID",
                    answer.header("Access-Control-Allow-Headers"));
            assertEquals("600", answer.header("Access-Control-Max-Age"));
            assertEquals("", answer.body());
        }
        assertEquals(0, writes.get());
    }

    @Test
    void aPreflightForAPrivateNetworkRequestIsAllowedForAListedOrigin() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        Answer answer = send("OPTIONS", WRITE, "", host(), "Origin: " + LISTED, "Access-Control-Request-Method: PUT",
                "Access-Control-Request-Private-Network: true");

        assertEquals(204, answer.status(), answer::toString);
        assertEquals("true", answer.header("Access-Control-Allow-Private-Network"));
    }

    @Test
    void aPreflightFromAnUnlistedOriginIsRefused() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        Answer answer = send("OPTIONS", WRITE, "", host(), "Origin: http://evil.example", "Access-Control-Request-Method: POST");

        assertEquals(403, answer.status(), answer::toString);
        assertNull(answer.header("Access-Control-Allow-Origin"));
        assertNull(answer.header("Access-Control-Allow-Methods"));
    }

    @Test
    void anOptionsRequestThatIsNoPreflightIsRoutedAsBefore() throws IOException {
        start(BrowserPolicy.of(List.of(), List.of(LISTED)));

        assertEquals(405, send("OPTIONS", WRITE, "", host()).status());
        assertEquals(405, send("OPTIONS", WRITE, "", host(), "Origin: " + LISTED).status());
    }

    @Test
    void refusalsAreObservedLikeAnyAnswerWithTheirReason() throws IOException {
        start(BrowserPolicy.loopbackOnly());

        send("POST", WRITE, RECORD, "Host: evil.example");
        send("POST", WRITE, RECORD, host(), "Origin: http://evil.example");

        // The observer runs once the answer is written, so it may trail the client's reading of it.
        Wait.until(Duration.ofSeconds(10), () -> observed.size() >= 2, observed::toString);
        List<String> lines = List.copyOf(observed);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("POST " + WRITE + " 403 Host 'evil.example' is not allowed")),
                lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("POST " + WRITE + " 403 Origin 'http://evil.example' is not allowed")),
                lines::toString);
    }
}
