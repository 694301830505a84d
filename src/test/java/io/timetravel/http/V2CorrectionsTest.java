package io.timetravel.http;

import static io.timetravel.testing.JsonBodies.data;
import static io.timetravel.testing.JsonBodies.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Engine;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's worked examples over HTTP: corrections carry forward field by field, bounded valid
 * periods end, and nothing known before a correction is rewritten. The server's clock is set by
 * the test, so recorded instants are known.
 */
class V2CorrectionsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-04-01T09:00:00Z");
    private TestServer server;

    /** The engine this class runs on; {@code PostgresV2CorrectionsTest} runs the same tests on PostgreSQL. */
    Engine engine() {
        return Engine.SQLITE;
    }

    @BeforeEach
    void start() {
        server = engine().startServer(dir, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theReadmeExampleCarriesTheBackDatedFactToToday() {
        write("/api/v2/records/7", "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"premium\":1200,\"address\":{\"city\":\"London\"}}");
        clock.advance(Duration.ofDays(60));
        write("/api/v2/records/7", "{\"premium\":1350,\"address\":{\"zip\":\"NW1\"}}");
        clock.advance(Duration.ofDays(30));
        Reply correction = server.post("/api/v2/records/7?effective_at=2026-05-01T00:00:00Z", "{\"smoker\":true}",
                "X-User-ID", "7", "X-Reason", "medical report received");

        assertEquals(200, correction.status(), correction::toString);
        JsonObject now = read("/api/v2/records/7");
        assertEquals("{\"address\":{\"city\":\"London\",\"zip\":\"NW1\"},\"name\":\"Ada Lovelace\",\"premium\":1350,"
                + "\"region\":\"EU\",\"smoker\":true}", data(now));
        assertEquals(3, number(now, "version"));
        assertEquals(data(now), data(correction.json()), "a write answers the record now");
        assertEquals("{\"address\":{\"city\":\"London\"},\"name\":\"Ada Lovelace\",\"premium\":1200,\"region\":\"EU\",\"smoker\":true}",
                data(read("/api/v2/records/7?at=2026-05-15T00:00:00Z")));

        // Version 3 as the store showed it right after recording it, and the diff the README prints.
        JsonObject v3 = read("/api/v2/records/7/versions/3");
        assertEquals(data(now), data(v3));
        assertEquals(3, number(v3, "version"));
        assertEquals("2026-05-01T00:00:00.000000Z", v3.getString("effective_at").orElseThrow());
        JsonObject diff = (JsonObject) read("/api/v2/records/7/diff?from=v:1&to=v:3").getOrNull("data");
        assertEquals("{\"address.zip\":\"NW1\",\"smoker\":true}", diff.getOrNull("added").toJson());
        assertEquals("{\"premium\":{\"from\":1200,\"to\":1350}}", diff.getOrNull("changed").toJson());
        assertEquals("{}", diff.getOrNull("removed").toJson());

        // As known before the correction, today had no smoker.
        Instant beforeCorrection = Instant.parse(correction.json().getString("recorded_at").orElseThrow()).minus(1, ChronoUnit.MICROS);
        assertFalse(((JsonObject) read("/api/v2/records/7?as_of=" + beforeCorrection).getOrNull("data")).containsKey("smoker"));
    }

    @Test
    void addressesCarryForwardUntilALaterEffectiveChangeAndBoundedOnesEnd() {
        clock.set("2026-06-01T00:00:00Z");
        write("/api/v2/records/8?effective_at=2026-01-01T00:00:00Z", "{\"addr\":\"A\"}");
        clock.advance(Duration.ofHours(1));
        write("/api/v2/records/8?effective_at=2026-03-01T00:00:00Z", "{\"addr\":\"B\"}");
        clock.advance(Duration.ofHours(1));
        JsonObject c = write("/api/v2/records/8?effective_at=2026-02-01T00:00:00Z", "{\"addr\":\"C\"}");
        Instant beforeC = Instant.parse(c.getString("recorded_at").orElseThrow()).minus(1, ChronoUnit.MICROS);

        assertEquals("{\"addr\":\"C\"}", data(read("/api/v2/records/8?at=2026-02-15T00:00:00Z")));
        assertEquals("{\"addr\":\"B\"}", data(read("/api/v2/records/8?at=2026-03-15T00:00:00Z")));
        assertEquals("{\"addr\":\"A\"}", data(read("/api/v2/records/8?at=2026-01-15T00:00:00Z")));
        assertEquals("{\"addr\":\"A\"}", data(read("/api/v2/records/8?at=2026-02-15T00:00:00Z&as_of=" + beforeC)));

        clock.advance(Duration.ofHours(1));
        JsonObject d = write("/api/v2/records/8?effective_at=2026-02-10T00:00:00Z&valid_to=2026-02-20T00:00:00Z", "{\"addr\":\"D\"}");
        assertEquals("{\"addr\":\"B\"}", data(d), "the answer is the record now");
        assertEquals(4, number(d, "version"));
        JsonObject feb15 = read("/api/v2/records/8?at=2026-02-15T00:00:00Z");
        assertEquals("{\"addr\":\"D\"}", data(feb15));
        assertEquals("2026-02-20T00:00:00.000000Z", feb15.getString("valid_to").orElseThrow(), "the body names the period's end");
        assertEquals("{\"addr\":\"C\"}", data(read("/api/v2/records/8?at=2026-02-25T00:00:00Z")));
        assertEquals("{\"addr\":\"B\"}", data(read("/api/v2/records/8?at=2026-03-15T00:00:00Z")));
        assertFalse(read("/api/v2/records/8?at=2026-03-15T00:00:00Z").containsKey("valid_to"));

        JsonObject versions = read("/api/v2/records/8/versions");
        JsonObject fourth = (JsonObject) ((io.timetravel.domain.json.JsonArray) versions.getOrNull("data")).elements().get(3);
        assertEquals("2026-02-20T00:00:00.000000Z", fourth.getString("valid_to").orElseThrow());
    }

    @Test
    void aKeyRemovedFromThePastStaysRemovedUntilALaterVersionSetsItAgain() {
        clock.set("2026-06-01T00:00:00Z");
        write("/api/v2/records/9?effective_at=2026-01-01T00:00:00Z", "{\"a\":1,\"b\":1}");
        clock.advance(Duration.ofHours(1));
        write("/api/v2/records/9?effective_at=2026-04-01T00:00:00Z", "{\"a\":4}");
        clock.advance(Duration.ofHours(1));
        write("/api/v2/records/9?effective_at=2026-02-01T00:00:00Z", "{\"a\":null}");

        assertEquals("{\"a\":1,\"b\":1}", data(read("/api/v2/records/9?at=2026-01-15T00:00:00Z")));
        assertEquals("{\"b\":1}", data(read("/api/v2/records/9?at=2026-03-01T00:00:00Z")));
        assertEquals("{\"a\":4,\"b\":1}", data(read("/api/v2/records/9?at=2026-05-01T00:00:00Z")));
    }

    @Test
    void aPeriodThatDoesNotEndAfterItStartsIsRefusedAndChangesNothing() {
        write("/api/v2/records/10", "{\"a\":1}");
        long rows = versionRows();
        for (String query : new String[] {
                "?effective_at=2026-02-10T00:00:00Z&valid_to=2026-02-10T00:00:00Z",
                "?effective_at=2026-02-10T00:00:00Z&valid_to=2026-02-01T00:00:00Z",
                "?valid_to=2026-01-01T00:00:00Z",
                "?valid_to=yesterday"}) {
            Reply reply = server.post("/api/v2/records/10" + query, "{\"a\":2}", "X-User-ID", "7");
            assertEquals(400, reply.status(), query + " " + reply);
            assertTrue(reply.body().contains("valid_to"), reply::toString);
        }
        assertEquals(rows, versionRows());
    }

    @Test
    void aWriteThatChangesNoStateAtAnyValidTimeCreatesNoVersion() {
        clock.set("2026-06-01T00:00:00Z");
        write("/api/v2/records/11?effective_at=2026-01-01T00:00:00Z", "{\"a\":1,\"b\":1}");
        clock.advance(Duration.ofHours(1));
        write("/api/v2/records/11?effective_at=2026-03-01T00:00:00Z", "{\"a\":3}");
        clock.advance(Duration.ofHours(1));
        long rows = versionRows();

        // a is 1 throughout February already; b is 1 everywhere; a=1 from Feb 1 is hidden by March's a=3.
        JsonObject same = write("/api/v2/records/11?effective_at=2026-02-01T00:00:00Z&valid_to=2026-03-01T00:00:00Z", "{\"a\":1}");
        write("/api/v2/records/11", "{\"b\":1}");
        write("/api/v2/records/11?effective_at=2026-02-01T00:00:00Z", "{\"a\":1}");

        assertEquals(rows, versionRows());
        assertEquals(2, number(same, "version"));
        assertEquals("{\"a\":3,\"b\":1}", data(same));
    }

    private JsonObject write(String path, String patch) {
        Reply reply = server.post(path, patch, "X-User-ID", "7");
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
        return reply.json();
    }

    private JsonObject read(String path) {
        Reply reply = server.get(path, "X-User-ID", "7");
        assertEquals(200, reply.status(), () -> path + " " + reply);
        return reply.json();
    }



    private long versionRows() {
        return Sql.count(server.target(), "SELECT count(*) FROM policyholder_records");
    }
}
