package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.SnapshotDownloads;
import io.timetravel.testing.Sql;
import io.timetravel.testing.SseClient;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field policies over HTTP: an admin names the personal fields (audited), and a caller without
 * the pii grant sees them masked on every endpoint that shows record data, while a caller with
 * it sees them as stored. One test per endpoint family.
 */
class MaskingHttpTest {

    private static final String ADA = "{\"name\":\"Ada\",\"email\":\"ada@example.com\","
            + "\"contact\":{\"phone\":\"+44 20 7946 0000\",\"fax\":\"none\"},\"ssn\":\"123-45-6789\","
            + "\"address\":{\"city\":\"London\",\"zip\":\"N1 9GU\"}}";
    private static final String ADA_CHANGE = "{\"email\":\"ada@lovelace.org\",\"contact\":{\"phone\":\"+44 20 0000 1111\"}}";
    /** Fragments of the personal values above: none may reach a caller without pii. */
    private static final List<String> PERSONAL = List.of("ada@", "example.com", "lovelace", "7946", "0000 1111",
            "123-45-6789", "London", "N1 9GU");
    private static final Pattern HASHED = Pattern.compile("\\*\\*\\*\\*#[0-9a-f]{16}");

    @TempDir
    Path dir;
    private TestServer server;
    private Bearer admin;
    /** An underwriter without the pii grant. */
    private Bearer clerk;
    /** An underwriter with it. */
    private Bearer officer;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("masking.db"), "--auth", "tokens");
        admin = Bearer.register(server, 1, true, Role.ADMIN);
        clerk = Bearer.register(server, 10, false, Role.UNDERWRITER);
        officer = Bearer.register(server, 11, true, Role.UNDERWRITER);
        setPolicy("email", "{\"masking\":\"partial\",\"visible_chars\":4}");
        setPolicy("contact.phone", "{\"masking\":\"full\"}");
        setPolicy("ssn", "{\"masking\":\"hash\"}");
        setPolicy("address", "{\"masking\":\"full\"}");
        assertEquals(201, server.post("/api/v2/records/1", ADA, officer.headers()).status());
        assertEquals(201, server.post("/api/v2/records/2", "{\"name\":\"Bob\",\"ssn\":\"123-45-6789\"}", officer.headers()).status());
        assertEquals(200, server.post("/api/v2/records/1", ADA_CHANGE, officer.headers()).status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void setPolicy(String path, String body) {
        Reply reply = server.put("/api/v2/field-policies/" + path, body, admin.headers());
        assertEquals(200, reply.status(), reply::toString);
    }

    /** Nothing personal in {@code text}, and something visibly masked. */
    private static void assertMasked(String text) {
        for (String personal : PERSONAL) {
            assertFalse(text.contains(personal), () -> "\"" + personal + "\" shown unmasked in " + text);
        }
        assertTrue(text.contains("****"), () -> "nothing masked in " + text);
    }

    private static void assertUnmasked(String text) {
        assertTrue(text.contains("lovelace") || text.contains("ada@example.com"), () -> "no personal data in " + text);
        assertFalse(text.contains("****"), () -> "masked for a pii holder: " + text);
    }

    private static JsonObject parse(String json) {
        try {
            return JsonParser.parseObject(json);
        } catch (JsonParseException e) {
            throw new AssertionError(json, e);
        }
    }

    private static JsonObject object(JsonValue value) {
        return (JsonObject) value;
    }

    private static JsonArray array(JsonValue value) {
        return (JsonArray) value;
    }

    private static String text(JsonValue value) {
        return ((io.timetravel.domain.json.JsonString) value).value();
    }

    private long versionRows() {
        return Sql.count(server.database(), "SELECT count(*) FROM policyholder_records");
    }

    @Test
    void fieldPoliciesAreForAdminsAndEveryChangeIsAudited() {
        Reply listed = server.get("/api/v2/field-policies", admin.headers());

        assertEquals(200, listed.status());
        assertEquals("[{\"masking\":\"full\",\"path\":\"address\"},{\"masking\":\"full\",\"path\":\"contact.phone\"},"
                + "{\"masking\":\"partial\",\"path\":\"email\",\"visible_chars\":4},{\"masking\":\"hash\",\"path\":\"ssn\"}]",
                listed.json().getOrNull("data").toJson());
        assertEquals(403, server.put("/api/v2/field-policies/name", "{\"masking\":\"full\"}", officer.headers()).status());
        assertEquals(403, server.send("DELETE", "/api/v2/field-policies/ssn", null, officer.headers()).status());
        assertEquals(400, server.put("/api/v2/field-policies/name", "{\"masking\":\"blur\"}", admin.headers()).status());
        assertEquals(200, server.send("DELETE", "/api/v2/field-policies/ssn", null, admin.headers()).status());
        assertEquals(404, server.send("DELETE", "/api/v2/field-policies/ssn", null, admin.headers()).status());

        Reply audit = server.get("/api/v2/audit?actor=1", admin.headers());
        List<String> types = array(audit.json().getOrNull("data")).elements().stream()
                .map(entry -> object(entry).getString("event_type").orElseThrow()).toList();
        assertEquals(List.of("FIELD_POLICY_REMOVED", "FIELD_POLICY_SET", "FIELD_POLICY_SET", "FIELD_POLICY_SET",
                "FIELD_POLICY_SET"), types);
        JsonObject bob = object(server.get("/api/v2/records/2", clerk.headers()).json().getOrNull("data"));
        assertEquals("123-45-6789", text(bob.getOrNull("ssn")), "without its policy the field is no longer personal");
    }

    @Test
    void maskedValuesTakeTheirDocumentedFormsAndNestedPathsAreCovered() {
        JsonObject clerkSees = object(server.get("/api/v2/records/1?at=" + Instant.now(), clerk.headers()).json().getOrNull("data"));
        JsonObject bob = object(server.get("/api/v2/records/2", clerk.headers()).json().getOrNull("data"));

        assertEquals("Ada", text(clerkSees.getOrNull("name")));
        assertEquals("****.org", text(clerkSees.getOrNull("email")), "partial: the last four characters");
        assertEquals("{\"fax\":\"none\",\"phone\":\"****\"}", clerkSees.getOrNull("contact").toJson(), "full, inside an object");
        assertEquals("\"****\"", clerkSees.getOrNull("address").toJson(), "a policy on an object masks all inside it");
        String ssn = text(clerkSees.getOrNull("ssn"));
        assertTrue(HASHED.matcher(ssn).matches(), ssn);
        assertEquals(ssn, text(bob.getOrNull("ssn")), "equal values hash equally");
        assertEquals("****.com", text(object(server.get("/api/v2/records/1/versions/1", clerk.headers()).json()
                .getOrNull("data")).getOrNull("email")));

        JsonObject officerSees = object(server.get("/api/v2/records/1", officer.headers()).json().getOrNull("data"));
        assertEquals("ada@lovelace.org", text(officerSees.getOrNull("email")));
        assertEquals("{\"city\":\"London\",\"zip\":\"N1 9GU\"}", officerSees.getOrNull("address").toJson());
    }

    @Test
    void v1RecordBodiesAreMasked() {
        Reply read = server.get("/api/v1/records/1", clerk.headers());
        Reply written = server.post("/api/v1/records/3", "{\"name\":\"Cy\",\"email\":\"cy@example.net\"}", clerk.headers());

        assertEquals(200, read.status());
        assertMasked(read.body());
        assertEquals(200, written.status(), written::toString);
        assertEquals("{\"id\":3,\"data\":{\"email\":\"****.net\",\"name\":\"Cy\"}}", written.body());
        assertEquals("{\"id\":3,\"data\":{\"email\":\"cy@example.net\",\"name\":\"Cy\"}}",
                server.get("/api/v1/records/3", officer.headers()).body(), "stored as written");
        assertUnmasked(server.get("/api/v1/records/1", officer.headers()).body());
    }

    @Test
    void v2RecordAnswersAreMasked() {
        for (String path : List.of("/api/v2/records/1", "/api/v2/records/1/versions/1", "/api/v2/records/1/versions/2",
                "/api/records/1")) {
            Reply reply = server.get(path, clerk.headers());
            assertEquals(200, reply.status(), () -> path + ": " + reply);
            assertMasked(reply.body());
            assertUnmasked(server.get(path, officer.headers()).body());
        }
        Reply written = server.post("/api/v2/records/1", "{\"premium\":3}", clerk.headers());
        assertEquals(200, written.status(), written::toString);
        assertMasked(written.body());
        Reply restored = server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"undo\"}", clerk.headers());
        assertEquals(201, restored.status(), restored::toString);
        assertMasked(restored.body());
    }

    @Test
    void theRecordListMasksPersonalNamesAndRefusesSearchesThatWouldTellThem() {
        setPolicy("name", "{\"masking\":\"partial\",\"visible_chars\":1}");
        server.post("/api/v2/records/21", "{\"name\":\"Agent 1\"}", officer.headers());

        Reply listed = server.get("/api/v2/records", clerk.headers());
        Reply byName = server.get("/api/v2/records?q=Ad", clerk.headers());
        Reply byId = server.get("/api/v2/records?q=1", clerk.headers());
        Reply officerByName = server.get("/api/v2/records?q=Ad", officer.headers());

        assertEquals(200, listed.status(), listed::toString);
        assertTrue(listed.body().contains("\"name\":\"****a\"") && listed.body().contains("\"name\":\"****b\""), listed::toString);
        assertFalse(listed.body().contains("Ada") || listed.body().contains("Bob"), listed::toString);
        assertEquals(403, byName.status(), "a name search would confirm what the mask hides: " + byName);
        assertTrue(byName.body().contains("search by record id"), byName::toString);
        assertEquals(200, byId.status());
        assertTrue(byId.body().contains("\"id\":1,"), byId::toString);
        assertFalse(byId.body().contains("\"id\":21"), () -> "as text, 1 would also find the masked \"Agent 1\": " + byId);
        assertEquals(200, officerByName.status());
        assertTrue(officerByName.body().contains("\"name\":\"Ada\""), officerByName::toString);
    }

    @Test
    void aMaskedRegionDoesNotDecideARegionalRollout() {
        setPolicy("region", "{\"masking\":\"full\"}");
        server.post("/api/v2/records/31", "{\"region\":\"EU\"}", officer.headers());
        server.post("/api/v2/records/32", "{\"region\":\"US\"}", officer.headers());
        assertEquals(200, server.put("/api/v2/flags/enable_v2_api", "{\"regions\":[\"EU\"]}", admin.headers()).status());

        assertEquals(200, server.get("/api/v2/records/31", officer.headers()).status(), "a pii holder's rollout follows the region");
        assertEquals(404, server.get("/api/v2/records/32", officer.headers()).status());
        assertEquals(server.get("/api/v2/records/31", clerk.headers()).status(), server.get("/api/v2/records/32", clerk.headers()).status(),
                "the same answer for both regions, or the answer would tell the masked region");
    }

    @Test
    void historyIsMasked() {
        Reply history = server.get("/api/v2/records/1/history", clerk.headers());
        Reply at = server.get("/api/v2/records/1/history?at=" + Instant.now(), clerk.headers());

        assertEquals(200, history.status());
        assertMasked(history.body());
        JsonObject update = object(array(history.json().getOrNull("data")).elements().stream()
                .filter(entry -> object(entry).getOrNull("version").toString().equals("2")).findFirst().orElseThrow());
        assertEquals("****.com", text(object(update.getOrNull("old_value")).getOrNull("email")));
        assertEquals("****.org", text(object(update.getOrNull("new_value")).getOrNull("email")));
        assertEquals(200, at.status());
        assertMasked(at.body());
        assertEquals("****.org", text(object(at.json().getOrNull("data")).getOrNull("email")));
        assertUnmasked(server.get("/api/v2/records/1/history", officer.headers()).body());
    }

    @Test
    void diffsAreMaskedButKeepTheirPaths() {
        server.post("/api/v2/records/1", "{\"ssn\":null,\"address\":null}", officer.headers());
        server.post("/api/v2/records/1", "{\"address\":{\"city\":\"Leeds\"}}", officer.headers());

        Reply diff = server.get("/api/v2/records/1/diff?from=v:1&to=v:3", clerk.headers());
        Reply added = server.get("/api/v2/records/1/diff?from=v:3&to=v:4", clerk.headers());

        assertEquals(200, diff.status(), diff::toString);
        assertMasked(diff.body());
        JsonObject data = object(diff.json().getOrNull("data"));
        assertEquals("{\"from\":\"****.com\",\"to\":\"****.org\"}", object(data.getOrNull("changed")).getOrNull("email").toJson());
        assertEquals("{\"from\":\"****\",\"to\":\"****\"}", object(data.getOrNull("changed")).getOrNull("contact.phone").toJson());
        assertTrue(HASHED.matcher(text(object(data.getOrNull("removed")).getOrNull("ssn"))).matches(), diff.body());
        assertFalse(added.body().contains("Leeds"), added.body());
        assertTrue(added.body().contains("****"), added.body());
        assertUnmasked(server.get("/api/v2/records/1/diff?from=v:1&to=v:3", officer.headers()).body());
    }

    @Test
    void theAuditTrailIsMaskedAndItsHashChainStillVerifies() {
        Reply audit = server.get("/api/v2/audit?record=1", clerk.headers());

        assertEquals(200, audit.status());
        assertMasked(audit.body());
        JsonObject update = object(array(audit.json().getOrNull("data")).elements().get(0));
        assertEquals("****.org", text(object(update.getOrNull("new_value")).getOrNull("email")));
        String hash = text(update.getOrNull("hash"));
        assertTrue(HASHED.matcher(hash).matches(), () -> "an unkeyed digest of the stored values would confirm a guess: " + hash);
        List<JsonValue> chain = array(server.get("/api/v2/audit", clerk.headers()).json().getOrNull("data")).elements();
        assertEquals(text(object(chain.get(1)).getOrNull("hash")), text(object(chain.get(0)).getOrNull("prev_hash")),
                "keyed, the chain still links");
        JsonObject unmasked = object(array(server.get("/api/v2/audit?record=1", officer.headers()).json().getOrNull("data"))
                .elements().get(0));
        assertUnmasked(unmasked.toJson());
        assertEquals(64, text(unmasked.getOrNull("hash")).length(), "a pii holder sees the chain");

        Reply verify = server.get("/api/v2/audit/verify", clerk.headers());
        assertEquals(200, verify.status());
        assertEquals("true", verify.json().getOrNull("ok").toString(), verify.body());
        assertTrue(HASHED.matcher(text(verify.json().getOrNull("head"))).matches(), verify::toString);
        assertEquals(64, text(server.get("/api/v2/audit/verify", officer.headers()).json().getOrNull("head")).length());
    }

    @Test
    void replayAndLiveEventsAreMasked() {
        long events = Sql.count(server.database(), "SELECT count(*) FROM event_logs");
        try (SseClient replay = SseClient.open(server.baseUrl(), "/api/v2/records/1/replay", clerk.headers());
             SseClient live = SseClient.open(server.baseUrl(), "/api/v2/events", clerk.headers("Last-Event-ID", "0"))) {
            List<SseClient.Frame> versions = replay.eventsUntilEnd(Duration.ofSeconds(10));
            assertEquals(2, versions.size());
            versions.forEach(frame -> assertMasked(frame.data()));

            List<SseClient.Frame> backlog = live.events((int) events, Duration.ofSeconds(10));
            List<SseClient.Frame> recordEvents = backlog.stream().filter(frame -> frame.data().contains("\"record_id\":1,"))
                    .toList();
            assertEquals(2, recordEvents.size(), backlog::toString);
            recordEvents.forEach(frame -> assertMasked(frame.data()));
            backlog.forEach(frame -> assertFalse(frame.data().contains("123-45-6789"), frame.data()));

            server.post("/api/v2/records/1", "{\"email\":\"countess@example.com\"}", officer.headers());
            String next = live.nextEvent(Duration.ofSeconds(10)).data();
            assertFalse(next.contains("countess"), next);
            assertTrue(parse(next).toJson().contains("****.com"), next);
            assertTrue(HASHED.matcher(parse(next).getOrNull("payload") instanceof JsonObject payload
                            ? text(payload.getOrNull("state_sha256")) : "").matches(),
                    () -> "a digest of the whole state would confirm a guessed value: " + next);
        }
        try (SseClient replay = SseClient.open(server.baseUrl(), "/api/v2/records/1/replay", officer.headers())) {
            assertTrue(replay.eventsUntilEnd(Duration.ofSeconds(10)).get(0).data().contains("ada@example.com"));
        }
    }

    @Test
    void anOpenLiveStreamMasksByThePoliciesInForceWhenEachEventIsSent() {
        try (SseClient live = SseClient.open(server.baseUrl(), "/api/v2/events", clerk.headers())) {
            assertEquals(200, live.status());

            setPolicy("nickname", "{\"masking\":\"full\"}");
            server.post("/api/v2/records/1", "{\"nickname\":\"Countess\"}", officer.headers());

            String event = live.nextEvent(Duration.ofSeconds(10)).data();
            while (!event.contains("record.written")) {
                event = live.nextEvent(Duration.ofSeconds(10)).data();
            }
            assertFalse(event.contains("Countess"), event);
            assertTrue(event.contains("\"nickname\":\"****\""), event);
        }
    }

    @Test
    void aSnapshotTakenWithoutPiiIsMaskedAndAnUnmaskedOneIsOnlyForPiiHolders() {
        long masked = requestSnapshot(clerk);
        long unmasked = requestSnapshot(officer);

        assertEquals("true", SnapshotDownloads.awaitCompleted(server, masked, clerk.headers()).getOrNull("masked").toString());
        assertEquals("false", SnapshotDownloads.awaitCompleted(server, unmasked, clerk.headers()).getOrNull("masked").toString());
        HttpResponse<byte[]> maskedExport = SnapshotDownloads.export(server, masked, clerk.headers());
        assertEquals(200, maskedExport.statusCode());
        List<String> lines = SnapshotDownloads.gunzipLines(maskedExport.body());
        assertEquals(2, lines.size());
        lines.forEach(line -> assertFalse(line.contains("123-45-6789"), line));
        assertMasked(lines.get(0));

        HttpResponse<byte[]> refused = SnapshotDownloads.export(server, unmasked, clerk.headers());
        assertEquals(403, refused.statusCode());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("needs the pii grant"));
        HttpResponse<byte[]> full = SnapshotDownloads.export(server, unmasked, officer.headers());
        assertEquals(200, full.statusCode());
        assertUnmasked(SnapshotDownloads.gunzipLines(full.body()).get(0));
        for (long record : new long[] {1, 2}) {
            Reply logged = server.get("/api/v2/access-log?record=" + record + "&actor=11", admin.headers());
            assertTrue(logged.body().contains("\"endpoint\":\"GET /api/v2/snapshots/" + unmasked + "/export\""),
                    () -> "the download disclosed record " + record + ": " + logged);
        }
    }

    private long requestSnapshot(Bearer bearer) {
        Reply reply = server.post("/api/v2/snapshots", "{\"at\":\"" + Instant.now() + "\",\"reason\":\"export\"}", bearer.headers());
        assertEquals(202, reply.status(), reply::toString);
        return Long.parseLong(reply.json().getOrNull("snapshot_id").toString());
    }

    @Test
    void writingMaskedTextIntoAPersonalFieldIsRefusedWithoutPii() {
        long before = versionRows();

        Reply email = server.post("/api/v2/records/1", "{\"email\":\"****.org\",\"premium\":4}", clerk.headers());
        Reply phone = server.post("/api/v2/records/1", "{\"contact\":{\"phone\":\"****\"}}", clerk.headers());
        Reply v1 = server.post("/api/v1/records/1", "{\"ssn\":\"****#0123456789abcdef\"}", clerk.headers());

        assertEquals(400, email.status(), email::toString);
        assertTrue(email.body().contains("email"), email.body());
        assertEquals(400, phone.status(), phone::toString);
        assertTrue(phone.body().contains("contact.phone"), phone.body());
        assertEquals(400, v1.status(), v1::toString);
        assertEquals(before, versionRows(), "nothing written");

        assertEquals(200, server.post("/api/v2/records/1", "{\"name\":\"****\"}", clerk.headers()).status(),
                "a field no policy names may hold any text");
        assertEquals(200, server.post("/api/v2/records/1", "{\"email\":\"****@example.com\"}", officer.headers()).status(),
                "a pii holder sees what it writes");
    }
}
