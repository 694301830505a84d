package io.timetravel.gui.diff;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow.Change;
import io.timetravel.service.HistoryService;
import io.timetravel.service.WriteCommand;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff's view model on a real store, without a toolkit. */
class DiffViewModelTest {

    static final String ONE_VERSION = "This record has one version: nothing to compare yet. The Diff compares two versions once it is changed.";

    @TempDir
    Path dir;
    StoreFixture fixture;
    HistoryService history;
    WorkspaceState state;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("diff.db"));
        history = new HistoryService(fixture.records(), new SqlEventLog(fixture.store()));
        state = new WorkspaceState();
        // Record 7: three versions. v2 → v3 adds email, removes address.zip, changes smoker.
        fixture.write(7, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"smoker\":false}");
        fixture.write(7, "{\"address\":{\"city\":\"London\",\"zip\":\"N1\"}}");
        fixture.write(7, "{\"smoker\":true,\"address\":{\"zip\":null},\"email\":\"ada@example.com\"}");
        // Record 8: one version only.
        fixture.write(8, "{\"name\":\"Grace Hopper\"}");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private DiffViewModel viewModel(BackgroundTasks tasks) {
        return new DiffViewModel(new RecordViewContext(fixture.records(), TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC), history);
    }

    private static Map<String, Change> changes(DiffViewModel viewModel) {
        return viewModel.rows().stream().collect(Collectors.toMap(FieldRow::path, FieldRow::change));
    }

    @Test
    void selectingARecordComparesThePreviousVersionWithTheLatest() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());

        state.selectedRecordProperty().set(7L);

        assertEquals(2L, state.diffFromProperty().get());
        assertEquals(3L, state.diffToProperty().get());
        assertEquals(3, viewModel.latestProperty().get());
        assertEquals(2, viewModel.sideAProperty().get().version());
        assertEquals(3, viewModel.sideBProperty().get().version());
        assertEquals("user 7", viewModel.sideBProperty().get().actor());
        assertFalse(viewModel.reversedProperty().get());
    }

    @Test
    void rowsAreAlignedByFieldAndMarkedAddedRemovedChangedOrUnchanged() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        assertEquals(Map.of("address.city", Change.UNCHANGED, "address.zip", Change.REMOVED, "email", Change.ADDED,
                "name", Change.UNCHANGED, "region", Change.UNCHANGED, "smoker", Change.CHANGED), changes(viewModel));
        FieldRow smoker = viewModel.rows().stream().filter(row -> row.path().equals("smoker")).findFirst().orElseThrow();
        assertEquals("false", smoker.before());
        assertEquals("true", smoker.after());
        assertEquals("1 added \u00b7 1 changed \u00b7 1 removed \u00b7 3 unchanged", viewModel.summaryProperty().get());
    }

    @Test
    void hidingUnchangedFieldsLeavesOnlyTheDifferences() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        viewModel.showUnchangedProperty().set(false);

        assertEquals(Map.of("address.zip", Change.REMOVED, "email", Change.ADDED, "smoker", Change.CHANGED), changes(viewModel));
        viewModel.showUnchangedProperty().set(true);
        assertEquals(6, viewModel.rows().size());
    }

    @Test
    void swappingTradesTheSidesSoAddedAndRemovedTradePlaces() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        viewModel.swap();

        assertEquals(3L, state.diffFromProperty().get());
        assertEquals(2L, state.diffToProperty().get());
        assertTrue(viewModel.reversedProperty().get());
        assertEquals(Change.REMOVED, changes(viewModel).get("email"));
        assertEquals(Change.ADDED, changes(viewModel).get("address.zip"));
        assertEquals(3, viewModel.sideAProperty().get().version());
    }

    @Test
    void movingTheRangeKeepsTheSidesInTheirOrder() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        viewModel.moveRange(1, 3);
        assertEquals(1L, state.diffFromProperty().get());
        assertEquals(3L, state.diffToProperty().get());

        viewModel.swap();
        viewModel.moveRange(1, 2);
        assertEquals(2L, state.diffFromProperty().get(), "A stays the later side");
        assertEquals(1L, state.diffToProperty().get());
        assertEquals(2, viewModel.sideAProperty().get().version());
    }

    @Test
    void versionsSetElsewhereAreCompared() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        state.diffFromProperty().set(1L);

        assertEquals(1, viewModel.sideAProperty().get().version());
        assertEquals(Change.ADDED, changes(viewModel).get("address.city"));
        assertEquals(Change.UNCHANGED, changes(viewModel).get("name"));
    }

    @Test
    void anotherRecordStartsAgainAtItsOwnDefaults() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);
        viewModel.setPair(1L, 2L);

        state.selectedRecordProperty().set(8L);

        // Record 8 has one version: no pair (not 1 against 1, nor a version 2 it lacks), and it says why.
        assertNull(state.diffFromProperty().get());
        assertNull(state.diffToProperty().get());
        assertFalse(viewModel.comparableProperty().get());
        assertEquals(ONE_VERSION, viewModel.placeholderProperty().get());
        assertEquals(Map.of(), changes(viewModel));
    }

    @Test
    void noRecordMeansNoRows() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        state.selectedRecordProperty().set(null);

        assertTrue(viewModel.rows().isEmpty());
        assertNull(state.diffFromProperty().get());
        assertNull(viewModel.sideAProperty().get());
        assertEquals("", viewModel.summaryProperty().get());
    }

    @Test
    void aNewVersionMovesTheDefaultPairAlong() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);

        fixture.write(7, "{\"region\":\"UK\"}");
        state.recordChanged(7, 4, 99);

        assertEquals(4, viewModel.latestProperty().get());
        assertEquals(3L, state.diffFromProperty().get());
        assertEquals(4L, state.diffToProperty().get());
        assertEquals(Map.of("address.city", Change.UNCHANGED, "email", Change.UNCHANGED, "name", Change.UNCHANGED,
                "region", Change.CHANGED, "smoker", Change.UNCHANGED), changes(viewModel));
    }

    @Test
    void aNewVersionLeavesAPairTheUserPicked() {
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());
        state.selectedRecordProperty().set(7L);
        viewModel.setPair(1L, 2L);

        fixture.write(7, "{\"region\":\"UK\"}");
        state.recordChanged(7, 4, 99);
        state.recordChanged(8, 2, 100);

        assertEquals(4, viewModel.latestProperty().get());
        assertEquals(1L, state.diffFromProperty().get());
        assertEquals(2L, state.diffToProperty().get());
    }

    @Test
    void anAnswerForAnEarlierSelectionIsDropped() {
        DeferredTasks tasks = new DeferredTasks();
        DiffViewModel viewModel = viewModel(tasks);
        state.selectedRecordProperty().set(7L);
        state.selectedRecordProperty().set(8L);

        tasks.runNewest(); // record 8's versions arrive first, then its comparison
        tasks.runNewest();
        tasks.runAll(); // record 7's late answer

        assertEquals(1, viewModel.latestProperty().get());
        assertNull(state.diffToProperty().get());
        assertEquals(ONE_VERSION, viewModel.placeholderProperty().get(), "record 8's own answer, not record 7's");
        assertEquals(Map.of(), changes(viewModel));
    }

    @Test
    void aComparisonOvertakenByANewerPairIsDropped() {
        DeferredTasks tasks = new DeferredTasks();
        DiffViewModel viewModel = viewModel(tasks);
        state.selectedRecordProperty().set(7L);
        tasks.runAll();
        viewModel.setPair(1L, 3L);
        viewModel.setPair(2L, 3L);

        tasks.runNewest();
        assertFalse(viewModel.loadingProperty().get());
        tasks.runAll();

        assertEquals(2, viewModel.sideAProperty().get().version());
        assertEquals(Change.REMOVED, changes(viewModel).get("address.zip"));
    }

    @Test
    void aBackDatedVersionSaysSoInItsHeader() {
        fixture.write(7, "{\"smoker\":false}", Instant.parse("2020-01-01T00:00:00Z"), 11, "late news");
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());

        state.selectedRecordProperty().set(7L);

        DiffViewModel.Side b = viewModel.sideBProperty().get();
        assertEquals(4, b.version());
        assertTrue(b.backdated());
        assertEquals("2020-01-01 00:00:00", b.effective());
        assertEquals("late news", b.reason());
        assertEquals("", b.validTo(), "open-ended");
        assertFalse(viewModel.sideAProperty().get().backdated());
    }

    @Test
    void aBoundedVersionShowsWhenItStopsBeingTrue() {
        fixture.records().write(new WriteCommand(7, StoreFixture.json("{\"smoker\":false}"), Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-02-01T12:00:00Z"), 11, "quit for a month", "test", null, false)).join();
        DiffViewModel viewModel = viewModel(BackgroundTasks.inline());

        state.selectedRecordProperty().set(7L);

        DiffViewModel.Side b = viewModel.sideBProperty().get();
        assertEquals(4, b.version());
        assertEquals("2020-01-01 00:00:00", b.effective());
        assertEquals("2020-02-01 12:00:00", b.validTo());
        assertEquals("", viewModel.sideAProperty().get().validTo());
    }
}
