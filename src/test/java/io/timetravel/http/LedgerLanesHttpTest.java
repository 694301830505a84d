package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.storage.LaneStores;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed digests over HTTP on a database whose chains have two lanes (docs/decisions/0030): one
 * digest per lane, as an array, and verify holding the ledger to each digest of an array given.
 */
class LedgerLanesHttpTest {

    private static final String USER = "X-User-ID";

    @TempDir
    Path dir;

    @Test
    void aLedgerOfTwoLanesIsSignedOneDigestPerLaneAndVerifiedAgainstThemAll() {
        Path db = dir.resolve("ledger.db");
        LaneStores.write(db, 1, 1, 2);
        try (TestServer server = TestServer.start(db)) {
            assertTrue(server.post("/api/v2/records/3", "{\"name\":\"Ada\"}", USER, "7").status() < 300);

            TestServer.Reply answered = server.get("/api/v2/audit/digest", USER, "7");
            assertEquals(200, answered.status(), answered::toString);
            List<LedgerDigest> digests = LedgerDigest.parseAll(answered.body());
            assertEquals(List.of(0L, 1L), digests.stream().map(LedgerDigest::lane).toList());
            assertEquals(List.of(1L, 2L), digests.stream().map(LedgerDigest::entries).toList());
            assertEquals(List.of(Sql.scalar(db, "SELECT hash FROM event_logs WHERE id = 3"), Sql.scalar(db, "SELECT hash FROM event_logs WHERE id = 2")),
                    digests.stream().map(LedgerDigest::head).toList());
            assertFalse(answered.body().substring(0, answered.body().indexOf('}')).contains("\"lane\""), "lane 0 is written as before: "
                    + answered.body());

            TestServer.Reply verified = server.post("/api/v2/audit/verify", answered.body(), USER, "7");
            assertEquals(200, verified.status(), verified::toString);
            assertEquals("true", verified.json().getOrNull("ok").toJson(), verified::toString);
            assertEquals("3", verified.json().getOrNull("entries").toJson(), "audit entries of both lanes");

            String forged = "[" + digests.get(0).toJson() + "," + digests.get(1).toJson().replace("\"entries\":2", "\"entries\":1") + "]";
            JsonObject broken = (JsonObject) server.post("/api/v2/audit/verify", forged, USER, "7").json().getOrNull("broken");
            assertEquals("\"signature invalid: the signature does not match the digest's lane, entries, head and at"
                    + " (the digest given (element 2))\"", broken.getOrNull("reason").toJson());

            TestServer.Reply empty = server.post("/api/v2/audit/verify", "[]", USER, "7");
            assertEquals(400, empty.status(), empty::toString);
            assertEquals("invalid digest: a digest is a JSON object, several digests a non-empty JSON array of them",
                    empty.json().getString("error").orElseThrow());
        }
    }
}
