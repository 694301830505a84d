package io.timetravel.http;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.testing.Engine;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History, state at an instant, diff, restore and the record list over HTTP. */
class TimeMachineHttpTest {

    private static final String[] USER = {"X-User-ID", "42"};

    @TempDir
    Path dir;
    TestServer server;

    /** The engine this class runs on; {@code PostgresTimeMachineHttpTest} runs the same tests on PostgreSQL. */
    Engine engine() {
        return Engine.SQLITE;
    }

    @BeforeEach
    void start() {
        server = engine().startServer(dir);
        server.post("/api/v2/records/1", "{\"name\":\"Ada\",\"premium\":100,\"address\":{\"city\":\"London\"}}", USER);
        server.post("/api/v2/records/1", "{\"premium\":120,\"address\":{\"city\":\"Paris\"}}", "X-User-ID", "43", "X-Reason", "renewal");
        server.post("/api/v2/records/1", "{\"name\":null,\"smoker\":true}", USER);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void historyListsEventsWithTheContractsFields() {
        Reply reply = server.get("/api/v2/records/1/history?limit=2&offset=1", USER);

        assertEquals(200, reply.status(), reply.body());
        JsonObject body = reply.json();
        assertEquals(json("{\"limit\":2,\"offset\":1,\"total\":3}"), body.getOrNull("pagination"));
        JsonObject entry = (JsonObject) ((JsonArray) body.getOrNull("data")).elements().get(0);
        for (String field : new String[] {"event_id", "timestamp", "actor", "operation", "old_value", "new_value", "reason"}) {
            assertTrue(entry.containsKey(field), field + " in " + entry);
        }
        assertEquals("43", entry.getOrNull("actor").toString());
        assertEquals("\"UPDATE\"", entry.getOrNull("operation").toString());
        assertEquals("\"renewal\"", entry.getOrNull("reason").toString());
        assertEquals(json("{\"address\":{\"city\":\"London\"},\"premium\":100}"), entry.getOrNull("old_value"));
        assertEquals(json("{\"address\":{\"city\":\"Paris\"},\"premium\":120}"), entry.getOrNull("new_value"));
        assertEquals(Sql.scalar(server.target(), "SELECT id FROM event_logs WHERE version = 2"), entry.getOrNull("event_id").toString());
    }

    @Test
    void historyAtAnInstantIsTheStateWithItsVersion() {
        String secondRecorded = Sql.scalar(server.target(), "SELECT recorded_at FROM policyholder_records WHERE version = 2");
        Reply reply = server.get("/api/v2/records/1/history?at=" + secondRecorded, USER);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(json("{\"data\":{\"address\":{\"city\":\"Paris\"},\"name\":\"Ada\",\"premium\":120,\"version\":2}}"), reply.json());
    }

    @Test
    void diffReportsAddedChangedAndRemoved() {
        Reply reply = server.get("/api/v2/records/1/diff?from=v:1&to=v:3", USER);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(json("{\"data\":{\"added\":{\"smoker\":true},\"changed\":{\"address.city\":{\"from\":\"London\",\"to\":\"Paris\"},"
                + "\"premium\":{\"from\":100,\"to\":120}},\"removed\":{\"name\":\"Ada\"},\"from_version\":1,\"to_version\":3}}"), reply.json());
        assertEquals(400, server.get("/api/v2/records/1/diff?from=v:1", USER).status());
        assertEquals(400, server.get("/api/v2/records/1/diff?from=v:0&to=v:1", USER).status());
        assertEquals(400, server.get("/api/v2/records/1/diff?from=soon&to=v:1", USER).status());
        assertEquals(404, server.get("/api/v2/records/1/diff?from=v:1&to=v:9", USER).status());
        assertEquals(404, server.get("/api/v2/records/1/diff?from=v:1&to=v:9223372036854775807", USER).status());
        assertEquals(400, server.get("/api/v2/records/1/diff?from=v:1&to=v:9223372036854775808", USER).status());
        assertEquals(404, server.get("/api/v2/records/2/diff?from=v:1&to=v:2", USER).status());
    }

    @Test
    void restoreMakesANewRestoreVersionWithTheReason() {
        Reply reply = server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"wrong renewal\"}", USER);

        assertEquals(201, reply.status(), reply.body());
        JsonObject body = reply.json();
        assertEquals("4", body.getOrNull("version").toString());
        assertEquals("\"RESTORE\"", body.getOrNull("operation").toString());
        assertEquals("\"wrong renewal\"", body.getOrNull("reason").toString());
        assertEquals(json("{\"address\":{\"city\":\"London\"},\"name\":\"Ada\",\"premium\":100}"), body.getOrNull("data"));
        assertEquals(4, Sql.count(server.target(), "SELECT count(*) FROM policyholder_records"));
        assertEquals("wrong renewal", Sql.scalar(server.target(), "SELECT reason FROM audit_history WHERE version = 4"));
    }

