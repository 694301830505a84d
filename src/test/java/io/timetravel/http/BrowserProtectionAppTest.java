package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.timetravel.domain.access.Role;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.RawHttp.Answer;
import io.timetravel.testing.RawHttp;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Browser protection through the real application, with and without tokens: a page on another
 * site cannot write through the user's browser (cross-site simple requests, DNS rebinding), and
 * the listed origins and hosts get their answers, CORS preflights included.
 */
class BrowserProtectionAppTest {

    private static final String WRITE = "/api/v1/records/1";
    private static final String LISTED_ORIGIN = "http://localhost:5173";
    private static final String LISTED_HOST = "timetravel.example";

    @TempDir
    Path dir;
    private TestServer server;
    /** The credentials a legitimate client sends in the mode under test: a token, or nothing. */
    private List<String> credentials;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String auth) {
        server = TestServer.start(dir.resolve("browser.db"), "--auth", auth, "--cors-origins", LISTED_ORIGIN,
                "--allowed-hosts", LISTED_HOST);
        credentials = auth.equals("tokens")
                ? List.of("Authorization: Bearer " + Bearer.register(server, 10, false, Role.UNDERWRITER).token())
                : List.of();
    }

    private Answer send(String method, String path, String body, String... headerLines) {
        List<String> lines = new ArrayList<>(credentials);
        lines.addAll(List.of(headerLines));
        return RawHttp.send("127.0.0.1", port(), method + " " + path + " HTTP/1.1", lines, body);
    }

    private int port() {
        return java.net.URI.create(server.baseUrl()).getPort();
    }

    private String ownHost() {
        return "Host: 127.0.0.1:" + port();
    }

    private long versions() {
        return Sql.count(server.database(), "SELECT count(*) FROM policyholder_records");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "tokens"})
    void aCrossSiteTextPlainPostIsRefusedAndWritesNothing(String auth) {
        start(auth);

        Answer answer = send("POST", WRITE, "{\"name\":\"Mallory\"}", ownHost(), "Origin: http://evil.example",
                "Content-Type: text/plain");

        assertEquals(403, answer.status(), answer::toString);
        assertNull(answer.header("Access-Control-Allow-Origin"));
        assertEquals(0, versions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "tokens"})
    void aForeignHostIsRefusedAndWritesNothing(String auth) {
        start(auth);

        Answer write = send("POST", WRITE, "{\"name\":\"Mallory\"}", "Host: evil.example:" + port(), "Content-Type: application/json");
        Answer read = send("GET", "/api/v2/records", "", "Host: evil.example");

        assertEquals(403, write.status(), write::toString);
        assertEquals(403, read.status(), read::toString);
        assertEquals(0, versions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "tokens"})
    void aListedOriginGetsCorsAnswersAndAListedHostIsServed(String auth) {
        start(auth);

        Answer preflight = send("OPTIONS", WRITE, "", ownHost(), "Origin: " + LISTED_ORIGIN,
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: authorization, content-type");
        Answer write = send("POST", WRITE, "{\"name\":\"Ada\"}", ownHost(), "Origin: " + LISTED_ORIGIN,
                "Content-Type: application/json");
        Answer viaListedHost = send("GET", WRITE, "", "Host: " + LISTED_HOST + ":" + port());

        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(LISTED_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertEquals(200, write.status(), write::toString);
        assertEquals(LISTED_ORIGIN, write.header("Access-Control-Allow-Origin"));
        assertEquals("{\"id\":1,\"data\":{\"name\":\"Ada\"}}", write.body());
        assertEquals(200, viaListedHost.status(), viaListedHost::toString);
        assertEquals(1, versions());
    }
}
