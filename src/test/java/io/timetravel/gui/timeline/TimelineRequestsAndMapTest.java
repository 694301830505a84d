package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.timeline.BitemporalMapModel.Point;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.timetravel.gui.timeline.TimelineViewModelTest.APR_1;
import static io.timetravel.gui.timeline.TimelineViewModelTest.FEB_1;
import static io.timetravel.gui.timeline.TimelineViewModelTest.JAN_1;
import static io.timetravel.gui.timeline.TimelineViewModelTest.JAN_15;
import static io.timetravel.gui.timeline.TimelineViewModelTest.MAR_1;

/**
 * The timeline obeying "Open in timeline", one-version records, the progress shown while a
 * record loads, and the bitemporal map's view model (hover, click, compare, keyboard) without a
 * screen.
 */
class TimelineRequestsAndMapTest {

    @TempDir
    Path dir;
    StoreFixture fixture;
    WorkspaceState state;

    /** Record 1: v1 Jan 1, v2 Feb 1, v3 Mar 1, v4 recorded Apr 1 back-dated to Jan 15. Record 2: one version. */
    @BeforeEach
    void history() {
        MutableClock clock = new MutableClock(JAN_1);
        fixture = StoreFixture.open(dir.resolve("requests.db"), clock);
        fixture.write(1, "{\"name\":\"Ada\",\"premium\":100}");
        fixture.write(2, "{\"name\":\"Grace\"}");
        clock.set(FEB_1);
        fixture.write(1, "{\"premium\":110}");
        clock.set(MAR_1);
        fixture.write(1, "{\"smoker\":false}");
        clock.set(APR_1);
        fixture.write(1, "{\"smoker\":true}", JAN_15, 9, "medical report received");
        state = new WorkspaceState();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private TimelineViewModel timeline(BackgroundTasks tasks) {
        return new TimelineViewModel(new RecordViewContext(fixture.records(), TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC));
    }

    @Test
    void openInTimelineMovesToTheRequestedVersionOnceTheRecordIsLoadedAndClearsTheRequest() {
        UiLaterTasks tasks = new UiLaterTasks();
        state.timeAxisProperty().set(TimeAxis.VALID);
        TimelineViewModel timeline = timeline(tasks);
        state.selectedRecordProperty().set(2L);
        tasks.flush();
        assertEquals(1L, timeline.shownVersionProperty().get());

        state.openRecord(1, 2L); // asks first, then selects the record: the request waits for record 1
        tasks.flush();

        assertEquals(TimeAxis.TRANSACTION, state.timeAxisProperty().get(), "a version is shown where it was recorded");
        assertEquals(2, timeline.positionProperty().get());
        assertEquals(2L, timeline.shownVersionProperty().get());
        assertNull(state.requestedVersionProperty().get(), "obeyed, so cleared");
    }

    @Test
    void aRequestForTheRecordAlreadyShownMovesAtOnce() {
        UiLaterTasks tasks = new UiLaterTasks();
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        TimelineViewModel timeline = timeline(tasks);
        state.selectedRecordProperty().set(1L);
        tasks.flush();
        assertEquals(4L, timeline.shownVersionProperty().get());

        state.openRecord(1, 3L);
        tasks.flush();

        assertEquals(3L, timeline.shownVersionProperty().get());
        assertNull(state.requestedVersionProperty().get());
    }

    @Test
    void aOneVersionRecordHasOnePositionShownWholeAndSaysVersionOneOfOne() {
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        state.selectedRecordProperty().set(2L);
        assertEquals(1, timeline.countProperty().get());
        assertEquals(1, timeline.positionProperty().get());
        assertEquals(1L, timeline.shownVersionProperty().get());
        assertEquals("version 1 of 1", timeline.caption().versionTextProperty().get());
        assertFalse(timeline.busyProperty().get());
        timeline.step(1);
        timeline.step(-1);
        assertEquals(1, timeline.positionProperty().get(), "nowhere else to go");
    }

    @Test
    void theProgressIndicatorShowsFromOpeningARecordUntilItsFirstStateIsOnScreen() {
        DeferredTasks tasks = new DeferredTasks();
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        TimelineViewModel timeline = timeline(tasks);
        assertFalse(timeline.busyProperty().get(), "nothing selected, nothing to wait for");
        state.selectedRecordProperty().set(1L);
        assertTrue(timeline.busyProperty().get(), "the version list is being read");
        assertTrue(timeline.loadingListProperty().get());

        tasks.run(0); // the list: now the latest state is read
        assertFalse(timeline.loadingListProperty().get());
        assertTrue(timeline.busyProperty().get(), "the table is still empty: still loading");
        assertNull(timeline.shownVersionProperty().get());

        tasks.run(0); // the state
        assertEquals(4L, timeline.shownVersionProperty().get());
        assertFalse(timeline.busyProperty().get());
        tasks.runAll();
        assertFalse(timeline.busyProperty().get());
    }

    @Test
    void theMapIsComputedInTheBackgroundOnlyWhileShown() {
        DeferredTasks tasks = new DeferredTasks();
        TimelineViewModel timeline = timeline(tasks);
        state.selectedRecordProperty().set(1L);
        tasks.runAll();
        BitemporalMapModel map = timeline.map();
        assertTrue(map.planeProperty().get().isEmpty(), "not shown: not computed");

        map.activeProperty().set(true);
        assertTrue(map.computingProperty().get());
        assertEquals("Drawing the map of 4 versions\u2026", map.statusTextProperty().get());
        tasks.runAll();
        assertFalse(map.computingProperty().get());
        assertEquals(4, map.planeProperty().get().versions().size());

        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        tasks.runAll();
        assertEquals(0, tasks.pending());
        assertFalse(map.computingProperty().get(), "the other axis, the same versions: nothing to compute");
    }

    @Test
    void hoveringNamesTheVersionAndClickingOpensItOrWithShiftSetsAThenB() {
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        BitemporalMapModel map = timeline.map();
        map.activeProperty().set(true);
        state.selectedRecordProperty().set(1L);
        assertEquals(4, timeline.positionProperty().get());

        // Valid Feb 10 as known Feb 15: v2 (premium 110) answers, v4 is not known yet.
        Point beforeCorrection = point("2026-02-10T00:00:00Z", "2026-02-15T00:00:00Z");
        map.hover(beforeCorrection);
        assertEquals(2L, map.hoveredProperty().get().version().version());
        String tip = map.describe(map.hoveredProperty().get().version());
        assertTrue(tip.startsWith("v2 \u00b7 Update by user 7"), tip);
        assertTrue(tip.contains("recorded 2026-02-01 09:00"), tip);

        assertTrue(map.click(beforeCorrection, false));
        assertEquals(2, timeline.positionProperty().get(), "the click opened v2 in the timeline");
        assertEquals(2L, timeline.shownVersionProperty().get());

        // Same valid instant, known after Apr 1: the back-dated v4, the highest version of the fold there.
        Point afterCorrection = point("2026-02-10T00:00:00Z", "2026-04-15T00:00:00Z");
        map.click(beforeCorrection, true);
        map.click(afterCorrection, true);
        assertEquals(2L, state.diffFromProperty().get());
        assertEquals(4L, state.diffToProperty().get());

        map.hover(point("2025-12-01T00:00:00Z", "2026-04-15T00:00:00Z"));
        assertNull(map.hoveredProperty().get(), "before the record began no version answers");
        assertFalse(map.click(point("2025-12-01T00:00:00Z", "2026-04-15T00:00:00Z"), false));
        assertEquals(2, timeline.positionProperty().get(), "a click on nothing moves nothing");
    }

    @Test
    void compareModeSetsAThenBWithPlainClicks() {
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        BitemporalMapModel map = timeline.map();
        map.activeProperty().set(true);
        state.selectedRecordProperty().set(1L);
        map.compareProperty().set(true);
        map.click(point("2026-03-10T00:00:00Z", "2026-03-10T00:00:00Z"), false);
        assertTrue(map.nextIsBProperty().get());
        map.click(point("2026-01-20T00:00:00Z", "2026-05-01T00:00:00Z"), false);
        assertFalse(map.nextIsBProperty().get(), "then A again");
        assertEquals(3L, state.diffFromProperty().get());
        assertEquals(4L, state.diffToProperty().get());
    }

    @Test
    void theKeyboardMovesBetweenVersionsOpensWithEnterAndSetsAAndB() {
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        BitemporalMapModel map = timeline.map();
        map.activeProperty().set(true);
        state.selectedRecordProperty().set(1L);

        map.focusGained(); // starts at the timeline's position: v4 as recorded (Apr 1, Apr 1)
        assertEquals(4L, map.focusedProperty().get().version().version());
        map.move(false, -1); // up, along known time: as known on Mar 1, v3 answered for Apr 1
        assertEquals(3L, map.focusedProperty().get().version().version());
        assertTrue(map.focusTextProperty().get().startsWith("v3 is the answer for 2026-04-01 09:00, as known on 2026-03-01 09:00"),
                map.focusTextProperty().get());
        map.setFocusedAsA();
        map.move(true, -1); // left, along valid time: v2 from Feb 1
        assertEquals(2L, map.focusedProperty().get().version().version());
        map.setFocusedAsB();
        map.openFocused();
        map.move(true, -1); // further left: before Feb 1 only v1 was known then
        assertEquals(1L, map.focusedProperty().get().version().version());
        assertNotNull(map.focusProperty().get());

        assertEquals(3L, state.diffFromProperty().get());
        assertEquals(2L, state.diffToProperty().get());
        assertEquals(2, timeline.positionProperty().get());
        assertEquals(2L, timeline.shownVersionProperty().get());
    }

    private static Point point(String valid, String known) {
        return new Point(BitemporalRegions.micros(Instant.parse(valid)), BitemporalRegions.micros(Instant.parse(known)));
    }

    /** Work at once, UI updates later (as on the FX thread: after the caller's own change is done). */
    private static final class UiLaterTasks implements BackgroundTasks {

        private final List<Runnable> later = new ArrayList<>();

        @Override
        public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            BackgroundTasks.inline().run(work, onSuccess, onFailure);
        }

        @Override
        public void ui(Runnable update) {
            later.add(update);
        }

        void flush() {
            while (!later.isEmpty()) {
                later.remove(0).run();
            }
        }
    }
}
