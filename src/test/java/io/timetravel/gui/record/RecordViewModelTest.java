package io.timetravel.gui.record;

import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record header without a screen. */
class RecordViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theHeaderShowsTheStateTrueNowWithABackDatedCorrectionCarriedForward() {
        MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("h.db"), clock)) {
            fixture.write(4, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\"}");
            clock.advance(Duration.ofDays(10));
            fixture.write(4, "{\"premium\":100}");
            clock.advance(Duration.ofDays(10));
            fixture.write(4, "{\"smoker\":true}", Instant.parse("2026-03-05T00:00:00Z"), 7, "late report");
            WorkspaceState state = new WorkspaceState();
            state.callerProperty().set(Caller.trustedDeclared(42));
            RecordViewModel header = new RecordViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), state, BackgroundTasks.inline(), ZoneOffset.UTC));

            state.selectedRecordProperty().set(4L);

            assertEquals("Ada Lovelace", header.titleProperty().get());
            // v3 is effective Mar 5, before v2 (Mar 11): the state now holds both, and v3 is the highest version in it.
            assertEquals(3, header.latestProperty().get().version());
            assertEquals(StoreFixture.json("{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"premium\":100,\"smoker\":true}"),
                    header.latestProperty().get().data());
            assertTrue(header.subtitleProperty().get().startsWith("#4 · EU · 3 versions · since 2026-03-01 · last change 2026-03-21 10:00"),
                    header.subtitleProperty().get());
            assertTrue(header.canChange().get());
        }
    }

    @Test
    void aRecordWithNothingInEffectNowStillOpensWithItsHistory() {
        MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("n.db"), clock)) {
            fixture.records().write(new WriteCommand(5, StoreFixture.json("{\"name\":\"Grace Hopper\",\"region\":\"US\"}"),
                    null, Instant.parse("2026-03-10T00:00:00Z"), 7, "a short cover", "test", null, false)).join();
            clock.advance(Duration.ofDays(20));
            WorkspaceState state = new WorkspaceState();
            state.callerProperty().set(Caller.trustedDeclared(42));
            RecordViewModel header = new RecordViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), state, BackgroundTasks.inline(), ZoneOffset.UTC));

            state.selectedRecordProperty().set(5L);

            assertTrue(header.hasRecord().get(), "the tabs show its timeline and history");
            assertEquals(1, header.latestProperty().get().version());
            assertEquals(StoreFixture.json("{}"), header.latestProperty().get().data());
            assertEquals("Record 5", header.titleProperty().get());
            assertEquals("#5 · — · 1 version · since 2026-03-01 · last change 2026-03-01 10:00:00 · nothing in effect now",
                    header.subtitleProperty().get());
        }
    }

    @Test
    void withoutAUserNothingCanBeChanged() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("u.db"))) {
            fixture.write(1, "{\"a\":1}");
            WorkspaceState state = new WorkspaceState();
            RecordViewModel header = new RecordViewModel(new RecordViewContext(fixture.records(),
                    TestWorkbench.access(fixture), state, BackgroundTasks.inline(), ZoneOffset.UTC));

            state.selectedRecordProperty().set(1L);

            assertTrue(header.hasRecord().get());
            assertFalse(header.canChange().get());
        }
    }

    private static RecordViewModel header(StoreFixture fixture, WorkspaceState state) {
        return new RecordViewModel(new RecordViewContext(fixture.records(),
                TestWorkbench.access(fixture), state, BackgroundTasks.inline(), ZoneOffset.UTC));
    }

    @Test
    void restoreOffersTheHistorysSelectionWhenThereIsOneElseTheTimelinesPosition() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("s.db"))) {
            fixture.write(1, "{\"a\":1}");
            WorkspaceState state = new WorkspaceState();
            RecordViewModel header = header(fixture, state);
            state.cursorVersionProperty().set(275L);

            assertEquals(new RestoreSuggestion(274L, true), header.restoreSuggestion(274L), "v274 selected, v274 offered");
            assertEquals(new RestoreSuggestion(275L, false), header.restoreSuggestion(null));
        }
    }

    @Test
    void f5ReadsTheRecordAgainWhileTheRecordsViewShows() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("f5.db"))) {
            fixture.write(1, "{\"name\":\"Ada\"}");
            WorkspaceState state = new WorkspaceState();
            state.callerProperty().set(Caller.trustedDeclared(42));
            RecordViewModel header = header(fixture, state);
            state.selectedRecordProperty().set(1L);
            fixture.write(1, "{\"name\":\"Ada Lovelace\"}"); // no live update in this test: only F5 brings it

            state.visibleViewProperty().set(DeskView.AUDIT);
            state.command(WorkbenchCommand.REFRESH);
            assertEquals("Ada", header.titleProperty().get(), "F5 belongs to the view that shows");

            state.visibleViewProperty().set(DeskView.RECORDS);
            state.command(WorkbenchCommand.REFRESH);
            assertEquals("Ada Lovelace", header.titleProperty().get());
            assertFalse(header.loadingProperty().get());
        }
    }

    @Test
    void aRecordThatCannotBeReadSaysSoInThePane() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("f.db"))) {
            WorkspaceState state = new WorkspaceState();
            state.callerProperty().set(Caller.trustedDeclared(42));
            RecordViewModel header = header(fixture, state);

            state.selectedRecordProperty().set(404L);

            assertFalse(header.loadingProperty().get());
            assertFalse(header.hasRecord().get());
            assertTrue(header.problemProperty().get().startsWith("Could not open record 404: "), header.problemProperty().get());
        }
    }

    @Test
    void aOneVersionRecordSaysOneVersion() {
        try (StoreFixture fixture = StoreFixture.open(dir.resolve("one.db"))) {
            fixture.write(1, "{\"name\":\"Ada\"}");
            WorkspaceState state = new WorkspaceState();
            RecordViewModel header = header(fixture, state);
            state.selectedRecordProperty().set(1L);
            assertTrue(header.subtitleProperty().get().contains(" · 1 version · "), header.subtitleProperty().get());
            assertFalse(header.subtitleProperty().get().contains("1 versions"));
        }
    }
}
