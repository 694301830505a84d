package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Role;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane with {@code --auth tokens}: however enable_v2_api is rolled back (off, a
 * partial rollout, a region list), the flags, users, tokens and field policies stay reachable so
 * an operator or admin can undo it, and only operators and admins may change a flag.
 */
class ControlPlaneHttpTest {

    private static final String V2_FLAG = "/api/v2/flags/enable_v2_api";
    private static final String DISABLED = "{\"error\":\"v2 API is disabled\"}";

    @TempDir
    Path dir;
    private TestServer server;
    private Bearer admin;
    private Bearer[] operators;
    private Bearer auditor;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("control.db"), "--auth", "tokens");
        admin = Bearer.register(server, 1, false, Role.ADMIN);
        auditor = Bearer.register(server, 30, false, Role.AUDITOR);
        // Several operators, so that a partial rollout switches some of them off.
        operators = new Bearer[12];
        for (int i = 0; i < operators.length; i++) {
            operators[i] = Bearer.register(server, 100 + i, false, Role.OPERATOR);
        }
        assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\",\"region\":\"US\"}", admin.headers()).status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void change(Bearer bearer, String body) {
        Reply reply = server.put(V2_FLAG, body, bearer.headers());
        assertEquals(200, reply.status(), reply::toString);
    }

    /** Every operator still lists and reads the flags, and the admin its users, tokens and policies. */
    private void assertControlPlaneReachable() {
        for (Bearer operator : operators) {
            assertEquals(200, server.get("/api/v2/flags", operator.headers()).status(), operator::toString);
            assertEquals(200, server.get(V2_FLAG, operator.headers()).status(), operator::toString);
        }
        assertEquals(200, server.get("/api/v2/users", admin.headers()).status());
        assertEquals(200, server.get("/api/v2/field-policies", admin.headers()).status());
        assertEquals(201, server.post("/api/v2/tokens", "{\"user\":30}", admin.headers()).status());
    }

    @Test
    void withV2SwitchedOffAnOperatorCanStillSwitchItBackOn() {
        change(operators[0], "{\"enabled\":false}");
        Wait.until(Duration.ofSeconds(2), () -> server.get("/api/v2/records/1", auditor.headers()).status() == 404,
                () -> "v2 switched off");

        assertEquals(DISABLED, server.get("/api/v2/records/1", operators[0].headers()).body());
        assertEquals(DISABLED, server.get("/api/v2/audit", admin.headers()).body());
        assertControlPlaneReachable();

        change(operators[0], "{\"enabled\":true}");
        Wait.until(Duration.ofSeconds(2), () -> server.get("/api/v2/records/1", auditor.headers()).status() == 200,
                () -> "v2 switched back on");
    }

    @Test
    void withAPartialRolloutEveryOperatorCanStillUndoIt() {
        change(operators[0], "{\"rollout_percentage\":25}");
        Wait.until(Duration.ofSeconds(2), () -> {
            long off = java.util.Arrays.stream(operators)
                    .filter(operator -> server.get("/api/v2/records/1", operator.headers()).status() == 404).count();
            return off > 0 && off < operators.length;
        }, () -> "some operators, not all, switched off by the rollout");

        assertControlPlaneReachable();
        for (Bearer operator : operators) {
            if (server.get("/api/v2/records/1", operator.headers()).status() == 404) {
                change(operator, "{\"rollout_percentage\":100}");
                break;
            }
        }
        for (Bearer operator : operators) {
            assertEquals(200, server.get("/api/v2/records/1", operator.headers()).status(), operator::toString);
        }
    }

    @Test
    void withARegionListTheFlagsAnswerEverywhere() {
        change(operators[0], "{\"regions\":[\"EU\"]}");
        Wait.until(Duration.ofSeconds(2), () -> server.get("/api/v2/records/1", auditor.headers()).status() == 404,
                () -> "record 1 (US) switched off");

        for (String region : List.of("US", "EU", "APAC")) {
            assertEquals(200, server.get("/api/v2/flags", operators[0].headers("X-Region", region)).status(), region);
        }
        change(operators[0], "{\"regions\":[]}");
        assertEquals(200, server.get("/api/v2/records/1", auditor.headers()).status());
    }

    @Test
    void changingAFlagNeedsAnOperatorOrAnAdminEvenWhileV2IsOff() {
        change(admin, "{\"enabled\":false}");

        Reply refused = server.put(V2_FLAG, "{\"enabled\":true}", auditor.headers());

        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.body().contains("needs the role operator or admin"), refused.body());
        assertEquals(401, server.put(V2_FLAG, "{\"enabled\":true}").status());
        assertEquals("false", server.get(V2_FLAG, auditor.headers()).json().getOrNull("enabled").toString());
        change(admin, "{\"enabled\":true}");
    }
}
