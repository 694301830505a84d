package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.RestoreCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying the event log into a new database reproduces every version, and notices when it cannot. */
class RebuildCommandTest {

    @TempDir
    Path dir;

    private Path history() {
        Path source = dir.resolve("source.db");
        MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(source, clock)) {
            for (int id = 1; id <= 5; id++) {
                fixture.write(id, "{\"name\":\"P" + id + "\",\"premium\":" + (100 * id) + ",\"address\":{\"city\":\"C" + id + "\"}}");
            }
            for (int round = 0; round < 40; round++) {
                clock.advance(Duration.ofHours(7));
                fixture.write(1 + round % 5, "{\"premium\":" + (1000 + round) + ",\"note\":" + (round % 3 == 0 ? "null" : "\"n" + round + "\"") + "}");
            }
            clock.advance(Duration.ofDays(1));
            fixture.write(2, "{\"smoker\":true}", Instant.parse("2026-03-02T00:00:00Z"), 9, "back-dated correction");
            fixture.records().restore(new RestoreCommand(3, 2L, null, null, 9, "undo", "test")).join();
            clock.advance(Duration.ofDays(1));
            fixture.records().restore(new RestoreCommand(4, null, Instant.parse("2026-03-05T00:00:00Z"),
                    Instant.parse("2026-03-06T00:00:00Z"), 9, "as known then", "test")).join();
        }
        return source;
    }

    @Test
    void aRebuildFromTheEventLogMatchesEveryVersion() {
        Path source = history();
        Path target = dir.resolve("rebuilt.db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = RebuildCommand.run(Options.parse("rebuild", "--db", source.toString(), "--into", target.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, report);
        assertTrue(report.contains("records checked: 5, versions checked: 48, mismatches: 0"), report);
        assertEquals(Sql.query(source, "SELECT record_id, version, patch, data, effective_at, recorded_at, actor, operation, reason "
                        + "FROM policyholder_records ORDER BY record_id, version"),
                Sql.query(target, "SELECT record_id, version, patch, data, effective_at, recorded_at, actor, operation, reason "
                        + "FROM policyholder_records ORDER BY record_id, version"));
        assertEquals(Sql.query(source, "SELECT hash FROM audit_history ORDER BY id"), Sql.query(target, "SELECT hash FROM audit_history ORDER BY id"),
                "the same changes at the same instants make the same audit chain");
    }

    @Test
    void aTamperedVersionIsReportedAsAMismatch() {
        Path source = history();
        // What reads fold is each version's own patch: edit that one.
        Sql.update(source, "UPDATE policyholder_records SET applied_patch = '{\"premium\":1}' WHERE record_id = 1 AND version = 3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = RebuildCommand.run(Options.parse("rebuild", "--db", source.toString(), "--into", dir.resolve("r.db").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, report);
        // The ledger holds the row to what its event recorded (decision 0048): the replay of the
        // edited patch is no proof of what was written.
        assertTrue(report.contains("MISMATCH the source's ledger does not verify: record 1 version 3: version row does not match"
                + " what event "), report);
        assertTrue(report.contains("FAILED"), report);
    }

    @Test
    void aRebuildNeverOverwritesAnExistingDatabase() {
        Path source = history();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = RebuildCommand.run(Options.parse("rebuild", "--db", source.toString(), "--into", source.toString()),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exists"));
        assertFalse(Sql.query(source, "SELECT 1 FROM policyholder_records LIMIT 1").isEmpty());
    }
}
