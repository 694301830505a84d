package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.DigestKey;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.http.versioning.Endpoint;
import io.timetravel.http.versioning.VersionRegistry;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.SigningKeyFile;
import io.timetravel.testing.Bearer;
import io.timetravel.testing.Forger;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.Wait;
import io.timetravel.http.versioning.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence that cannot be quietly rewritten (issue 10, parts 4 and 5), over real HTTP on a real
 * database file: signed digests of the ledger, and verify naming every row of policyholder_records,
 * audit_history or event_logs edited or deleted with raw SQL, the newest ones included, also by
 * a forger who recomputes every hash.
 */
class LedgerHttpTest {

    private static final String USER = "X-User-ID";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestServer server;
    private Path db;
    private final MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");

    @BeforeEach
    void start() {
        db = dir.resolve("ledger.db");
        server = TestServer.start(db, clock, io.timetravel.app.AppContext.StreamSettings.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Four changes a minute apart: events and audit entries 1 to 4, records 1 (versions 1 to 3) and 2. */
    private void writeHistory() {
        write("10:00", 1, "{\"name\":\"Ada\",\"premium\":100}", "7");
        write("10:01", 1, "{\"premium\":120}", "8");
        write("10:02", 2, "{\"name\":\"Bo\"}", "7");
        write("10:03", 1, "{\"premium\":150}", "7");
    }

    private void write(String time, long id, String patch, String user) {
        clock.set("2026-05-01T" + time + ":00Z");
        Reply reply = server.post("/api/v2/records/" + id, patch, USER, user);
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
    }

    private JsonObject verify() {
        Reply reply = server.get("/api/v2/audit/verify", USER, "7");
        assertEquals(200, reply.status(), reply::toString);
        assertMatches("GET /audit/verify", "chain verified", reply);
        return reply.json();
    }

    private String broken() {
        JsonObject result = verify();
        assertFalse(result.getOrNull("ok").toJson().equals("true"), result::toJson);
        return result.getOrNull("broken").toJson();
    }

    private Reply verifyAgainst(String digest) {
        return server.post("/api/v2/audit/verify", digest, USER, "7");
    }

    private LedgerDigest digest() {
        Reply reply = server.get("/api/v2/audit/digest", USER, "7");
        assertEquals(200, reply.status(), reply::toString);
        assertMatches("GET /audit/digest", "digest signed", reply);
        return LedgerDigest.parse(reply.body());
    }

    // --- digests ------------------------------------------------------------------------------

    @Test
    void aDigestIsSignedByAKeyKeptOwnerOnlyBesideTheDatabaseAndVerifyHoldsTheLedgerToIt() throws Exception {
        writeHistory();

        Reply reply = server.get("/api/v2/audit/digest", USER, "7");
        LedgerDigest digest = LedgerDigest.parse(reply.body());

        assertTrue(reply.body().startsWith("{\"entries\":4,\"head\":\""), reply::toString);
        assertEquals(digest.toJson(), reply.body(), "members in the documented order");
        assertEquals(Sql.scalar(db, "SELECT hash FROM event_logs ORDER BY id DESC LIMIT 1"), digest.head());
        assertEquals("2026-05-01T10:03:00.000000Z", digest.at());
        Path keyFile = dir.resolve("keys").resolve("signing-key.pem");
        DigestKey publicHalf = DigestKey.fromPem(SigningKeyFile.read(keyFile).orElseThrow().publicPem());
        assertEquals(Optional.empty(), publicHalf.problemWith(digest), "an auditor checks it with the public key alone");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())));

        Reply verified = verifyAgainst(reply.body());
        assertEquals(200, verified.status(), verified::toString);
        assertMatches("POST /audit/verify", "chain verified against the digest", verified);
        assertEquals("{\"entries\":4,\"head\":\"" + Sql.scalar(db, "SELECT hash FROM audit_history WHERE id = 4") + "\",\"ok\":true}",
                verified.json().toJson());

