package io.timetravel.http;

import static io.timetravel.testing.JsonBodies.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail over real HTTP (issue 3 item 6): searching it across records, and verifying
 * its hash chain, including after an operator has edited or deleted rows with raw SQL.
 */
class AuditHttpTest {

    private static final String USER = "X-User-ID";
    private static final Set<String> ENTRY_KEYS = Set.of("id", "record_id", "version", "event_type", "changed_at", "actor", "actor_verified",
            "old_value", "new_value", "reason", "prev_hash", "hash");

    @TempDir
    Path dir;

    private TestServer server;
    private final MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("audit.db"), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Six changes a minute apart from 10:00: record 1 by users 7 and 8, record 2, and record 3
     * through v1 (the anonymous actor 0).
     */
    private void writeHistory() {
        write("10:00", 1, "{\"a\":1}", "7");                // CREATE
        write("10:01", 1, "{\"a\":2}", "8");                // UPDATE
        write("10:02", 2, "{\"b\":1}", "7");                // CREATE
        write("10:03", 1, "{\"a\":null,\"c\":[1,2]}", "7"); // UPDATE
        clock.set("2026-05-01T10:04:00Z");                   // CREATE by v1
        assertEquals(200, server.post("/api/v1/records/3", "{\"k\":\"v\"}").status());
        write("10:05", 2, "{\"b\":2}", "8");                // UPDATE
    }

    private void write(String time, long id, String patch, String user) {
        clock.set("2026-05-01T" + time + ":00Z");
        Reply reply = server.post("/api/v2/records/" + id, patch, USER, user);
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
    }

    // --- listing -----------------------------------------------------------------------------

