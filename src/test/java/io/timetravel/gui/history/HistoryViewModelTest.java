package io.timetravel.gui.history;

import io.timetravel.domain.Operation;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.Formats;
import io.timetravel.gui.RecordTab;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow.Change;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.service.HistoryService;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history's view model on a real store, without a toolkit. */
class HistoryViewModelTest {

    @TempDir
    Path dir;
    StoreFixture fixture;
    HistoryService history;
    WorkspaceState state;
    Instant betweenFirstAndSecond;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("history.db"));
        history = new HistoryService(fixture.records(), new SqlEventLog(fixture.store()));
        state = new WorkspaceState();
        fixture.write(7, "{\"name\":\"Ada Lovelace\",\"smoker\":false,\"address\":{\"city\":\"London\"}}");
        betweenFirstAndSecond = fixture.records().latest(7).recordedAt().plusMillis(1);
        pause();
        fixture.write(7, "{\"smoker\":true,\"notes\":\"call back\"}");
        // Back-dated to before version 2: Paris from then on (version 2 does not touch the address).
        fixture.write(7, "{\"address\":{\"city\":\"Paris\"}}", betweenFirstAndSecond, 12, "moved, told us late");
        fixture.write(7, "{\"premium\":100}");
        fixture.write(7, "{\"premium\":120}");
        fixture.write(8, "{\"name\":\"Grace Hopper\"}");
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private HistoryViewModel viewModel(BackgroundTasks tasks, int pageSize) {
        return new HistoryViewModel(history, TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC, pageSize);
    }

    private static List<Long> versions(HistoryViewModel viewModel) {
        return viewModel.rows().stream().map(HistoryRow::version).toList();
    }

    private static HistoryRow row(HistoryViewModel viewModel, long version) {
        return viewModel.rows().stream().filter(row -> row.version() == version).findFirst().orElseThrow();
    }

    @Test
    void pagesThroughEveryEventOfTheSelectedRecord() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 2);

        state.selectedRecordProperty().set(7L);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), versions(viewModel));
        assertEquals("5 events", viewModel.statusProperty().get());
        assertFalse(viewModel.loadingProperty().get());
        assertEquals(1.0, viewModel.progressProperty().get());
    }

    @Test
    void aLongHistoryShowsItsPagesAndProgressAsTheyArrive() {
        DeferredTasks tasks = new DeferredTasks();
        HistoryViewModel viewModel = viewModel(tasks, 2);
        state.selectedRecordProperty().set(7L);

        tasks.run(0);

        assertEquals(List.of(1L, 2L), versions(viewModel));
        assertTrue(viewModel.loadingProperty().get());
        assertEquals("Loading events\u2026 2 of 5", viewModel.statusProperty().get());
        assertEquals(0.4, viewModel.progressProperty().get(), 1e-9);
        tasks.runAll();
        assertEquals(5, viewModel.rows().size());
    }

    @Test
    void eachRowSaysWhoDidWhatWhenAndWhy() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);

        HistoryRow first = row(viewModel, 1);
        assertEquals(Operation.CREATE, first.operationKind());
        assertEquals("Create", first.operation());
        assertEquals("user 7", first.actor());
        assertFalse(first.backdated());
        HistoryRow late = row(viewModel, 3);
        assertTrue(late.backdated());
        assertEquals(Formats.localTime(betweenFirstAndSecond, ZoneOffset.UTC), late.effective());
        assertEquals("moved, told us late", late.reason());
        assertEquals("user 12", late.actor());
    }

    @Test
    void aBoundedChangeShowsItsValidPeriod() {
        java.time.Instant from = java.time.Instant.parse("2026-02-01T00:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2026-03-01T00:00:00Z");
        fixture.records().write(new io.timetravel.service.WriteCommand(7, StoreFixture.json("{\"address\":{\"city\":\"Rome\"}}"),
                from, to, 7, "abroad", "test", null, false)).join();
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);

        assertEquals("2026-02-01 00:00:00 \u2192 2026-03-01 00:00:00", row(viewModel, 6).effective());
    }

    @Test
    void selectingAnEventShowsItsOldAndNewValuesFieldByField() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);

        viewModel.selectedProperty().set(row(viewModel, 2));

        assertEquals(List.of(new FieldRow("notes", null, "call back", Change.ADDED),
                new FieldRow("smoker", "false", "true", Change.CHANGED)), viewModel.detailRows());
        assertTrue(viewModel.detailTitleProperty().get().startsWith("Version 2 \u00b7 Update \u00b7 user 7"));
    }

    @Test
    void aBackDatedEventSaysSoWithItsReason() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);

        viewModel.selectedProperty().set(row(viewModel, 3));

        assertEquals(List.of(new FieldRow("address.city", "London", "Paris", Change.CHANGED)), viewModel.detailRows());
        assertEquals("Effective " + Formats.localTime(betweenFirstAndSecond, ZoneOffset.UTC) + ", back-dated \u00b7 Reason: moved, told us late",
                viewModel.detailFactsProperty().get());
    }

    @Test
    void theCreationShowsEveryFieldAdded() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);

        viewModel.selectedProperty().set(row(viewModel, 1));

        assertEquals(List.of("address.city", "name", "smoker"), viewModel.detailRows().stream().map(FieldRow::path).toList());
        assertTrue(viewModel.detailRows().stream().allMatch(field -> field.change() == Change.ADDED));
        assertFalse(viewModel.canCompareProperty().get(), "version 1 has no previous version");
        assertTrue(viewModel.canPickProperty().get());
    }

    @Test
    void compareWithPreviousHandsBothVersionsToTheDiffAndAsksForItsTab() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);
        viewModel.selectedProperty().set(row(viewModel, 4));

        viewModel.compareWithPrevious();

        assertEquals(3L, state.diffFromProperty().get());
        assertEquals(4L, state.diffToProperty().get());
        assertEquals(RecordTab.DIFF, state.requestedTabProperty().get());
        assertEquals("Diff: A = v3 \u00b7 B = v4", viewModel.pairProperty().get());
    }

    @Test
    void setAsAAndSetAsBPickOneSideEach() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);

        viewModel.selectedProperty().set(row(viewModel, 5));
        viewModel.setAsA();
        viewModel.selectedProperty().set(row(viewModel, 2));
        viewModel.setAsB();

        assertEquals(5L, state.diffFromProperty().get());
        assertEquals(2L, state.diffToProperty().get());
        assertNull(state.requestedTabProperty().get(), "picking one side stays in the history");
    }

    @Test
    void aLiveChangeToTheRecordAddsItsEventAndKeepsTheSelection() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 2);
        state.selectedRecordProperty().set(7L);
        HistoryRow selected = row(viewModel, 2);
        viewModel.selectedProperty().set(selected);

        fixture.write(7, "{\"premium\":130}");
        state.recordChanged(7, 6, 0);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), versions(viewModel));
        assertSame(selected, viewModel.selectedProperty().get());
        assertEquals("6 events", viewModel.statusProperty().get());
    }

    @Test
    void aChangeToAnotherRecordLoadsNothing() {
        DeferredTasks tasks = new DeferredTasks();
        HistoryViewModel viewModel = viewModel(tasks, 1000);
        state.selectedRecordProperty().set(7L);
        tasks.runAll();

        fixture.write(8, "{\"name\":\"Grace B. Hopper\"}");
        state.recordChanged(8, 2, 0);

        assertEquals(0, tasks.pending());
        assertEquals(5, viewModel.rows().size());
    }

    @Test
    void aChangeDuringALongLoadIsPickedUpWhenTheLoadEnds() {
        DeferredTasks tasks = new DeferredTasks();
        HistoryViewModel viewModel = viewModel(tasks, 2);
        state.selectedRecordProperty().set(7L);
        tasks.run(0);

        fixture.write(7, "{\"premium\":130}");
        fixture.write(7, "{\"premium\":140}");
        state.recordChanged(7, 7, 0);
        tasks.runAll();

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), versions(viewModel));
    }

    @Test
    void anAnswerForAnEarlierSelectionIsDropped() {
        DeferredTasks tasks = new DeferredTasks();
        HistoryViewModel viewModel = viewModel(tasks, 1000);
        state.selectedRecordProperty().set(7L);
        state.selectedRecordProperty().set(8L);

        tasks.runNewest();
        tasks.runAll();

        assertEquals(List.of(1L), versions(viewModel));
        assertEquals("1 event", viewModel.statusProperty().get());
    }

    @Test
    void anotherRecordClearsTheSelectionAndItsValues() {
        HistoryViewModel viewModel = viewModel(BackgroundTasks.inline(), 1000);
        state.selectedRecordProperty().set(7L);
        viewModel.selectedProperty().set(row(viewModel, 2));

        state.selectedRecordProperty().set(8L);

        assertNull(viewModel.selectedProperty().get());
        assertTrue(viewModel.detailRows().isEmpty());
        assertEquals("Select an event to see its old and new values", viewModel.detailTitleProperty().get());
    }
}
