package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.DigestKey;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.service.LedgerService;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.LaneStores;
import io.timetravel.storage.SigningKeyFile;
import io.timetravel.storage.SqlLedger;
import io.timetravel.testing.Forger;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys show} and {@code verify} on the database host: what they print and their exit statuses. */
class VerifyCommandTest {

    @TempDir
    Path home;

    private Path db() {
        return home.resolve("db").resolve("timetravel.db");
    }

    private CommandRun run(String... args) {
        return CommandRun.in(home, args);
    }

    /** Three changes through a server that is then stopped; returns the digest it answered after them. */
    private String history() {
        try (TestServer server = TestServer.start(db())) {
            for (String patch : new String[] {"{\"name\":\"Ada\"}", "{\"premium\":1}", "{\"premium\":2}"}) {
                assertTrue(server.post("/api/v2/records/1", patch, "X-User-ID", "7").status() < 300);
            }
            return server.get("/api/v2/audit/digest", "X-User-ID", "7").body();
        }
    }

    @Test
    void keysShowPrintsTheKeyIdAndThePublicHalfOnlyOnceTheServerMadeIt() {
        CommandRun before = run("keys", "show", "--db", db().toString());
        assertEquals(1, before.status(), before::toString);
        assertTrue(before.err().startsWith("error: no signing key at " + home.resolve("db/keys/signing-key.pem")
                + " yet; the server or the workbench creates it when it first starts on the database"), before.err());

        LedgerDigest digest = LedgerDigest.parse(history());
        CommandRun shown = run("keys", "show", "--db", db().toString());

        assertEquals(0, shown.status(), shown::toString);
        assertTrue(shown.out().startsWith("key_id: " + digest.keyId() + "\nfile:   " + home.resolve("db/keys/signing-key.pem")
                + "\n-----BEGIN PUBLIC KEY-----\n"), shown.out());
        assertFalse(shown.out().contains("PRIVATE"), shown.out());
        assertEquals(digest.keyId(), DigestKey.fromPem(shown.out()).keyId());
    }