    @Test
    void auditListsEveryEntryNewestFirstWithValuesAsJson() {
        writeHistory();

        JsonObject page = audit("");

        List<JsonObject> entries = entries(page);
        assertEquals(6, entries.size());
        assertEquals(6, number(pagination(page), "total"));
        assertEquals(100, number(pagination(page), "limit"));
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), ids(page));
        for (JsonObject entry : entries) {
            assertEquals(ENTRY_KEYS, entry.members().keySet(), entry::toJson);
        }
        JsonObject created = entries.get(5);
        assertEquals("CREATE", created.getString("event_type").orElseThrow());
        assertEquals("2026-05-01T10:00:00.000000Z", created.getString("changed_at").orElseThrow());
        assertTrue(created.getOrNull("old_value").isNull());
        assertEquals("{\"a\":1}", created.getOrNull("new_value").toJson());
        assertEquals(HashChain.GENESIS, created.getString("prev_hash").orElseThrow());

        JsonObject updated = entries.get(4);
        assertEquals(1, number(updated, "record_id"));
        assertEquals(2, number(updated, "version"));
        assertEquals(8, number(updated, "actor"));
        assertEquals("{\"a\":1}", updated.getOrNull("old_value").toJson(), "old_value is a JSON value, not a string");
        assertEquals("{\"a\":2}", updated.getOrNull("new_value").toJson());
        assertEquals(created.getString("hash"), updated.getString("prev_hash"), "each entry names its predecessor's hash");
    }

    @Test
    void auditFiltersByRecordActorOperationAndTimeRange() {
        writeHistory();

        assertEquals(List.of(4L, 2L, 1L), ids(audit("record=1")));
        assertEquals(List.of(6L, 2L), ids(audit("actor=8")));
        assertEquals(List.of(5L), ids(audit("actor=0")), "v1 writes are audited with the anonymous actor");
        assertEquals(List.of(5L, 3L, 1L), ids(audit("operation=create")), "operation is case-insensitive");
        assertEquals(List.of(6L, 4L, 2L), ids(audit("operation=Update")));
        assertEquals(List.of(4L, 3L, 2L), ids(audit("from=2026-05-01T10:01:00Z&to=2026-05-01T10:03:00Z")), "bounds inclusive");
        assertEquals(List.of(6L, 5L), ids(audit("from=2026-05-01T12:04:00+02:00")), "any offset");
        assertEquals(List.of(4L, 1L), ids(audit("record=1&actor=7")));
        assertEquals(List.of(), ids(audit("record=99")));
        assertEquals(0, number(pagination(audit("record=99")), "total"));
    }

    @Test
    void auditPagesThroughTheEntriesWithTheTotal() {
        writeHistory();

        List<Long> all = new ArrayList<>();
        for (int offset = 0; offset < 8; offset += 2) {
            JsonObject page = audit("limit=2&offset=" + offset);
            assertEquals(6, number(pagination(page), "total"));
            assertEquals(2, number(pagination(page), "limit"));
            assertEquals(offset, number(pagination(page), "offset"));
            all.addAll(ids(page));
        }
        assertEquals(ids(audit("")), all);
        assertEquals(List.of(2L), ids(audit("operation=update&limit=1&offset=2")));
        assertEquals(3, number(pagination(audit("operation=update&limit=1&offset=2")), "total"));
    }

    @Test
    void badAuditFiltersAreRefusedWithTheReason() {
        String[][] cases = {
                {"record=abc", "invalid record"},
                {"record=0", "invalid record"},
                {"actor=-1", "invalid actor"},
                {"actor=x", "invalid actor"},
                {"operation=DELETE", "invalid operation; use one of CREATE, UPDATE, RESTORE"},
                {"operation=", "invalid operation"},
                {"from=yesterday", "invalid from"},
                {"to=2026-13-01", "invalid to"},
                {"from=2026-05-02&to=2026-05-01", "from is after to"},
                {"limit=0", "invalid limit"},
                {"limit=1001", "invalid limit"},
                {"offset=-1", "invalid offset"},
        };
        for (String[] bad : cases) {
            Reply reply = server.get("/api/v2/audit?" + bad[0], USER, "7");

            assertEquals(400, reply.status(), () -> bad[0] + " " + reply);
            assertTrue(reply.json().getString("error").orElseThrow().contains(bad[1]), () -> bad[0] + " " + reply);
        }
    }

    @Test
    void auditAndVerifyNeedTheUserHeader() {
        for (String path : List.of("/api/v2/audit", "/api/v2/audit/verify")) {
            Reply reply = server.get(path);
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("{\"error\":\"missing X-User-ID header\"}", reply.body());
        }
    }

    // --- verification ------------------------------------------------------------------------

    @Test
    void verifyAcceptsAnUntouchedChainAndNamesItsHead() {
        writeHistory();

        JsonObject result = verify();

        assertEquals("{\"entries\":6,\"head\":\"" + lastHash() + "\",\"ok\":true}", result.toJson());
    }

    @Test
    void verifyOfAnEmptyTrailIsOkWithTheGenesisHead() {
        assertEquals("{\"entries\":0,\"head\":\"" + HashChain.GENESIS + "\",\"ok\":true}", verify().toJson());
    }

    @Test
    void verifyNamesTheEntryWhoseNewValueWasEditedWithRawSql() {
        writeHistory();

        Sql.update(server.database(), "UPDATE audit_history SET new_value = '{\"a\":200}' WHERE id = 2");

        assertEquals("{\"broken\":{\"id\":2,\"reason\":\"hash does not match the entry's content\",\"record_id\":1,\"version\":2},"
                + "\"entries\":2,\"ok\":false}", verify().toJson());
        // The listing shows what is stored now: the auditor sees the forged value next to the alarm.
        assertEquals("{\"a\":200}", entries(audit("record=1&operation=update&limit=1&offset=1")).get(0).getOrNull("new_value").toJson());
    }

    @Test
    void verifyNamesTheEntryWhoseChangedAtWasReplacedByGarbage() {
        writeHistory();

        Sql.update(server.database(), "UPDATE audit_history SET changed_at = 'garbage' WHERE id = 3");

        Reply reply = server.get("/api/v2/audit/verify", USER, "7");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject broken = (JsonObject) reply.json().getOrNull("broken");
        assertEquals(3, number(broken, "id"));
        assertEquals(2, number(broken, "record_id"));
        assertEquals(1, number(broken, "version"));
        assertEquals("entry is unreadable: changed_at \"garbage\" is not an instant", broken.getString("reason").orElseThrow());
        assertEquals(3, number(reply.json(), "entries"));
        // Browsing still works; the entry shows no instant.
        Reply listing = server.get("/api/v2/audit?record=2", USER, "7");
        assertEquals(200, listing.status(), listing::toString);
        assertTrue(entries(listing.json()).get(1).getOrNull("changed_at").isNull());
    }

    @Test
    void verifyNamesTheEntryWhoseChangedAtWasRewrittenAsTheSameInstantInAnotherForm() {
        writeHistory();

        Sql.update(server.database(), "UPDATE audit_history SET changed_at = '2026-05-01T10:01:00Z' WHERE id = 2");

        JsonObject broken = (JsonObject) verify().getOrNull("broken");
        assertEquals(2, number(broken, "id"));
        assertEquals("hash does not match the entry's content", broken.getString("reason").orElseThrow());
    }

    @Test
    void verifyNoticesADeletedEntryAtTheOneAfterIt() {
        writeHistory();

        Sql.update(server.database(), "DELETE FROM audit_history WHERE id = 3");

        assertEquals("{\"broken\":{\"id\":4,\"reason\":\"prev_hash does not match the previous entry\",\"record_id\":1,\"version\":3},"
                + "\"entries\":3,\"ok\":false}", verify().toJson());
    }

    @Test
    void verifyNoticesARecomputedHashBecauseTheNextEntryStillNamesTheOldOne() {
        writeHistory();
        // A careful forger edits an entry and recomputes its hash: the successor's prev_hash gives it away.
        String content = AuditEntry.canonicalContent(1L, 2L, "UPDATE", "2026-05-01T10:01:00.000000Z", 8,
                "{\"a\":1}", "{\"a\":3}", null, false);
        String prev = Sql.scalar(server.database(), "SELECT prev_hash FROM audit_history WHERE id = 2");
        Sql.update(server.database(), "UPDATE audit_history SET new_value = '{\"a\":3}', hash = '"
                + HashChain.link(prev, content) + "' WHERE id = 2");

        JsonObject broken = (JsonObject) verify().getOrNull("broken");
        assertEquals(3, number(broken, "id"));
        assertEquals("prev_hash does not match the previous entry", broken.getString("reason").orElseThrow());
    }

    // --- helpers -----------------------------------------------------------------------------

    private JsonObject audit(String query) {
        Reply reply = server.get("/api/v2/audit" + (query.isEmpty() ? "" : "?" + query), USER, "7");
        assertEquals(200, reply.status(), () -> query + " " + reply);
        return reply.json();
    }

    private JsonObject verify() {
        Reply reply = server.get("/api/v2/audit/verify", USER, "7");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private String lastHash() {
        return Sql.scalar(server.database(), "SELECT hash FROM audit_history ORDER BY id DESC LIMIT 1");
    }

    private static List<JsonObject> entries(JsonObject page) {
        List<JsonObject> entries = new ArrayList<>();
        for (JsonValue value : ((JsonArray) page.getOrNull("data")).elements()) {
            entries.add((JsonObject) value);
        }
        return entries;
    }

    private static List<Long> ids(JsonObject page) {
        return entries(page).stream().map(entry -> number(entry, "id")).toList();
    }

    private static JsonObject pagination(JsonObject page) {
        return (JsonObject) page.getOrNull("pagination");
    }

}
