package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.app.AppContext;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.LogCapture;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.SseClient;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --auth tokens} through the real application: every route but the health checks needs a
 * bearer token, the token's user is the verified actor, and a revoked token, a disabled user or
 * an expired token stops working on the running server within two seconds.
 */
class TokenAuthHttpTest {

    private static final String INVALID = "{\"error\":\"missing or invalid token\"}";
    /** Revocation must take effect within this; the wait allows no more. */
    private static final Duration REVOCATION = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private TestServer server;
    private Bearer admin;
    private Bearer writer;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("tokens.db"), "--auth", "tokens");
        admin = Bearer.register(server, 1, true, Role.ADMIN);
        writer = Bearer.register(server, 10, false, Role.UNDERWRITER);
        assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\"}", writer.headers()).status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertUnauthorized(Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals(INVALID, reply.body());
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
    }

    @Test
    void aRequestWithoutAValidTokenIs401WithABearerChallenge() {
        assertUnauthorized(server.get("/api/v2/records/1"));
        assertUnauthorized(server.get("/api/v2/records/1", "X-User-ID", "10"));
        assertUnauthorized(server.get("/api/v2/records/1", "Authorization", "Bearer tt_not-a-token-anyone-was-given"));
        assertUnauthorized(server.get("/api/v2/records/1", "Authorization", "Basic dXNlcjpwYXNz"));
        assertUnauthorized(server.get("/api/v2/records/1", "Authorization", "Bearer"));
        assertUnauthorized(server.get("/api/records/1"));
        assertUnauthorized(server.get("/api/v2/records/1?access_token=" + writer.token()));
        assertUnauthorized(server.post("/api/v2/records/2", "{\"name\":\"Eve\"}"));
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = 2"));
    }

    @Test
    void theHealthChecksNeedNoToken() {
        for (String path : List.of("/api/v1/health", "/api/v2/health", "/health")) {
            assertEquals(200, server.get(path).status(), path);
        }
    }

    @Test
    void aTokensWritesAreByItsUserAndMarkedVerified() {
        Reply written = server.post("/api/v2/records/1", "{\"premium\":2}", writer.headers("X-Reason", "renewal"));

        assertEquals(200, written.status(), written::toString);
        assertEquals("10", written.json().getOrNull("actor").toString());
        String metadata = Sql.scalar(server.database(), "SELECT metadata FROM policyholder_records WHERE record_id = 1 AND version = 2");
        assertTrue(metadata.contains("\"actor_verified\":true"), metadata);
        JsonObject entry = (JsonObject) ((JsonArray) server.get("/api/v2/audit?record=1", admin.headers()).json()
                .getOrNull("data")).elements().get(0);
        assertEquals("10", entry.getOrNull("actor").toString());
        assertEquals("true", entry.getOrNull("actor_verified").toString());
    }

    @Test
    void xUserIdIsOptionalButMustNameTheTokensUser() {
        assertEquals(200, server.get("/api/v2/records/1", writer.headers("X-User-ID", "10")).status());

        Reply other = server.post("/api/v2/records/1", "{\"premium\":9}", writer.headers("X-User-ID", "1"));

        assertEquals(403, other.status(), other::toString);
        assertTrue(other.body().contains("X-User-ID 1 is not the token's user"), other.body());
        assertEquals(1, Sql.count(server.database(), "SELECT count(*) FROM policyholder_records WHERE record_id = 1"));
    }

    @Test
    void v1NeedsTheTokenAndOtherwiseAnswersExactlyAsTheLegacyService() {
        assertUnauthorized(server.post("/api/v1/records/5", "{\"k\":\"v\"}"));
        assertUnauthorized(server.get("/api/v1/records/1"));

        Reply written = server.post("/api/v1/records/5", "{\"k\":\"v\"}", writer.headers());
        assertEquals(200, written.status(), written::toString);
        assertEquals("{\"id\":5,\"data\":{\"k\":\"v\"}}", written.body());
        assertEquals(written.body(), server.get("/api/v1/records/5", writer.headers()).body());
        Reply missing = server.get("/api/v1/records/32", writer.headers());
        assertEquals(400, missing.status());
        assertEquals("{\"error\":\"record of id 32 does not exist\"}", missing.body());
        assertEquals("10", Sql.scalar(server.database(), "SELECT actor FROM policyholder_records WHERE record_id = 5"),
                "a v1 write with a token is by the token's user");
    }

    @Test
    void metricsNeedAnOperatorOrAnAdmin() {
        Bearer operator = Bearer.register(server, 20, false, Role.OPERATOR);
        Bearer auditor = Bearer.register(server, 30, false, Role.AUDITOR);

        assertUnauthorized(server.get("/metrics"));
        Reply refused = server.get("/metrics", auditor.headers());
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("needs the role operator or admin"), refused.body());
        assertEquals(200, server.get("/metrics", operator.headers()).status());
        assertEquals(200, server.get("/metrics", admin.headers()).status());
    }

    @Test
    void theEventStreamsAlsoTakeTheTokenInTheQuery() {
        try (SseClient events = SseClient.open(server.baseUrl(), "/api/v2/events?access_token=" + writer.token());
             SseClient replay = SseClient.open(server.baseUrl(), "/api/v2/records/1/replay?access_token=" + writer.token());
             SseClient refused = SseClient.open(server.baseUrl(), "/api/v2/events?access_token=tt_wrong")) {
            assertEquals(200, events.status());
            assertEquals(200, replay.status());
            assertEquals("version", replay.nextEvent(Duration.ofSeconds(10)).event());
            assertEquals(401, refused.status());
            assertEquals(INVALID, refused.errorBody());
        }
    }

    @Test
    void theRequestLogNeverShowsAToken() {
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            server.get("/api/v2/records/1", writer.headers());
            server.get("/api/v2/records/1", writer.headers("X-User-ID", writer.token()));
            server.get("/api/v2/records/1/history?access_token=" + writer.token(), "Authorization", "Bearer " + writer.token() + "x");
            try (SseClient replay = SseClient.open(server.baseUrl(), "/api/v2/records/1/replay?access_token=" + writer.token())) {
                replay.eventsUntilEnd(Duration.ofSeconds(10));
            }
            Wait.until(Duration.ofSeconds(5), () -> messages(log).stream().filter(line -> line.startsWith("request ")).count() >= 4,
                    () -> "four request lines in " + messages(log));
            lines = messages(log);
        }

        for (String line : lines) {
            assertFalse(line.contains(writer.token()), () -> "a token in the log: " + line);
            assertFalse(line.contains(writer.token().substring(3, 20)), () -> "part of a token in the log: " + line);
        }
    }

    private static List<String> messages(LogCapture log) {
        return log.records().stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void anAdminRegistersUsersAndIssuesTokensThatWorkAtOnce() {
        Reply added = server.post("/api/v2/users", "{\"id\":40,\"name\":\"Olu\",\"roles\":[\"auditor\"]}", admin.headers());
        assertEquals(201, added.status(), added::toString);
        assertEquals("/api/v2/users/40", added.header("Location"));
        assertEquals("[\"auditor\"]", added.json().getOrNull("roles").toJson());
        assertEquals("false", added.json().getOrNull("pii").toString());

        Reply issued = server.post("/api/v2/tokens", "{\"user\":40,\"expires_days\":30}", admin.headers());

        assertEquals(201, issued.status(), issued::toString);
        assertEquals(Set.of("user", "token", "issued_at", "expires_at"), issued.json().members().keySet());
        assertEquals("no-store", issued.header("Cache-Control"));
        String token = issued.json().getString("token").orElseThrow();
        assertEquals(200, server.get("/api/v2/records/1", "Authorization", "Bearer " + token).status());
        assertEquals(200, server.get("/api/v2/users/40", admin.headers()).status());
        assertEquals(3, ((JsonArray) server.get("/api/v2/users", admin.headers()).json().getOrNull("data")).size());
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%" + token + "%'"),
                "only a hash is stored");
        assertEquals(2, Sql.count(server.database(),
                "SELECT count(*) FROM audit_history WHERE event_type IN ('USER_ADDED', 'TOKEN_ISSUED') AND actor = 1"));
    }

    @Test
    void revokingAUsersTokensStopsThemOnTheRunningServer() {
        assertEquals(200, server.get("/api/v2/records/1", writer.headers()).status());

        Reply revoked = server.send("DELETE", "/api/v2/tokens?user=10", null, admin.headers());

        assertEquals(200, revoked.status(), revoked::toString);
        assertEquals("{\"revoked\":1,\"user\":10}", revoked.json().toJson());
        awaitRefused(writer);
        assertUnauthorized(server.post("/api/v2/records/1", "{\"premium\":5}", writer.headers()));
        assertEquals(200, server.get("/api/v2/records/1", admin.headers()).status(), "other users' tokens go on working");
    }

    @Test
    void disablingAUserStopsItsTokensOnTheRunningServer() {
        Reply disabled = server.put("/api/v2/users/10", "{\"active\":false}", admin.headers());

        assertEquals(200, disabled.status(), disabled::toString);
        awaitRefused(writer);
        assertEquals(409, server.post("/api/v2/tokens", "{\"user\":10}", admin.headers()).status(),
                "no new token for a disabled user");
    }

    @Test
    void aTokenRevokedByAnotherProcessStopsWorkingWithinTwoSeconds() {
        assertEquals(200, server.get("/api/v2/records/1", writer.headers()).status());

        // The command line revokes in the database while the server runs.
        Sql.update(server.database(), "UPDATE api_tokens SET revoked_at = '2026-05-01T10:00:00.000000Z' WHERE user_id = 10");

        awaitRefused(writer);
    }

    @Test
    void anOpenLiveStreamEndsWhenItsTokenIsRevoked() {
        try (SseClient events = SseClient.open(server.baseUrl(), "/api/v2/events?access_token=" + writer.token());
             SseClient adminEvents = SseClient.open(server.baseUrl(), "/api/v2/events", admin.headers())) {
            assertEquals(200, events.status());
            server.post("/api/v2/records/1", "{\"premium\":7}", admin.headers());
            assertEquals("record.written", events.nextEvent(Duration.ofSeconds(10)).event(), "the stream works until then");

            // Revoked in the database, as the command line does from another process.
            Sql.update(server.database(), "UPDATE api_tokens SET revoked_at = '2026-05-01T10:00:00.000000Z' WHERE user_id = 10");

            Wait.until(Duration.ofSeconds(10), () -> events.nextFrame(Duration.ofSeconds(5)) == null && events.ended(),
                    () -> "the revoked caller's stream ended");
            server.post("/api/v2/records/1", "{\"premium\":8}", admin.headers());
            adminEvents.nextEvent(Duration.ofSeconds(10));
            assertEquals("record.written", adminEvents.nextEvent(Duration.ofSeconds(10)).event(),
                    "other callers' streams go on");
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        Bearer shortLived = new Bearer(10, server.context().access().issueToken(10, 1, Actor.ANONYMOUS).join().token());
        assertEquals(200, server.get("/api/v2/records/1", shortLived.headers()).status());
        server.close();

        MutableClock dayAfter = new MutableClock(Instant.now().plus(Duration.ofDays(1)).plusSeconds(1));
        server = TestServer.start(dir.resolve("tokens.db"), dayAfter, AppContext.StreamSettings.defaults(), "--auth", "tokens");

        assertUnauthorized(server.get("/api/v2/records/1", shortLived.headers()));
        assertEquals(200, server.get("/api/v2/records/1", writer.headers()).status(), "a token without expiry goes on");
    }

    /** Polls until {@code bearer} is refused with 401, failing if that takes longer than {@link #REVOCATION}. */
    private void awaitRefused(Bearer bearer) {
        Wait.until(REVOCATION, () -> server.get("/api/v2/records/1", bearer.headers()).status() == 401,
                () -> bearer + " is still accepted: " + server.get("/api/v2/records/1", bearer.headers()));
        assertNotNull(server.get("/api/v2/records/1", bearer.headers()).header("WWW-Authenticate"));
    }
}
