package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.DigestKey;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.LaneStores;
import io.timetravel.storage.SqlLedger;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The periodic digests of the ledger, on a real SQLite file and its digest log beside it. */
class DigestRecorderTest {

    @TempDir
    Path dir;

    private final DigestKey key = DigestKey.generate();

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void digestsEveryIntervalOnceStartedAndOnceMoreWhenClosed() {
        Path db = dir.resolve("ledger.db");
        LaneStores.write(db, 0, 1, 2);
        Path log = DigestLogFile.beside(db).file();
        try (StoreFixture fixture = StoreFixture.open(db)) {
            LedgerService ledger = new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(db), key, Clock.systemUTC());
            DigestRecorder recorder = new DigestRecorder(ledger, Duration.ofMillis(20));
            assertEquals(Duration.ofMillis(20), recorder.interval());
            assertEquals(0, lines(log), "nothing is digested before the recorder starts");

            recorder.start();
            Wait.until(Duration.ofSeconds(60), () -> lines(log) >= 2, () -> "two periodic digests; the log has " + lines(log));

            recorder.close();
            long afterClose = lines(log);
            assertTrue(ledger.loggedDigests().stream().allMatch(LedgerService.LoggedDigest::signatureOk));
            recorder.close(); // a second close digests nothing more
            assertEquals(afterClose, lines(log));
        }
    }

    @Test
    void theLastDigestIsWrittenWhenClosedEvenIfNeverStarted() {
        Path db = dir.resolve("ledger.db");
        LaneStores.write(db, 0, 1);
        Path log = DigestLogFile.beside(db).file();
        try (StoreFixture fixture = StoreFixture.open(db)) {
            LedgerService ledger = new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(db), key, Clock.systemUTC());
            new DigestRecorder(ledger, Duration.ofHours(1)).close();

            assertEquals(1, lines(log));
            LedgerService.LoggedDigest logged = ledger.loggedDigests().get(0);
            assertTrue(logged.signatureOk());
            assertEquals(ledger.digests().get(0).head(), logged.digest().head(), "the ledger as it was left");
            assertEquals(1, logged.digest().entries());
        }
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DigestRecorder(null, Duration.ZERO));
        assertEquals("the digest interval must be positive, not PT0S", refused.getMessage());
    }
}
