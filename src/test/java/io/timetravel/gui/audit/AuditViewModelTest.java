package io.timetravel.gui.audit;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.Desk;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit browser's view models on a real store, without a toolkit. */
class AuditViewModelTest {

    @TempDir
    Path dir;
    StoreFixture fixture;
    Desk desk;
    WorkspaceState state;
    RecordingDialogs dialogs;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("audit.db"));
        desk = TestWorkbench.desk(fixture);
        state = new WorkspaceState();
        state.callerProperty().set(Caller.trustedDeclared(42));
        dialogs = new RecordingDialogs();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private AuditViewModel viewModel(BackgroundTasks tasks) {
        return new AuditViewModel(desk.audit(), desk.ledger(), TestWorkbench.access(fixture), state, tasks, dialogs,
                ZoneOffset.UTC, Clock.systemUTC());
    }

    /** {@code count} changes to records 1..20; even ones by verified user 9, odd ones by declared user 7. */
    private void writeMany(int count, String reason) {
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
        long salt = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            boolean verified = i % 2 == 0;
            writes.add(fixture.records().write(new WriteCommand(1 + i % 20, json("{\"n\":" + i + ",\"salt\":" + salt + "}"), null,
                    null, verified ? 9 : 7, reason, "test", null, verified)));
        }
        writes.forEach(CompletableFuture::join);
    }

    private List<Long> shownIds(AuditViewModel viewModel) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < viewModel.rows().size(); i++) {
            ids.add(viewModel.rows().get(i).id());
        }
        return ids;
    }

    @Test
    void aHundredThousandEntriesAreListedNewestFirstWithOnlyTheShownPagesHeld() {
        // Entries inserted as an operator's SQL would: the list does not care whether they chain.
        Sql.update(fixture.database().file(), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
                + " INSERT INTO audit_history (record_id, version, event_type, changed_at, actor, old_value, new_value, reason,"
                + " prev_hash, hash, actor_verified) SELECT NULL, NULL, 'FLAG_UPDATE',"
                + " printf('2026-01-01T%02d:%02d:%02d.000000Z', i / 3600 % 24, i / 60 % 60, i % 60), 5, '{}', '{\"n\":' || i || '}',"
                + " NULL, printf('%064d', i - 1), printf('%064d', i), i % 2 FROM n");
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());

        assertEquals(100_000, viewModel.rows().size());
        assertEquals("100,000 audit entries, newest first", viewModel.statusProperty().get());
        assertEquals(100_000L, viewModel.rows().get(0).id());
        assertEquals(1, viewModel.rows().pagesHeld(), "only the first page was read");

        for (int i = 0; i < viewModel.rows().size(); i += 997) {
            AuditRow row = viewModel.rows().get(i);
            assertEquals(100_000L - i, row.id());
            assertTrue(viewModel.rows().pagesHeld() <= AuditRows.MAX_PAGES);
        }
        assertEquals(1L, viewModel.rows().get(99_999).id());
        assertTrue(viewModel.pagesReadProperty().get() >= 100, "each page read as it was shown");
        assertTrue(viewModel.rows().pagesHeld() <= AuditRows.MAX_PAGES, "older pages dropped");
    }

    @Test
    void filtersSelectEntriesAndBadInputIsSaidInlineWithoutAQuery() {
        writeMany(40, null);
        DeferredTasks tasks = new DeferredTasks();
        AuditViewModel viewModel = viewModel(tasks);
        while (tasks.pending() > 0) {
            tasks.run(0);
        }
        assertEquals(40, viewModel.rows().size());

        viewModel.filters().actorProperty().set("9");
        viewModel.filters().verifiedProperty().set(AuditFilters.Verified.VERIFIED);
        while (tasks.pending() > 0) {
            tasks.run(0);
        }
        assertEquals(20, viewModel.rows().size());
        assertEquals("20 audit entries match, newest first", viewModel.statusProperty().get());

        viewModel.filters().recordProperty().set("seven");
        assertFalse(viewModel.applyFilters());
        assertEquals("Record: \u201cseven\u201d is not a record id (a whole number from 1).", viewModel.filters().problemProperty().get());
        assertEquals(0, tasks.pending(), "no query for bad input");
        assertEquals(20, viewModel.rows().size(), "the list stays as it was");

        viewModel.filters().recordProperty().set("");
        viewModel.filters().fromProperty().set("2026-13-40");
        assertFalse(viewModel.applyFilters());
        assertTrue(viewModel.filters().problemProperty().get().startsWith("From: \u201c2026-13-40\u201d is not a date"));
        viewModel.filters().fromProperty().set("2030-01-02");
        viewModel.filters().toProperty().set("2030-01-01");
        assertFalse(viewModel.applyFilters());
        assertEquals("From is after To: no entry can match.", viewModel.filters().problemProperty().get());
        assertEquals(0, tasks.pending());

        viewModel.filters().fromProperty().set("");
        viewModel.filters().toProperty().set("");
        viewModel.filters().operationProperty().set("CREATE");
        while (tasks.pending() > 0) {
            tasks.run(0);
        }
        assertEquals("", viewModel.filters().problemProperty().get());
        assertEquals(Sql.count(fixture.database().file(),
                "SELECT count(*) FROM audit_history WHERE event_type = 'CREATE' AND actor = 9 AND actor_verified = 1"),
                viewModel.rows().size());
    }

    @Test
    void theSelectedEntryShowsItsValuesAndHashesAndOpensInTheTimeline() {
        fixture.write(3, "{\"name\":\"Ada\",\"smoker\":false}");
        fixture.write(3, "{\"smoker\":true,\"email\":\"ada@example.com\"}", null, 7, "medical review");
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());

        viewModel.select(0);

        AuditRow row = viewModel.selectedProperty().get();
        assertEquals(2L, row.entry().version());
        assertEquals("Entry 2 \u00b7 Update \u00b7 record 3 version 2", viewModel.detail().titleProperty().get());
        assertEquals("medical review", viewModel.detail().reasonProperty().get());
        assertEquals(Sql.scalar(fixture.database().file(), "SELECT hash FROM audit_history WHERE id = 2"),
                viewModel.detail().hashProperty().get());
        assertEquals(Sql.scalar(fixture.database().file(), "SELECT hash FROM audit_history WHERE id = 1"),
                viewModel.detail().prevHashProperty().get());
        FieldRow smoker = viewModel.detail().rows().stream().filter(field -> field.path().equals("smoker")).findFirst().orElseThrow();
        assertEquals(List.of("false", "true"), List.of(smoker.before(), smoker.after()));
        assertEquals(FieldRow.Change.CHANGED, smoker.change());
        FieldRow email = viewModel.detail().rows().stream().filter(field -> field.path().equals("email")).findFirst().orElseThrow();
        assertEquals(FieldRow.Change.ADDED, email.change());
        assertTrue(viewModel.canOpenProperty().get());

        viewModel.openInTimeline();

        assertEquals(3L, state.selectedRecordProperty().get());
        assertEquals(2L, state.requestedVersionProperty().get());
        assertEquals(DeskView.RECORDS, state.requestedViewProperty().get());
    }

    @Test
    void newEntriesAppearOnTopAndTheSelectionStays() {
        writeMany(10, null);
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());
        viewModel.select(3);
        long selectedId = viewModel.selectedProperty().get().id();

        fixture.write(50, "{\"fresh\":true}");
        fixture.write(51, "{\"fresh\":true}");
        viewModel.loadNewer();

        assertEquals(12, viewModel.rows().size());
        assertEquals(List.of(12L, 11L, 10L), shownIds(viewModel).subList(0, 3));
        assertEquals(selectedId, viewModel.selectedProperty().get().id());
        assertEquals(selectedId, viewModel.rows().get(5).id(), "two places further down");
        assertEquals("12 audit entries, newest first", viewModel.statusProperty().get());
    }

    @Test
    void exportWritesTheFilteredEntriesAsRfc4180CsvInPages() throws Exception {
        String awkward = "premium, \"adjusted\"\r\nafter review: Zürich \u2014 \u5bb6 \ud83d\ude00";
        writeMany(2 * AuditExport.PAGE + 100, awkward);
        Path target = dir.resolve("out").resolve("audit.csv");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "an older export, replaced whole");
        dialogs.saveAnswer = Optional.of(target);
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());
        viewModel.filters().verifiedProperty().set(AuditFilters.Verified.DECLARED);

        viewModel.export();

        assertFalse(viewModel.exports().exportingProperty().get());
        assertEquals("Exported 1,050 entries to " + target.toAbsolutePath(), viewModel.exports().statusProperty().get());
        List<List<String>> rows = Csv.parse(Files.readString(target));
        assertEquals(AuditCsv.HEADER, rows.get(0));
        assertEquals(1 + 1050, rows.size());
        List<List<String>> stored = Sql.query(fixture.database().file(), "SELECT id, changed_at, record_id, version, event_type,"
                + " actor, reason, old_value, new_value, prev_hash, hash FROM audit_history WHERE actor_verified = 0 ORDER BY id DESC");
        for (int i = 0; i < stored.size(); i++) {
            List<String> csv = rows.get(i + 1);
            List<String> db = stored.get(i).stream().map(value -> value == null ? "" : value).toList();
            assertEquals(List.of(db.get(0), db.get(1), db.get(2), db.get(3), db.get(4), db.get(5), "false", awkward, db.get(7),
                    db.get(8), db.get(9), db.get(10)), csv);
        }
        try (Stream<Path> beside = Files.list(target.getParent())) {
            assertEquals(1, beside.count(), "no temporary file left beside it");
        }
        assertTrue(Files.readString(target).contains("\"premium, \"\"adjusted\"\"\r\nafter review"), "quoted, quotes doubled");
        assertTrue(dialogs.shown.contains("save: Export audit entries to CSV: audit-trail-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(java.time.ZonedDateTime.now(ZoneOffset.UTC))
                + ".csv") || dialogs.shown.get(0).startsWith("save: Export audit entries to CSV: audit-trail-"));
    }

    @Test
    void theExportMenuCommandExportsAndACancelledExportLeavesNoFile() throws Exception {
        writeMany(2500, null);
        Path target = dir.resolve("cancelled.csv");
        AuditExport export = new AuditExport(desk.audit(), TestWorkbench.access(fixture));
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        List<Long> progress = new ArrayList<>();

        AuditExport.Outcome outcome = export.run(io.timetravel.service.AuditQuery.all(1, 0), state.caller(), target,
                (written, total) -> {
                    progress.add(written);
                    if (written >= AuditExport.PAGE) {
                        cancel.set(true);
                    }
                }, cancel);

        assertTrue(outcome.cancelled());
        assertEquals(List.of(0L, 1000L), progress);
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(file -> file.getFileName().toString().endsWith(".part")), "temporary file deleted");
        }

        Path chosen = dir.resolve("menu.csv");
        dialogs.saveAnswer = Optional.of(chosen);
        viewModel(BackgroundTasks.inline());
        state.command(WorkbenchCommand.EXPORT_AUDIT);
        assertEquals(2501, Csv.parse(Files.readString(chosen)).size());
    }

    @Test
    void verifyShowsProgressThenNamesAndSelectsTheFirstBrokenEntryClearingFiltersThatHideIt() {
        writeMany(1500, null);
        Path db = fixture.database().file();
        long forged = 1201; // an odd-numbered write: user 7, declared
        Sql.update(db, "UPDATE audit_history SET reason = 'nobody will notice' WHERE id = " + forged);
        List<Double> progress = new ArrayList<>();
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());
        viewModel.verification().progressProperty().addListener((observable, old, value) -> progress.add(value.doubleValue()));
        viewModel.filters().verifiedProperty().set(AuditFilters.Verified.VERIFIED);
        assertEquals(750, viewModel.rows().size());

        state.command(WorkbenchCommand.VERIFY_CHAIN);

        assertEquals(AuditVerificationViewModel.Outcome.BROKEN, viewModel.verification().outcomeProperty().get());
        assertEquals("Broken at audit entry 1201: hash does not match the entry's content", viewModel.verification().statusProperty().get());
        assertTrue(progress.stream().anyMatch(value -> value > 0 && value < 1), "progress between start and end: " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertEquals(AuditFilters.Verified.ALL, viewModel.filters().verifiedProperty().get(), "the filter hiding it was cleared");
        assertEquals(1500, viewModel.rows().size());
        assertEquals(forged, viewModel.selectedProperty().get().id());
        int index = viewModel.revealProperty().get();
        assertEquals(1500 - forged, index);
        assertEquals(forged, viewModel.rows().get(index).id());
    }

    @Test
    void anIntactChainSaysSoAndFindAndRefreshAreObeyedOnlyWhenTheViewShows() {
        writeMany(5, null);
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());
        viewModel.verification().verify();
        assertEquals(AuditVerificationViewModel.Outcome.INTACT, viewModel.verification().outcomeProperty().get());
        assertEquals("Intact: 5 audit entries and 5 ledger entries verified, held to 0 signed digests.",
                viewModel.verification().statusProperty().get());

        state.command(WorkbenchCommand.FIND);
        assertEquals(0, viewModel.filters().focusRequestsProperty().get(), "another view shows");
        state.visibleViewProperty().set(DeskView.AUDIT);
        state.command(WorkbenchCommand.FIND);
        assertEquals(1, viewModel.filters().focusRequestsProperty().get());

        fixture.write(99, "{\"x\":1}");
        state.command(WorkbenchCommand.REFRESH);
        assertEquals(6, viewModel.rows().size());
    }

    @Test
    void aUserWithoutReadSeesWhyAndTheAccessLogIsShownOnlyWithItsPermission() {
        writeMany(3, null);
        state.callerProperty().set(WorkspaceState.NOBODY);
        AuditViewModel viewModel = viewModel(BackgroundTasks.inline());
        assertEquals(0, viewModel.rows().size());
        assertEquals("No user set: the workbench is read-only", viewModel.statusProperty().get());

        AccessLogViewModel accessLog = new AccessLogViewModel(desk.admin(), state, BackgroundTasks.inline(), ZoneOffset.UTC);
        state.callerProperty().set(new Caller(Actor.declared(5), EnumSet.of(Role.UNDERWRITER), true));
        assertFalse(accessLog.allowedProperty().get());
        assertTrue(accessLog.whyNotProperty().get().startsWith("Needs the role"), accessLog.whyNotProperty().get());
        assertEquals(3, viewModel.rows().size(), "an underwriter reads the trail");

        // A disclosure as the access log keeps it (written as the writer would).
        Sql.update(fixture.database().file(), "INSERT INTO access_log (accessed_at, actor, actor_verified, endpoint, record_ids, fields)"
                + " VALUES ('2026-05-01T10:00:00.000000Z', 5, 0, 'desktop history', '[3]', '[\"email\"]')");
        Sql.update(fixture.database().file(), "INSERT INTO access_records (access_id, record_id) VALUES (1, 3)");
        state.callerProperty().set(new Caller(Actor.verified(6), Set.of(Role.AUDITOR), true));
        assertTrue(accessLog.allowedProperty().get());
        assertEquals(1, accessLog.rows().size());
        assertEquals("user 5", accessLog.rows().get(0).actor());
        accessLog.recordProperty().set("x");
        assertFalse(accessLog.apply());
        assertNotNull(accessLog.problemProperty().get());
        accessLog.recordProperty().set("4");
        assertTrue(accessLog.apply());
        assertEquals(0, accessLog.rows().size());
        accessLog.recordProperty().set("3");
        assertTrue(accessLog.apply());
        assertEquals(List.of("desktop history"), accessLog.rows().stream().map(AccessLogViewModel.AccessRow::view).toList());
    }
}
