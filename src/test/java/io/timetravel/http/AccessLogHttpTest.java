package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.Sql;
import io.timetravel.testing.SseClient;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log over HTTP: every answer that shows personal data unmasked to a pii holder is
 * on record (who, verified or not, which endpoint, records and fields) before the answer
 * arrives; answers without personal data leave no entry; auditors and admins search it.
 */
class AccessLogHttpTest {

    @TempDir
    Path dir;
    private TestServer server;
    private Bearer admin;
    private Bearer officer;
    private Bearer clerk;
    private Bearer auditor;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("access.db"), "--auth", "tokens");
        admin = Bearer.register(server, 1, true, Role.ADMIN);
        officer = Bearer.register(server, 11, true, Role.UNDERWRITER);
        clerk = Bearer.register(server, 10, false, Role.UNDERWRITER);
        auditor = Bearer.register(server, 30, false, Role.AUDITOR);
        assertEquals(200, server.put("/api/v2/field-policies/email", "{\"masking\":\"partial\",\"visible_chars\":4}",
                admin.headers()).status());
        assertEquals(200, server.put("/api/v2/field-policies/contact.phone", "{\"masking\":\"full\"}", admin.headers()).status());
        assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\",\"email\":\"ada@example.com\","
                + "\"contact\":{\"phone\":\"+44 20 7946 0000\"}}", officer.headers()).status());
        assertEquals(200, server.post("/api/v2/records/1", "{\"email\":\"ada@lovelace.org\"}", officer.headers()).status());
        assertEquals(201, server.post("/api/v2/records/2", "{\"name\":\"Bob\"}", officer.headers()).status());
        assertEquals(201, server.post("/api/v2/records/3", "{\"name\":\"Cy\",\"email\":\"cy@example.net\"}", clerk.headers()).status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long entries() {
        return Sql.count(server.database(), "SELECT count(*) FROM access_log");
    }

    private List<JsonObject> log(String query, Bearer bearer) {
        Reply reply = server.get("/api/v2/access-log" + query, bearer.headers());
        assertEquals(200, reply.status(), reply::toString);
        return ((JsonArray) reply.json().getOrNull("data")).elements().stream().map(JsonObject.class::cast).toList();
    }

    private static long id(JsonValue entry) {
        return Long.parseLong(((JsonObject) entry).getOrNull("id").toString());
    }

    @Test
    void aPiiHoldersReadIsOnRecordBeforeTheAnswerArrives() {
        long before = entries();

        Reply read = server.get("/api/v2/records/1", officer.headers());

        assertEquals(200, read.status());
        assertTrue(read.body().contains("ada@lovelace.org"), read.body());
        // No waiting: the entry is durable before the answer is sent.
        assertEquals(before + 1, entries());
        JsonObject entry = log("?record=1&actor=11&limit=1", auditor).get(0);
        assertEquals("11", entry.getOrNull("actor").toString());
        assertEquals("true", entry.getOrNull("actor_verified").toString());
        assertEquals("GET /api/v2/records/1", entry.getString("endpoint").orElseThrow());
        assertEquals("[1]", entry.getOrNull("record_ids").toJson());
        assertEquals("[\"contact.phone\",\"email\"]", entry.getOrNull("fields").toJson());
        assertTrue(entry.getString("accessed_at").isPresent(), entry::toString);
    }

    @Test
    void everyEndpointThatShowsPersonalDataToAPiiHolderRecordsIt() {
        List<String> paths = List.of("/api/v1/records/1", "/api/v2/records/1/versions/1", "/api/v2/records/1/history",
                "/api/v2/records/1/history?at=" + Instant.now(), "/api/v2/records/1/diff?from=v:1&to=v:2", "/api/v2/audit?record=1");
        for (String path : paths) {
            long before = entries();
            Reply reply = server.get(path, officer.headers());
            assertEquals(200, reply.status(), () -> path + ": " + reply);
            assertEquals(before + 1, entries(), () -> path + " left no access entry");
        }
        long before = entries();
        try (SseClient replay = SseClient.open(server.baseUrl(), "/api/v2/records/1/replay", officer.headers())) {
            assertEquals(2, replay.eventsUntilEnd(Duration.ofSeconds(10)).size());
        }
        assertTrue(entries() > before, "the replay left no access entry");
        Set<String> endpoints = new HashSet<>();
        log("?actor=11&limit=1000", auditor).forEach(entry -> endpoints.add(entry.getString("endpoint").orElseThrow()));
        assertTrue(endpoints.containsAll(List.of("GET /api/v2/records/1/history", "GET /api/v2/records/1/diff",
                "GET /api/v2/audit", "GET /api/v2/records/1/replay")), endpoints::toString);
    }

    @Test
    void answersWithoutPersonalDataRecordNothing() {
        long before = entries();

        assertEquals(200, server.get("/api/v2/records/2", officer.headers()).status(), "no personal field in record 2");
        assertEquals(200, server.get("/api/v2/records/1", clerk.headers()).status(), "masked for a caller without pii");
        assertEquals(200, server.get("/api/v2/records/1/history", clerk.headers()).status());
        assertEquals(200, server.get("/api/v2/records/1/versions", officer.headers()).status(), "versions list no data");
        assertEquals(200, server.get("/api/v2/records", officer.headers()).status());

        assertEquals(before, entries());
    }

    @Test
    void theLogIsSearchedByRecordActorAndTimeAndPaged() {
        server.get("/api/v2/records/3", admin.headers());
        Instant between = Instant.now();
        for (int i = 0; i < 3; i++) {
            server.get("/api/v2/records/1", officer.headers());
        }

        List<JsonObject> record3 = log("?record=3", auditor);
        assertTrue(record3.stream().allMatch(entry -> entry.getOrNull("record_ids").toJson().equals("[3]")), record3::toString);
        assertEquals(1, record3.stream().filter(entry -> entry.getOrNull("actor").toString().equals("1")).count());
        assertTrue(log("?actor=1", auditor).stream().allMatch(entry -> entry.getOrNull("actor").toString().equals("1")));
        List<JsonObject> since = log("?from=" + between, auditor);
        assertEquals(3, since.size(), since::toString);
        assertTrue(since.stream().allMatch(entry -> entry.getOrNull("actor").toString().equals("11")));
        assertTrue(log("?to=" + between, auditor).stream().noneMatch(since::contains));

        Reply page = server.get("/api/v2/access-log?actor=11&limit=2&offset=0", admin.headers());
        Reply next = server.get("/api/v2/access-log?actor=11&limit=2&offset=2", admin.headers());
        long total = Long.parseLong(((JsonObject) page.json().getOrNull("pagination")).getOrNull("total").toString());
        assertEquals(log("?actor=11&limit=1000", admin).size(), total);
        assertEquals(2, ((JsonArray) page.json().getOrNull("data")).size());
        Set<Long> ids = new HashSet<>();
        ((JsonArray) page.json().getOrNull("data")).elements().forEach(entry -> ids.add(id(entry)));
        ((JsonArray) next.json().getOrNull("data")).elements().forEach(entry -> assertTrue(ids.add(id(entry)), "pages overlap"));
        assertEquals(400, server.get("/api/v2/access-log?record=abc", auditor.headers()).status());
    }

    @Test
    void onlyAuditorsAndAdminsMayReadTheLog() {
        Bearer operator = Bearer.register(server, 20, true, Role.OPERATOR);

        assertEquals(200, server.get("/api/v2/access-log", auditor.headers()).status());
        assertEquals(200, server.get("/api/v2/access-log", admin.headers()).status());
        for (Bearer refused : List.of(operator, officer, clerk)) {
            Reply reply = server.get("/api/v2/access-log", refused.headers());
            assertEquals(403, reply.status(), refused::toString);
            assertTrue(reply.body().contains("needs the role auditor or admin"), reply.body());
        }
        assertEquals(401, server.get("/api/v2/access-log").status());
    }
}
