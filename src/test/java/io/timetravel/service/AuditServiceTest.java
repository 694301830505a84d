package io.timetravel.service;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit service on a real store: verification pages through long chains; bad queries are refused. */
class AuditServiceTest {

    @TempDir
    Path dir;

    /** {@code count} changes, written concurrently so that they share commits. */
    private static void writeMany(StoreFixture fixture, int count) {
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        long salt = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            writes.add(fixture.records().write(new WriteCommand(1 + i % 50, json("{\"n\":" + i + ",\"salt\":" + salt + "}"),
                    null, 7, null, "test", null)));
        }
        writes.forEach(CompletableFuture::join);
    }

    @Test
    void verifyWalksAChainLongerThanOnePageAndFindsABreakDeepInIt() {
        int count = AuditService.VERIFY_PAGE + 500;
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, count);
            AuditService audit = new AuditService(new SqlAuditLog(fixture.store()));

            AuditVerification good = audit.verify();
            assertTrue(good.ok());
            assertEquals(count, good.entries());
            assertEquals(Sql.scalar(fixture.database().file(), "SELECT hash FROM audit_history ORDER BY id DESC LIMIT 1"), good.head());

            Sql.update(fixture.database().file(), "UPDATE audit_history SET reason = 'nobody will notice' WHERE id = 1200");
            AuditVerification bad = audit.verify();
            assertEquals(false, bad.ok());
            assertEquals(1200, bad.entries());
            assertEquals(1200, bad.broken().id());
            assertEquals(AuditChainCheck.CONTENT_CHANGED, bad.broken().reason());
        }
    }

    @Test
    void verifyReportsANonNumericActorAsUnreadable() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 5);
            Sql.update(fixture.database().file(), "UPDATE audit_history SET actor = 'mallory' WHERE id = 4");

            AuditVerification result = new AuditService(new SqlAuditLog(fixture.store())).verify();

            assertEquals(4, result.broken().id());
            assertEquals("entry is unreadable: actor \"mallory\" is not a user id", result.broken().reason());
        }
    }

    @Test
    void verifyCarriesOnAcrossNewWritesAndTheWriterKeepsExtendingTheSameChain() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 3);
        }
        try (StoreFixture reopened = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(reopened, 3);

            AuditVerification result = new AuditService(new SqlAuditLog(reopened.store())).verify();

            assertTrue(result.ok(), () -> String.valueOf(result.broken()));
            assertEquals(6, result.entries());
        }
    }

    @Test
    void listingRefusesUnknownOperationsAndReversedRanges() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            AuditService audit = new AuditService(new SqlAuditLog(fixture.store()));

            InvalidRequestException unknown = assertThrows(InvalidRequestException.class,
                    () -> audit.list(new AuditQuery(null, null, "drop table", null, null, 10, 0)));
            assertEquals("invalid operation; use one of CREATE, UPDATE, RESTORE, FLAG_UPDATE, USER_ADDED, USER_CHANGED, TOKEN_ISSUED,"
                    + " TOKENS_REVOKED, FIELD_POLICY_SET, FIELD_POLICY_REMOVED", unknown.getMessage());
            assertThrows(InvalidRequestException.class, () -> audit.list(new AuditQuery(null, -1L, null, null, null, 10, 0)));
            assertNull(audit.list(AuditQuery.all(10, 0)).items().stream().findAny().orElse(null));
        }
    }
}
