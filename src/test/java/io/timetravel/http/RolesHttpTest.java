package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.NewUser;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each role may do over HTTP with {@code --auth tokens}: auditors read, underwriters also
 * write and restore, operators read and run flags, snapshots and metrics, admins do everything;
 * a refusal is a 403 that names the roles needed. Without authentication, a registered user
 * still acts with its own roles and every write is marked as unverified.
 */
class RolesHttpTest {

    private static final String WRITE_ROLES = "needs the role underwriter or admin";
    private static final String FLAG_ROLES = "needs the role operator or admin";
    private static final String ADMIN_ROLE = "needs the role admin";
    private static final String AUDIT_ROLES = "needs the role auditor or admin";
    /** Reads every role may make. */
    private static final List<String> READS = List.of("/api/v2/records/1", "/api/v2/records", "/api/v2/records/1/versions",
            "/api/v2/records/1/versions/1", "/api/v2/records/1/history", "/api/v2/records/1/history?at=2100-01-01T00:00:00Z",
            "/api/v2/records/1/diff?from=v:1&to=v:2", "/api/v2/audit", "/api/v2/audit/verify", "/api/v2/flags",
            "/api/v2/flags/enable_metrics");

    @TempDir
    Path dir;
    private TestServer server;
    private Bearer admin;
    private Bearer underwriter;
    private Bearer operator;
    private Bearer auditor;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("roles.db"), "--auth", "tokens");
        admin = Bearer.register(server, 1, false, Role.ADMIN);
        underwriter = Bearer.register(server, 10, false, Role.UNDERWRITER);
        operator = Bearer.register(server, 20, false, Role.OPERATOR);
        auditor = Bearer.register(server, 30, false, Role.AUDITOR);
        assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\",\"premium\":1}", admin.headers()).status());
        assertEquals(200, server.post("/api/v2/records/1", "{\"premium\":2}", admin.headers()).status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long versions() {
        return Sql.count(server.database(), "SELECT count(*) FROM policyholder_records");
    }

    private static void assertRefused(Reply reply, String roles) {
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.body().contains(roles), () -> "the refusal names the roles needed: " + reply.body());
    }

    private void assertReadsEverything(Bearer bearer) {
        for (String path : READS) {
            Reply reply = server.get(path, bearer.headers());
            assertEquals(200, reply.status(), () -> bearer + " GET " + path + ": " + reply);
        }
        Reply snapshot = server.post("/api/v2/snapshots", "{\"at\":\"" + Instant.now() + "\",\"reason\":\"audit\"}",
                bearer.headers());
        assertEquals(202, snapshot.status(), () -> bearer + " POST /api/v2/snapshots: " + snapshot);
    }

    private void assertCannotAdminister(Bearer bearer) {
        assertRefused(server.get("/api/v2/users", bearer.headers()), ADMIN_ROLE);
        assertRefused(server.post("/api/v2/users", "{\"id\":99,\"name\":\"Mallory\",\"roles\":[\"admin\"]}", bearer.headers()),
                ADMIN_ROLE);
        assertRefused(server.post("/api/v2/tokens", "{\"user\":" + bearer.user() + "}", bearer.headers()), ADMIN_ROLE);
        assertRefused(server.send("DELETE", "/api/v2/tokens?user=1", null, bearer.headers()), ADMIN_ROLE);
        assertRefused(server.put("/api/v2/users/" + bearer.user(), "{\"roles\":[\"admin\"]}", bearer.headers()), ADMIN_ROLE);
        assertRefused(server.get("/api/v2/field-policies", bearer.headers()), ADMIN_ROLE);
        assertRefused(server.put("/api/v2/field-policies/email", "{\"masking\":\"full\"}", bearer.headers()), ADMIN_ROLE);
        assertEquals(4, Sql.count(server.database(), "SELECT count(*) FROM users"));
        assertEquals(0, Sql.count(server.database(), "SELECT count(*) FROM field_policies"));
    }

    @Test
    void onlyTheHealthChecksArePublicAndEveryOtherRouteNamesWhatItNeeds() {
        List<String> open = server.context().routes().stream()
                .filter(route -> route.permission() == null)
                .map(route -> route.method() + " " + route.template())
                .sorted()
                .toList();

        assertEquals(List.of("* /api/v1/health", "GET /api/v2/health", "GET /health"), open,
                "a new route must say which permission it needs, or it would be open to anyone with --auth tokens");
    }

    @Test
    void anAuditorReadsEverythingAndWritesNothing() {
        assertReadsEverything(auditor);
        assertEquals(200, server.get("/api/v2/access-log", auditor.headers()).status());
        long before = versions();

        assertRefused(server.post("/api/v2/records/1", "{\"premium\":3}", auditor.headers()), WRITE_ROLES);
        assertRefused(server.post("/api/v2/records/2", "{\"name\":\"Bob\"}", auditor.headers()), WRITE_ROLES);
        assertRefused(server.post("/api/v1/records/1", "{\"premium\":3}", auditor.headers()), WRITE_ROLES);
        assertRefused(server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"undo\"}", auditor.headers()),
                WRITE_ROLES);
        assertRefused(server.put("/api/v2/flags/enable_metrics", "{\"enabled\":false}", auditor.headers()), FLAG_ROLES);
        assertRefused(server.get("/metrics", auditor.headers()), FLAG_ROLES);
        assertCannotAdminister(auditor);
        assertEquals(before, versions());
        assertEquals("1", Sql.scalar(server.database(), "SELECT enabled FROM feature_flags WHERE flag_key = 'enable_metrics'"));
    }

    @Test
    void anUnderwriterAlsoWritesAndRestoresButRunsNothing() {
        assertReadsEverything(underwriter);

        assertEquals(200, server.post("/api/v2/records/1", "{\"premium\":3}", underwriter.headers()).status());
        assertEquals(200, server.post("/api/v1/records/2", "{\"name\":\"Bob\"}", underwriter.headers()).status());
        Reply restored = server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"undo\"}", underwriter.headers());
        assertEquals(201, restored.status(), restored::toString);
        assertEquals("RESTORE", restored.json().getString("operation").orElseThrow());
        assertRefused(server.put("/api/v2/flags/enable_metrics", "{\"enabled\":false}", underwriter.headers()), FLAG_ROLES);
        assertRefused(server.get("/metrics", underwriter.headers()), FLAG_ROLES);
        assertRefused(server.get("/api/v2/access-log", underwriter.headers()), AUDIT_ROLES);
        assertCannotAdminister(underwriter);
    }

    @Test
    void anOperatorReadsRunsFlagsSnapshotsAndMetricsButWritesNoRecord() {
        assertReadsEverything(operator);
        long before = versions();

        Reply flag = server.put("/api/v2/flags/enable_metrics", "{\"enabled\":false}", operator.headers());
        assertEquals(200, flag.status(), flag::toString);
        assertEquals("20", flag.json().getOrNull("updated_by").toString());
        assertEquals(200, server.get("/metrics", operator.headers()).status());
        assertRefused(server.post("/api/v2/records/1", "{\"premium\":3}", operator.headers()), WRITE_ROLES);
        assertRefused(server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"undo\"}", operator.headers()),
                WRITE_ROLES);
        assertRefused(server.get("/api/v2/access-log", operator.headers()), AUDIT_ROLES);
        assertCannotAdminister(operator);
        assertEquals(before, versions());
    }

    @Test
    void anAdminDoesEverything() {
        assertReadsEverything(admin);

        assertEquals(200, server.post("/api/v2/records/1", "{\"premium\":3}", admin.headers()).status());
        assertEquals(201, server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"undo\"}", admin.headers()).status());
        assertEquals(200, server.put("/api/v2/flags/enable_metrics", "{\"enabled\":false}", admin.headers()).status());
        assertEquals(200, server.get("/metrics", admin.headers()).status());
        assertEquals(200, server.get("/api/v2/access-log", admin.headers()).status());
        assertEquals(201, server.post("/api/v2/users", "{\"id\":40,\"name\":\"Olu\",\"roles\":[\"auditor\",\"operator\"]}",
                admin.headers()).status());
        assertEquals(200, server.put("/api/v2/users/40", "{\"pii\":true}", admin.headers()).status());
        assertEquals(201, server.post("/api/v2/tokens", "{\"user\":40}", admin.headers()).status());
        assertEquals(200, server.put("/api/v2/field-policies/email", "{\"masking\":\"full\"}", admin.headers()).status());
        assertEquals(200, server.get("/api/v2/field-policies", admin.headers()).status());
        assertEquals(200, server.send("DELETE", "/api/v2/field-policies/email", null, admin.headers()).status());
        assertEquals(200, server.send("DELETE", "/api/v2/tokens?user=40", null, admin.headers()).status());
    }

    @Test
    void roleChangesTakeEffectOnTheRunningServer() {
        assertRefused(server.post("/api/v2/records/1", "{\"premium\":3}", auditor.headers()), WRITE_ROLES);

        assertEquals(200, server.put("/api/v2/users/30", "{\"roles\":[\"underwriter\"]}", admin.headers()).status());

        assertEquals(200, server.post("/api/v2/records/1", "{\"premium\":3}", auditor.headers()).status());
    }

    @Test
    void withoutAuthenticationARegisteredUserKeepsItsRolesAndWritesAreMarkedUnverified() {
        server.close();
        server = TestServer.start(dir.resolve("declared.db"));
        server.context().access().addUser(new NewUser(30, "Auditor", Set.of(Role.AUDITOR), false, null), Actor.ANONYMOUS).join();

        assertRefused(server.post("/api/v2/records/5", "{\"name\":\"Eve\"}", "X-User-ID", "30"), WRITE_ROLES);
        Reply trusted = server.post("/api/v2/records/5", "{\"name\":\"Eve\"}", "X-User-ID", "77");

        assertEquals(201, trusted.status(), trusted::toString);
        JsonObject entry = (JsonObject) ((JsonArray) server.get("/api/v2/audit?record=5", "X-User-ID", "77").json()
                .getOrNull("data")).elements().get(0);
        assertEquals("77", entry.getOrNull("actor").toString());
        assertEquals("false", entry.getOrNull("actor_verified").toString());
        String metadata = Sql.scalar(server.database(), "SELECT metadata FROM policyholder_records WHERE record_id = 5");
        assertTrue(metadata.contains("\"actor_verified\":false"), metadata);
    }
}