        write("10:04", 2, "{\"premium\":5}", "8");
        assertTrue(verifyAgainst(reply.body()).body().contains("\"ok\":true"), "a longer ledger still extends it");
    }

    @Test
    void aDigestWithAChangedCountOrHeadOrFromAnotherKeyHasAnInvalidSignature() {
        writeHistory();
        LedgerDigest digest = digest();
        LedgerDigest fewer = new LedgerDigest(3, digest.head(), digest.at(), digest.keyId(), digest.signature());
        DigestKey other = DigestKey.generate();

        assertEquals("{\"reason\":\"signature invalid: the signature does not match the digest's entries, head and at"
                + " (the digest given)\",\"record_id\":null,\"version\":null}", verifyAgainst(fewer.toJson()).json().getOrNull("broken").toJson());
        String foreign = verifyAgainst(other.sign(4, digest.head(), clock.instant()).toJson()).json().getOrNull("broken").toJson();
        assertTrue(foreign.contains("signature invalid: signed by key " + other.keyId() + ", not by this installation's key "
                + digest.keyId()), foreign);
    }

    @Test
    void aBodyThatIsNotADigestIsRefusedWithTheReason() {
        writeHistory();
        String good = digest().toJson();
        String[][] cases = {
                {"", "request body must be a JSON object"},
                {"{\"entries\":", "invalid JSON body"},
                {"{\"entries\":4}", "invalid digest: head must be a string"},
                {good.replace("\"entries\":4", "\"entries\":-4"), "invalid digest: entries must be a whole number, 0 or more"},
                {good.replace("}", ",\"note\":\"x\"}"), "invalid digest: unknown member \"note\""},
        };
        for (String[] bad : cases) {
            Reply reply = verifyAgainst(bad[0]);
            assertEquals(400, reply.status(), () -> bad[0] + " " + reply);
            assertMatches("POST /audit/verify", "not a digest", reply);
            assertTrue(reply.json().getString("error").orElseThrow().startsWith(bad[1]), () -> bad[0] + " " + reply);
        }
    }

    @Test
    void aCallerWhoSeesPersonalDataMaskedGetsNoDigestSinceItsHeadCannotBeKeyed() {
        Bearer.register(server, 1, true, Role.ADMIN);
        Bearer.register(server, 5, false, Role.AUDITOR);
        assertEquals(200, server.put("/api/v2/field-policies/email", "{\"masking\":\"full\"}", USER, "1").status());

        Reply masked = server.get("/api/v2/audit/digest", USER, "5");

        assertEquals(403, masked.status(), masked::toString);
        assertMatches("GET /audit/digest", "caller sees personal data masked", masked);
        assertTrue(masked.json().getString("error").orElseThrow().contains("needs the pii grant"), masked::toString);
        assertEquals(200, server.get("/api/v2/audit/digest", USER, "1").status());
        assertTrue(server.get("/api/v2/audit/verify", USER, "5").body().contains("\"head\":\"****#"), "verify's head is keyed for them");
    }

    // --- edits --------------------------------------------------------------------------------

    @Test
    void anAuditEntryEditedWithItsChainRecomputedIsNamedByTheEventThatSealedIt() {
        writeHistory();

        Sql.update(db, "UPDATE audit_history SET new_value = '{\"premium\":999}' WHERE id = 2");
        Forger.rechainAudit(db, 2);

        assertEquals("{\"event_id\":2,\"id\":2,\"reason\":\"audit entry was rewritten: its hash is not the one event 2 sealed\","
                + "\"record_id\":1,\"version\":2}", broken());
    }

    @Test
    void aVersionRowEditedAloneIsNamedThoughTheRecordIsServedAsEdited() {
        writeHistory();

        Sql.update(db, "UPDATE policyholder_records SET applied_patch = '{\"premium\":1}' WHERE record_id = 1 AND version = 2");

        assertEquals("{\"event_id\":2,\"reason\":\"version row does not match what event 2 recorded\",\"record_id\":1,\"version\":2}",
                broken());
        Sql.update(db, "UPDATE policyholder_records SET applied_patch = '{\"premium\":120}' WHERE record_id = 1 AND version = 2");
        assertTrue(verify().getOrNull("ok").toJson().equals("true"), "put back as it was, it holds again");

        Sql.update(db, "UPDATE policyholder_records SET actor = 9 WHERE record_id = 2 AND version = 1");
        assertEquals("{\"event_id\":3,\"reason\":\"version row does not match what event 3 recorded\",\"record_id\":2,\"version\":1}",
                broken());
    }

    @Test
    void anActorChangedConsistentlyInAllThreeTablesIsNamedAndAFullRecomputationIsCaughtByTheLoggedDigest() {
        writeHistory();
        server.context().ledger().record();
        // The issue's finding: the actor of record 1's version 2 changed everywhere it is stored, the audit chain recomputed.
        Sql.update(db, "UPDATE policyholder_records SET actor = 9 WHERE record_id = 1 AND version = 2");
        Sql.update(db, "UPDATE event_logs SET actor = 9, payload = replace(payload, '\"actor\":8', '\"actor\":9') WHERE id = 2");
        Sql.update(db, "UPDATE audit_history SET actor = 9 WHERE id = 2");
        Forger.rechainAudit(db, 2);

        assertEquals("{\"event_id\":2,\"reason\":\"hash does not match the event's content\",\"record_id\":1,\"version\":2}", broken());

        // The forger recomputes the ledger too: every row agrees with every other, only the digest logged before holds out.
        Forger.rechainLedger(db, 2);

        String broken = broken();
        assertTrue(broken.contains("\"event_id\":4"), broken);
        assertTrue(broken.contains("chain rewritten: ledger entry 4 (event 4) is not the one digests.log line 1, taken at"
                + " 2026-05-01T10:03:00.000000Z, signed; the change lies in entries 1 to 4"), broken);
    }

    // --- deletions, the newest included -------------------------------------------------------

    @Test
    void theNewestAuditEntryDeletedIsNamedByTheEventThatSealedIt() {
        writeHistory();

        Sql.update(db, "DELETE FROM audit_history WHERE id = 4");

        assertEquals("{\"event_id\":4,\"id\":4,\"reason\":\"audit entry is missing (event 4 sealed it)\",\"record_id\":1,\"version\":3}",
                broken());
    }

    @Test
    void theNewestEventDeletedLeavesItsVersionUnrecorded() {
        writeHistory();

        Sql.update(db, "DELETE FROM event_logs WHERE id = 4");

        assertEquals("{\"reason\":\"no event records this version: the row was added by hand, or its event was deleted\","
                + "\"record_id\":1,\"version\":3}", broken());
    }

    @Test
    void anEventDeletedFromTheMiddleIsNamedWithTheVersionItRecorded() {
        writeHistory();

        Sql.update(db, "DELETE FROM event_logs WHERE id = 2");

        assertEquals("{\"event_id\":2,\"reason\":\"event 2 is missing (event 3 does not link to event 1); record 1 version 2 is"
                + " recorded by no event\",\"record_id\":1,\"version\":2}", broken());
    }

    @Test
    void theNewestVersionDeletedIsNamedByTheEventThatRecordedIt() {
        writeHistory();

        Sql.update(db, "DELETE FROM policyholder_records WHERE record_id = 1 AND version = 3");

        assertEquals("{\"event_id\":4,\"reason\":\"version row is missing (event 4 recorded it)\",\"record_id\":1,\"version\":3}",
                broken());
    }

    @Test
    void theNewestChangeDeletedFromAllThreeTablesIsCaughtByTheIdCounterAndThenByTheLastDigest() {
        writeHistory();
        server.context().ledger().record();

        Sql.update(db, "DELETE FROM policyholder_records WHERE record_id = 1 AND version = 3");
        Sql.update(db, "DELETE FROM audit_history WHERE id = 4");
        Sql.update(db, "DELETE FROM event_logs WHERE id = 4");

        assertEquals("{\"event_id\":4,\"reason\":\"entries removed: event ids up to 4 were given out, but the ledger ends with event 3:"
                + " event 4 was deleted\",\"record_id\":null,\"version\":null}", broken());

        // The counters of the tables beneath the views (db/migration/V12).
        Sql.update(db, "UPDATE sqlite_sequence SET seq = 3 WHERE name IN ('event_rows', 'audit_rows')");

        assertEquals("{\"reason\":\"entries removed: digests.log line 1, taken at 2026-05-01T10:03:00.000000Z, covers 4 ledger entries,"
                + " but the ledger has 3, ending with event 3\",\"record_id\":null,\"version\":null}", broken());
    }

    // --- with audit logging off ---------------------------------------------------------------

    @Test
    void withAuditLoggingOffEveryChangeIsStillCoveredAndTheNewestOnesAreNamed() {
        assertEquals(200, server.put("/api/v2/flags/enable_audit_logging", "{\"enabled\":false}", USER, "7").status());
        Wait.until(DEADLINE, () -> {
            long before = Sql.count(db, "SELECT count(*) FROM audit_history");
            write("10:00", 3, "{\"probe\":" + System.nanoTime() + "}", "7");
            return Sql.count(db, "SELECT count(*) FROM audit_history") == before;
        }, () -> "writes stop being audited");
        long audited = Sql.count(db, "SELECT count(*) FROM audit_history");
        writeHistory();
        assertEquals(audited, Sql.count(db, "SELECT count(*) FROM audit_history"), "no audit entries for these changes");
        assertTrue(verify().getOrNull("ok").toJson().equals("true"), verify()::toJson);
        long newest = Sql.count(db, "SELECT max(id) FROM event_logs");

        Sql.update(db, "UPDATE policyholder_records SET reason = 'why not' WHERE record_id = 2 AND version = 1");
        String edited = broken();
        assertTrue(edited.contains("\"reason\":\"version row does not match what event") && edited.contains("\"record_id\":2,\"version\":1"),
                edited);
        Sql.update(db, "UPDATE policyholder_records SET reason = NULL WHERE record_id = 2 AND version = 1");

        Sql.update(db, "DELETE FROM event_logs WHERE id = " + newest);
        assertEquals("{\"reason\":\"no event records this version: the row was added by hand, or its event was deleted\","
                + "\"record_id\":1,\"version\":3}", broken());
    }

    // --- digests.log --------------------------------------------------------------------------

    @Test
    void digestsAreLoggedEveryIntervalAndAtShutdownAndALoggedOneCatchesALaterRewrite() throws Exception {
        server.close();
        server = TestServer.start(db, clock, io.timetravel.app.AppContext.StreamSettings.defaults(), "--digest-interval", "1");
        DigestLogFile log = DigestLogFile.beside(db);
        writeHistory();
        Wait.until(DEADLINE, () -> log.lines().stream().anyMatch(line -> line.startsWith("{\"entries\":4,")),
                () -> "a digest of the four changes in " + log.file() + ": " + log.lines());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file())));

        // Version 1 of record 2 rewritten, with every hash after it recomputed.
        Sql.update(db, "UPDATE policyholder_records SET applied_patch = '{\"name\":\"Bob\"}' WHERE record_id = 2 AND version = 1");
        Forger.rechainLedger(db, 3);

        String broken = broken();
        assertTrue(broken.matches(".*chain rewritten: ledger entry [34] \\(event [34]\\) is not the one digests.log line \\d+, taken at.*"),
                broken);

        int logged = log.lines().size();
        server.close();
        List<String> lines = log.lines();
        assertTrue(lines.size() > logged, "one more at shutdown");
        assertEquals(4, LedgerDigest.parse(lines.get(lines.size() - 1)).entries());
        server = TestServer.start(db, clock, io.timetravel.app.AppContext.StreamSettings.defaults());
        assertTrue(broken().contains("chain rewritten"), "a restart changes nothing: the log remembers");
    }

    @Test
    void anEditedLineOfDigestsLogIsItselfReported() throws Exception {
        writeHistory();
        server.context().ledger().record();
        Path log = dir.resolve("digests.log");
        Files.writeString(log, Files.readString(log).replace("\"entries\":4", "\"entries\":3"));

        assertEquals("{\"reason\":\"signature invalid: the signature does not match the digest's entries, head and at"
                + " (digests.log line 1)\",\"record_id\":null,\"version\":null}", broken());
    }

    private static void assertMatches(String endpoint, String caseName, Reply reply) {
        String[] parts = endpoint.split(" ", 2);
        var declared = VersionRegistry.standard().byName("v2").orElseThrow().schema()
                .find(new Endpoint(parts[0], parts[1])).orElseThrow()
                .response(caseName).orElseThrow();
        assertEquals(declared.status(), reply.status(), () -> endpoint + " " + caseName + ": " + reply);
        try {
            assertEquals(List.of(), SchemaCheck.problems(declared.body(), JsonParser.parse(reply.body())), () -> endpoint + " " + caseName + ": " + reply);
        } catch (io.timetravel.domain.json.JsonParseException e) {
            throw new AssertionError(reply.toString(), e);
        }
    }
}
