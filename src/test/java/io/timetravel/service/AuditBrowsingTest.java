package io.timetravel.service;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.DigestKey;
import io.timetravel.storage.DigestLogFile;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.storage.SqlLedger;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the audit browser asks of the audit trail, on a real store: filters by identity and
 * operation, a window that later entries do not shift, walks page by page, where an entry
 * stands, verification's progress and its first broken entry, and the logged digests.
 */
class AuditBrowsingTest {

    @TempDir
    Path dir;

    /** {@code count} changes to 20 records, concurrently; even ones by a verified actor 9, odd ones by a declared actor 7. */
    private static void writeMany(StoreFixture fixture, int count) {
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            boolean verified = i % 2 == 0;
            writes.add(fixture.records().write(new WriteCommand(1 + i % 20, json("{\"n\":" + i + "}"), null, null,
                    verified ? 9 : 7, null, "test", null, verified)));
        }
        writes.forEach(CompletableFuture::join);
    }

    private static AuditService audit(StoreFixture fixture) {
        return new AuditService(new SqlAuditLog(fixture.store()));
    }

    private static AuditQuery verified(Boolean verified) {
        return new AuditQuery(null, null, null, null, null, verified, null, null, 1000, 0);
    }

    @Test
    void entriesAreFilteredByVerifiedOrDeclaredActorAndOperation() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 40);
            Path db = fixture.database().file();
            // An entry from before identities were recorded counts as declared.
            Sql.update(db, "UPDATE audit_history SET actor_verified = NULL WHERE id = 1");
            AuditService audit = audit(fixture);

            List<AuditEntry> proven = audit.list(verified(true)).items();
            List<AuditEntry> declared = audit.list(verified(false)).items();

            assertEquals(Sql.count(db, "SELECT count(*) FROM audit_history WHERE actor_verified = 1"), proven.size());
            assertTrue(proven.stream().allMatch(entry -> entry.actor() == 9 && Boolean.TRUE.equals(entry.actorVerified())));
            assertEquals(40 - proven.size(), declared.size());
            assertTrue(declared.stream().anyMatch(entry -> entry.actorVerified() == null), "unrecorded counts as declared");
            assertTrue(declared.stream().noneMatch(entry -> Boolean.TRUE.equals(entry.actorVerified())));

            AuditQuery creates = new AuditQuery(null, null, "create", null, null, true, null, null, 1000, 0);
            List<AuditEntry> verifiedCreates = audit.list(creates).items();
            assertEquals(Sql.count(db, "SELECT count(*) FROM audit_history WHERE event_type = 'CREATE' AND actor_verified = 1"),
                    verifiedCreates.size());
            assertTrue(verifiedCreates.stream().allMatch(entry -> entry.eventType().equals("CREATE")));
            assertEquals(verifiedCreates.size(), audit.count(creates));
        }
    }

    @Test
    void accessAdministrationEventTypesCanBeFilteredAndUnknownOnesAreRefused() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            AuditService audit = audit(fixture);
            assertTrue(AuditService.EVENT_TYPES.containsAll(List.of("CREATE", "FLAG_UPDATE", "USER_ADDED", "FIELD_POLICY_SET")));
            assertEquals(0, audit.list(new AuditQuery(null, null, "user_added", null, null, 10, 0)).total());
            InvalidRequestException unknown = assertThrows(InvalidRequestException.class,
                    () -> audit.count(new AuditQuery(null, null, "DELETE", null, null, 10, 0)));
            assertTrue(unknown.getMessage().startsWith("invalid operation; use one of CREATE, UPDATE, RESTORE, FLAG_UPDATE"));
        }
    }

    @Test
    void aWindowKeepsItsPagesWhenEntriesAreAppendedAndNewerOnesAreReadApart() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 30);
            AuditService audit = audit(fixture);
            long newest = audit.list(AuditQuery.all(1, 0)).items().get(0).id();
            AuditQuery window = AuditQuery.all(10, 10).between(null, newest + 1);
            List<Long> before = ids(audit.list(window).items());

            writeMany(fixture, 5);

            assertEquals(before, ids(audit.list(window).items()), "the window's second page did not shift");
            assertEquals(30, audit.count(window));
            List<AuditEntry> arrived = audit.list(AuditQuery.all(100, 0).between(newest, null)).items();
            assertEquals(5, arrived.size());
            assertTrue(arrived.stream().allMatch(entry -> entry.id() > newest));
        }
    }

    @Test
    void aWalkReadsEveryMatchingEntryPageByPageNewestFirstAndIgnoresLaterOnes() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 250);
            AuditService audit = audit(fixture);

            Iterator<List<AuditEntry>> pages = audit.pages(verified(false), 40);
            List<Integer> sizes = new ArrayList<>();
            List<Long> walked = new ArrayList<>();
            List<AuditEntry> first = pages.next();
            sizes.add(first.size());
            walked.addAll(ids(first));
            writeMany(fixture, 10); // appended during the walk: newer than where it started
            while (pages.hasNext()) {
                List<AuditEntry> page = pages.next();
                sizes.add(page.size());
                walked.addAll(ids(page));
            }

            assertEquals(125, walked.size());
            assertTrue(sizes.stream().allMatch(size -> size <= 40), sizes::toString);
            List<Long> sorted = new ArrayList<>(walked);
            sorted.sort((a, b) -> Long.compare(b, a));
            assertEquals(sorted, walked, "newest first, no entry twice");
            assertTrue(walked.get(0) < Sql.count(fixture.database().file(), "SELECT max(id) FROM audit_history") - 9);
        }
    }

    @Test
    void anEntrysPositionIsWhereItStandsUnderTheFiltersOrNoneWhenTheyHideIt() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 50);
            AuditService audit = audit(fixture);
            List<AuditEntry> declared = audit.list(verified(false)).items();
            AuditEntry tenth = declared.get(9);

            assertEquals(9, audit.position(verified(false), tenth.id()).orElseThrow());
            assertFalse(audit.position(verified(true), tenth.id()).isPresent());
            assertEquals(50 - tenth.id(), audit.position(AuditQuery.all(1, 0), tenth.id()).orElseThrow());
            AuditEntry anyEntry = declared.get(3);
            assertEquals(anyEntry.id(), audit.entryOf(anyEntry.recordId(), anyEntry.version()).orElseThrow());
        }
    }

    @Test
    void verificationReportsItsProgressAndNamesTheFirstForgedEntry() {
        int count = AuditService.VERIFY_PAGE * 2 + 300;
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, count);
            Path db = fixture.database().file();
            AuditService audit = audit(fixture);
            LedgerService ledger = new LedgerService(new SqlLedger(fixture.store()), DigestLogFile.beside(db), DigestKey.generate(),
                    Clock.systemUTC());

            List<long[]> reports = new ArrayList<>();
            AuditVerification good = audit.verify((checked, total) -> reports.add(new long[] {checked, total}));
            assertTrue(good.ok());
            assertEquals(3, reports.size(), "one report a page");
            assertEquals(count, reports.get(reports.size() - 1)[0]);
            assertTrue(reports.stream().allMatch(report -> report[1] == count));

            List<long[]> ledgerReports = new ArrayList<>();
            LedgerVerification all = ledger.verify(List.of(), (checked, total) -> ledgerReports.add(new long[] {checked, total}));
            assertTrue(all.ok());
            long[] last = ledgerReports.get(ledgerReports.size() - 1);
            assertEquals(all.auditEntries() + all.ledgerEntries(), last[0]);
            assertEquals(last[0], last[1], "done: all of them");
            for (int i = 1; i < ledgerReports.size(); i++) {
                assertTrue(ledgerReports.get(i)[0] >= ledgerReports.get(i - 1)[0], "never goes back");
            }

            Sql.update(db, "UPDATE audit_history SET reason = 'nobody will notice' WHERE id = 1500");
            List<long[]> brokenReports = new ArrayList<>();
            LedgerVerification broken = ledger.verify(List.of(), (checked, total) -> brokenReports.add(new long[] {checked, total}));
            assertFalse(broken.ok());
            assertEquals(1500L, broken.broken().auditId());
            assertEquals(AuditChainCheck.CONTENT_CHANGED, broken.broken().reason());
            assertEquals(1, brokenReports.size(), "stopped within the second page");
            assertEquals(1500L, audit.verify().broken().id());
            assertEquals(ledger.verify().broken(), broken.broken(), "the overload without progress answers alike");
        }
    }

    @Test
    void loggedDigestsAreParsedAndTheirSignaturesChecked() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("a.db"))) {
            writeMany(fixture, 5);
            Path db = fixture.database().file();
            DigestLogFile log = DigestLogFile.beside(db);
            LedgerService ledger = new LedgerService(new SqlLedger(fixture.store()), log, DigestKey.generate(), Clock.systemUTC());
            ledger.record();
            for (int i = 1; i <= 3; i++) {
                fixture.write(100 + i, "{\"later\":" + i + "}");
            }
            String forged = ledger.record().toJson().replace("\"entries\":", "\"entries\":1");
            Path file = db.resolveSibling("digests.log");
            Files.writeString(file, forged + "\n" + "not a digest\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

            List<LedgerService.LoggedDigest> digests = ledger.loggedDigests();

            assertEquals(4, digests.size());
            assertTrue(digests.get(0).signatureOk());
            assertTrue(digests.get(1).signatureOk());
            assertEquals(digests.get(0).digest().entries() + 3, digests.get(1).digest().entries());
            assertFalse(digests.get(2).signatureOk());
            assertTrue(digests.get(2).problem().contains("signature"), digests.get(2).problem());
            assertFalse(digests.get(3).signatureOk());
            assertTrue(digests.get(3).problem().startsWith("not a digest"));
            assertEquals(4, digests.get(3).line());
        }
    }

    private static List<Long> ids(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::id).toList();
    }
}
