package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.DigestKey;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.StoredEvent;
import io.timetravel.service.AuditService;
import io.timetravel.service.AuditVerification;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import io.timetravel.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's read side on a real PostgreSQL (docs/decisions/0030): two lanes with interleaved
 * ids, each lane's head, one digest per lane, the first free ids of a lane's gap, and the ids
 * the lanes committed ({@code chain_lanes}).
 */
class LedgerLanesPostgresTest {

    @TempDir
    Path dir;

    private final DigestKey key = DigestKey.generate();
    private final Map<Long, String> heads = new HashMap<>();

    /** Appends an event (no record, no audit seal) to {@code lane}, linked to that lane's previous one; returns its hash. */
    private String append(Connection connection, long lane, String payload) throws SQLException {
        String at = Instants.format(Instant.now());
        String prev = heads.getOrDefault(lane, HashChain.GENESIS);
        String hash = HashChain.link(prev, StoredEvent.canonicalContent("test.lane", null, null, at, null, payload, null, null, null));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event_logs (event_type, occurred_at, payload, prev_hash, hash, lane) VALUES ('test.lane', ?, ?, ?, ?, ?)"
                        + " RETURNING id");
             PreparedStatement committed = connection.prepareStatement("INSERT INTO chain_lanes (lane, last_event_id) VALUES (?, ?)"
                     + " ON CONFLICT (lane) DO UPDATE SET last_event_id = excluded.last_event_id")) {
            insert.setString(1, at);
            insert.setString(2, payload);
            insert.setString(3, prev);
            insert.setString(4, hash);
            insert.setLong(5, lane);
            try (java.sql.ResultSet id = insert.executeQuery()) {
                id.next();
                // As the writer does in the same transaction: what the lane committed.
                committed.setLong(1, lane);
                committed.setLong(2, id.getLong(1));
                committed.executeUpdate();
            }
        }
        heads.put(lane, hash);
        return hash;
    }

    @Test
    void twoLanesOnPostgresVerifyEachOnItsOwnAndTheCommittedIdsTellWhatWasDeleted() throws Exception {
        DbTarget target = PostgresServer.freshDatabase();
        try (Database database = Database.open(target); Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            append(connection, 0, "{\"n\":1}");
            append(connection, 1, "{\"n\":2}");
            String head0 = append(connection, 0, "{\"n\":3}");
            String head1 = append(connection, 1, "{\"n\":4}");

            try (Database reading = Database.openReadOnly(target); SqlRecordStore store = new SqlRecordStore(reading, Clock.systemUTC(), 1)) {
                LedgerService ledger = new LedgerService(new SqlLedger(store), new DigestLogFile(dir.resolve("digests.log")), key,
                        Clock.systemUTC());
                List<LedgerDigest> digests = ledger.digests();
                assertEquals(List.of(0L, 1L), digests.stream().map(LedgerDigest::lane).toList());
                assertEquals(List.of(head0, head1), digests.stream().map(LedgerDigest::head).toList());
                List<LedgerCheck.Expected> kept = digests.stream().map(digest -> new LedgerCheck.Expected("kept", digest)).toList();

                LedgerVerification verified = ledger.verify(kept);
                assertTrue(verified.ok(), () -> String.valueOf(verified.broken()));
                assertEquals(4, verified.ledgerEntries());
                assertEquals(2, verified.digestsChecked());
                assertEquals(List.of(new LedgerVerification.Lane(0, 0, HashChain.GENESIS, 2, head0),
                        new LedgerVerification.Lane(1, 0, HashChain.GENESIS, 2, head1)), verified.lanes());
                AuditVerification audit = new AuditService(new SqlAuditLog(store)).verify();
                assertTrue(audit.ok(), () -> String.valueOf(audit.broken()));
                assertEquals(0, audit.entries());

                try (Statement statement = connection.createStatement()) {
                    // Lane 1's first event: event 4 no longer links to the start, and id 2 is the one no lane holds.
                    statement.executeUpdate("DELETE FROM event_logs WHERE id = 2");
                    assertEquals(new ChainBreak(null, 2L, null, null, "lane 1: event 2 is missing (event 4 does not link to the start)"),
                            ledger.verify(kept).broken());

                    // The database's newest event, in lane 1: only chain_lanes still knows it was committed.
                    statement.executeUpdate("DELETE FROM event_logs WHERE id = 4");
                    assertEquals(new ChainBreak(null, 4L, null, null, LedgerCheck.ENTRIES_REMOVED
                                    + "event ids up to 4 were given out, but the ledger ends with event 3: event 4 was deleted"),
                            ledger.verify().broken());
                }
            }
        }
    }
}