    @Test
    void restoreByInstantAndItsRefusals() {
        String firstRecorded = Sql.scalar(server.target(), "SELECT recorded_at FROM policyholder_records WHERE version = 1");
        assertEquals(201, server.post("/api/v2/records/1/restore", "{\"at\":\"" + firstRecorded + "\",\"reason\":\"r\"}", USER).status());
        assertEquals(200, server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"again\"}", USER).status(),
                "restoring the current state changes nothing");

        long before = Sql.count(server.target(), "SELECT count(*) FROM policyholder_records");
        Reply noReason = server.post("/api/v2/records/1/restore", "{\"version\":1}", USER);
        assertEquals(400, noReason.status());
        assertEquals("{\"error\":\"a reason is required to restore a record\"}", noReason.body());
        assertEquals(400, server.post("/api/v2/records/1/restore", "{\"version\":1,\"at\":\"2026-01-01\",\"reason\":\"r\"}", USER).status());
        assertEquals(400, server.post("/api/v2/records/1/restore", "{\"version\":1.5,\"reason\":\"r\"}", USER).status());
        assertEquals(400, server.post("/api/v2/records/1/restore", "{\"at\":\"noon\",\"reason\":\"r\"}", USER).status());
        assertEquals(400, server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"r\",\"force\":true}", USER).status());
        assertEquals(400, server.post("/api/v2/records/1/restore", "[1]", USER).status());
        assertEquals(404, server.post("/api/v2/records/1/restore", "{\"version\":99,\"reason\":\"r\"}", USER).status());
        assertEquals(404, server.post("/api/v2/records/5/restore", "{\"version\":1,\"reason\":\"r\"}", USER).status());
        assertEquals(404, server.post("/api/v2/records/1/restore", "{\"at\":\"1999-01-01\",\"reason\":\"r\"}", USER).status());
        assertEquals(400, server.post("/api/v2/records/1/restore", "{\"version\":1,\"reason\":\"r\"}").status(), "X-User-ID is required");
        assertEquals(before, Sql.count(server.target(), "SELECT count(*) FROM policyholder_records"));
    }

    @Test
    void theWorkedExampleOverHttp() {
        server.post("/api/v2/records/9?effective_at=2026-01-01", "{\"premium\":100}", USER);
        String yesterday = Sql.scalar(server.target(), "SELECT recorded_at FROM policyholder_records WHERE record_id = 9");
        server.post("/api/v2/records/9?effective_at=2026-02-01", "{\"premium\":150}", USER);

        assertEquals("150", server.get("/api/v2/records/9?at=2026-02-15", USER).json().getOrNull("data").toString()
                .replaceAll("\\D", ""));
        assertEquals("100", server.get("/api/v2/records/9?at=2026-02-15&as_of=" + yesterday, USER).json().getOrNull("data")
                .toString().replaceAll("\\D", ""));
    }

    @Test
    void theRecordListSearchesAndPages() {
        server.post("/api/v2/records/2", "{\"name\":\"Grace Hopper\",\"region\":\"US\"}", USER);
        server.post("/api/v2/records/3", "{\"name\":\"Alan Turing\",\"region\":\"EU\"}", USER);

        Reply all = server.get("/api/v2/records?limit=2", USER);
        assertEquals(200, all.status(), all.body());
        assertEquals(json("{\"limit\":2,\"offset\":0,\"total\":3}"), all.json().getOrNull("pagination"));
        JsonObject first = (JsonObject) ((JsonArray) all.json().getOrNull("data")).elements().get(0);
        assertEquals("1", first.getOrNull("id").toString());
        assertEquals("3", first.getOrNull("versions").toString());
        assertTrue(first.containsKey("updated_at"));

        Reply us = server.get("/api/v2/records?region=US", USER);
        assertEquals(1, ((JsonArray) us.json().getOrNull("data")).size());
        Reply turing = server.get("/api/v2/records?q=turing", USER);
        assertEquals("3", ((JsonObject) ((JsonArray) turing.json().getOrNull("data")).elements().get(0)).getOrNull("id").toString());
        assertEquals(400, server.get("/api/v2/records?limit=0", USER).status());
        assertEquals(400, server.get("/api/v2/records", new String[0]).status());
    }
}