    @Test
    void anIntactDatabaseVerifiesWithExitZeroAgainstTheLogAndTheKeptDigests() throws Exception {
        Path kept = home.resolve("kept.json");
        Files.writeString(kept, history() + "\n");

        CommandRun result = run("verify", "--db", db().toString(), "--digest", kept.toString());

        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().contains("audit trail: 3 entries, head " + Sql.scalar(db(), "SELECT hash FROM audit_history WHERE id = 3")),
                result.out());
        assertTrue(result.out().contains("ledger:      3 entries, head " + Sql.scalar(db(), "SELECT hash FROM event_logs WHERE id = 3")),
                result.out());
        assertTrue(result.out().contains("versions:    3\n"), result.out());
        assertTrue(result.out().contains("digests:     2 checked; the newest in " + home.resolve("db/digests.log")), result.out());
        assertTrue(result.out().endsWith("OK: every version row, audit entry and event holds, and the ledger extends every digest\n"),
                result.out());
    }

    @Test
    void aRewriteExitsOneNamingWhatBrokeAndTheKeptDigestCatchesEvenARecomputedOne() throws Exception {
        Path kept = home.resolve("kept.json");
        Files.writeString(kept, history());
        Files.delete(home.resolve("db/digests.log"));
        Sql.update(db(), "UPDATE policyholder_records SET actor = 9 WHERE record_id = 1 AND version = 2");

        CommandRun edited = run("verify", "--db", db().toString());

        assertEquals(1, edited.status(), edited::toString);
        assertTrue(edited.out().startsWith("BROKEN: event 2, record 1 version 2: version row does not match what event 2 recorded\n"),
                edited.out());

        Forger.rechainLedger(db(), 2);
        assertEquals(0, run("verify", "--db", db().toString()).status(), "with no digest, a full recomputation holds");
        CommandRun caught = run("verify", "--db", db().toString(), "--digest", kept.toString());
        assertEquals(1, caught.status(), caught::toString);
        assertTrue(caught.out().startsWith("BROKEN: event 3, record 1 version 3: chain rewritten: ledger entry 3 (event 3) is not the one"
                + " kept.json line 1"), caught.out());
    }

    @Test
    void aDigestOfAnotherKeyExitsOneAndThePublicHalfAloneIsEnoughToCheck() throws Exception {
        history();
        Path foreign = home.resolve("foreign.json");
        Files.writeString(foreign, DigestKey.generate().sign(3, "ab".repeat(32), java.time.Instant.now()).toJson());
        Path publicKey = home.resolve("public.pem");
        Files.writeString(publicKey, run("keys", "show", "--db", db().toString()).out());

        CommandRun other = run("verify", "--db", db().toString(), "--digest", foreign.toString());
        CommandRun publicOnly = run("verify", "--db", db().toString(), "--signing-key", publicKey.toString());

        assertEquals(1, other.status(), other::toString);
        assertTrue(other.out().startsWith("BROKEN: signature invalid: signed by key "), other.out());
        assertEquals(0, publicOnly.status(), publicOnly::toString);
    }

    @Test
    void whatCannotBeVerifiedExitsTwoWithTheReason() throws Exception {
        CommandRun missing = run("verify", "--db", home.resolve("nowhere.db").toString());
        assertEquals(2, missing.status(), missing::toString);
        assertTrue(missing.err().startsWith("error: no database at "), missing.err());

        history();
        Path garbage = home.resolve("garbage.json");
        Files.writeString(garbage, "{\"entries\":3}\n");
        CommandRun bad = run("verify", "--db", db().toString(), "--digest", garbage.toString());
        assertEquals(2, bad.status(), bad::toString);
        assertEquals("error: garbage.json line 1 is not a digest: head must be a string\n", bad.err());

        CommandRun keyless = run("verify", "--db", db().toString(), "--signing-key", home.resolve("none.pem").toString());
        assertEquals(2, keyless.status(), keyless::toString);
        assertTrue(keyless.err().startsWith("error: no key at " + home.resolve("none.pem") + " to check the digests' signatures with"),
                keyless.err());
        assertEquals(2, run("verify", "--bogus").status());
    }

    @Test
    void bothCommandsHaveTheirOwnHelp() {
        CommandRun verify = run("verify", "--help");
        CommandRun keys = run("help", "keys");
        CommandRun top = run("--help");

        assertEquals(0, verify.status());
        assertTrue(verify.out().contains("--digest=FILE") && verify.out().contains("--signing-key=PATH")
                && verify.out().contains("Exit status: 0 everything holds, 1 something does not"), verify.out());
        assertTrue(keys.out().contains("show"), keys.out());
        assertTrue(top.out().contains("verify") && top.out().contains("keys"), top.out());
    }

    @Test
    void aDatabaseOfTwoLanesVerifiesLaneByLaneAgainstTheDigestsOfEach() throws Exception {
        Files.createDirectories(db().getParent());
        LaneStores.write(db(), 0, 1, 2);
        LaneStores.write(db(), 1, 3);
        DigestKey key = SigningKeyFile.loadOrCreate(SigningKeyFile.defaultFor(db()));
        Path kept = home.resolve("kept.json");
        try (StoreFixture fixture = StoreFixture.open(db())) {
            LedgerService ledger = new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(db()), key, Clock.systemUTC());
            ledger.recordDigests();
            Files.writeString(kept, ledger.digests().stream().map(LedgerDigest::toJson).collect(Collectors.joining(",", "[", "]\n")));
        }

        CommandRun result = run("verify", "--db", db().toString(), "--digest", kept.toString());

        assertEquals(0, result.status(), result::toString);
        String audit0 = Sql.scalar(db(), "SELECT hash FROM audit_history WHERE id = 2");
        String audit1 = Sql.scalar(db(), "SELECT hash FROM audit_history WHERE id = 3");
        assertTrue(result.out().contains("audit trail: 3 entries, head " + HashChain.sha256Hex("0 " + audit0 + "\n1 " + audit1 + "\n")),
                result.out());
        assertTrue(result.out().contains("lane 0:      2 audit entries, head " + audit0 + "; 2 ledger entries, head "
                + Sql.scalar(db(), "SELECT hash FROM event_logs WHERE id = 2") + "\n"), result.out());
        assertTrue(result.out().contains("lane 1:      1 audit entries, head " + audit1 + "; 1 ledger entries, head "
                + Sql.scalar(db(), "SELECT hash FROM event_logs WHERE id = 3") + "\n"), result.out());
        assertTrue(result.out().contains("digests:     4 checked"), result.out());

        Sql.update(db(), "UPDATE event_logs SET actor = 8 WHERE id = 3");
        CommandRun broken = run("verify", "--db", db().toString(), "--digest", kept.toString());

        assertEquals(1, broken.status(), broken::toString);
        assertTrue(broken.out().startsWith("BROKEN: event 3, record 3 version 1: lane 1: hash does not match the event's content\n"),
                broken.out());
    }
}
