package io.timetravel.gui.timeline;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow.Change;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timeline without a screen: positions and shown states on both axes (with a back-dated
 * correction), the fields each step changed, jumping, stale reads dropped, the workspace cursor
 * and live changes.
 */
class TimelineViewModelTest {

    private static final Instant JAN_1 = Instant.parse("2026-01-01T09:00:00Z");
    private static final Instant JAN_15 = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T09:00:00Z");
    private static final Instant MAR_1 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant APR_1 = Instant.parse("2026-04-01T09:00:00Z");
    private static final Instant MAY_1 = Instant.parse("2026-05-01T09:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    StoreFixture fixture;
    WorkspaceState state;

    /**
     * Record 1: v1 created Jan 1, v2 Feb 1 (premium), v3 Mar 1 (city, smoker), v4 recorded Apr 1
     * but back-dated to Jan 15 (smoker: true, onto the state of Jan 15 = v1), v5 May 1 (premium
     * removed, nickname added).
     */
    @BeforeEach
    void history() {
        clock = new MutableClock(JAN_1);
        fixture = StoreFixture.open(dir.resolve("timeline.db"), clock);
        fixture.write(1, "{\"name\":\"Ada\",\"premium\":100,\"address\":{\"city\":\"Paris\",\"zip\":\"75001\"}}");
        clock.set(FEB_1);
        fixture.write(1, "{\"premium\":110}");
        clock.set(MAR_1);
        fixture.write(1, "{\"address\":{\"city\":\"Lyon\"},\"smoker\":false}");
        clock.set(APR_1);
        fixture.write(1, "{\"smoker\":true}", JAN_15, 9, "medical report received");
        clock.set(MAY_1);
        fixture.write(1, "{\"premium\":null,\"nickname\":\"A\"}", null, 12, null);
        fixture.write(2, "{\"name\":\"Grace\",\"tags\":[\"a\",\"b\"]}");
        state = new WorkspaceState();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private TimelineViewModel timeline(BackgroundTasks tasks) {
        return new TimelineViewModel(fixture.records(), TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC);
    }

    private TimelineViewModel opened(TimeAxis axis) {
        state.timeAxisProperty().set(axis);
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        state.selectedRecordProperty().set(1L);
        return timeline;
    }

    private static Map<String, String> values(TimelineViewModel timeline) {
        Map<String, String> values = new LinkedHashMap<>();
        timeline.rows().stream().filter(row -> row.change() != Change.REMOVED).forEach(row -> values.put(row.path(), row.after()));
        return values;
    }

    private static Map<String, Change> changes(TimelineViewModel timeline) {
        Map<String, Change> changes = new LinkedHashMap<>();
        timeline.rows().stream().filter(row -> row.change() != Change.UNCHANGED).forEach(row -> changes.put(row.path(), row.change()));
        return changes;
    }

    @Test
    void opensAtTheLatestStateWithOnePositionPerVersion() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);

        assertEquals(5, timeline.countProperty().get());
        assertEquals(5, timeline.positionProperty().get());
        assertEquals(5L, timeline.shownVersionProperty().get());
        assertEquals(Map.of("address.city", "Lyon", "address.zip", "75001", "name", "Ada", "nickname", "A", "smoker", "false"),
                values(timeline));
        assertEquals("version 5 of 5", timeline.versionTextProperty().get());
        assertEquals("2026-05-01 09:00:00 UTC", timeline.instantTextProperty().get());
        assertEquals("2026-05-01T09:00:00.000000Z (UTC)", timeline.instantUtcProperty().get());
        assertEquals("Updated by user 12", timeline.detailsTextProperty().get());
        assertEquals("", timeline.reasonTextProperty().get());
        assertEquals("RECORDED", timeline.axisLabelProperty().get());
    }

    @Test
    void onTheTransactionAxisABackDatedCorrectionShowsWhatWasTrueWhenItWasRecorded() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        List<Long> shown = new ArrayList<>();
        for (int position = 1; position <= 5; position++) {
            timeline.select(position);
            shown.add(timeline.shownVersionProperty().get());
        }
        // v4 is effective Jan 15, behind v3 (Mar 1): as the store answered on Apr 1, v3 was still true.
        assertEquals(List.of(1L, 2L, 3L, 3L, 5L), shown);

        timeline.select(4);
        assertEquals("version 4 of 5", timeline.versionTextProperty().get());
        assertEquals("2026-04-01 09:00:00 UTC", timeline.instantTextProperty().get());
        assertEquals("v4 was recorded back-dated to 2026-01-15 00:00; showing v3, which was true then.",
                timeline.noteTextProperty().get());
        assertEquals("Updated by user 9 · effective 2026-01-15 00:00", timeline.detailsTextProperty().get());
        assertEquals("\u201cmedical report received\u201d", timeline.reasonTextProperty().get());
        assertEquals("Lyon", values(timeline).get("address.city"));
        assertEquals(Map.of(), changes(timeline));
        assertEquals("No fields changed", timeline.changedTextProperty().get());
        assertEquals(3L, state.cursorVersionProperty().get());
    }

    @Test
    void onTheValidAxisTheCorrectionTakesItsPlaceInThePast() {
        TimelineViewModel timeline = opened(TimeAxis.VALID);
        List<Long> atPosition = new ArrayList<>();
        List<Long> shown = new ArrayList<>();
        for (int position = 1; position <= 5; position++) {
            timeline.select(position);
            atPosition.add(Long.parseLong(timeline.versionTextProperty().get().replaceAll("version (\\d+) .*", "$1")));
            shown.add(timeline.shownVersionProperty().get());
        }
        assertEquals(List.of(1L, 4L, 2L, 3L, 5L), atPosition);
        assertEquals(atPosition, shown);

        timeline.select(2);
        assertEquals("EFFECTIVE", timeline.axisLabelProperty().get());
        assertEquals("version 4 · step 2 of 5", timeline.versionTextProperty().get());
        assertEquals("2026-01-15 00:00:00 UTC", timeline.instantTextProperty().get());
        assertEquals("", timeline.noteTextProperty().get());
        assertTrue(timeline.detailsTextProperty().get().contains("recorded 2026-04-01 09:00"));
        assertEquals(Map.of("smoker", Change.ADDED), changes(timeline));
        assertEquals("true", values(timeline).get("smoker"));
        assertEquals(4L, state.cursorVersionProperty().get());
    }

    @Test
    void eachStepMarksTheFieldsItAddedChangedAndRemoved() {
        TimelineViewModel timeline = opened(TimeAxis.VALID);

        timeline.select(1);
        assertEquals(Map.of("address.city", Change.ADDED, "address.zip", Change.ADDED, "name", Change.ADDED,
                "premium", Change.ADDED), changes(timeline));

        // v2 (Feb 1) follows the correction on this axis: it never had "smoker", and its premium is new.
        timeline.select(3);
        assertEquals(Map.of("premium", Change.CHANGED, "smoker", Change.REMOVED), changes(timeline));
        FieldRow premium = timeline.rows().stream().filter(row -> row.path().equals("premium")).findFirst().orElseThrow();
        assertEquals(new FieldRow("premium", "100", "110", Change.CHANGED), premium);
        FieldRow smoker = timeline.rows().stream().filter(row -> row.path().equals("smoker")).findFirst().orElseThrow();
        assertEquals(new FieldRow("smoker", "true", null, Change.REMOVED), smoker);
        FieldRow name = timeline.rows().stream().filter(row -> row.path().equals("name")).findFirst().orElseThrow();
        assertEquals(new FieldRow("name", "", "Ada", Change.UNCHANGED), name, "nothing before where nothing changed");
        assertEquals("2 fields changed", timeline.changedTextProperty().get());

        timeline.select(4);
        assertEquals(Map.of("address.city", Change.CHANGED, "smoker", Change.ADDED), changes(timeline));

        timeline.select(5);
        assertEquals(Map.of("nickname", Change.ADDED, "premium", Change.REMOVED), changes(timeline));
        assertEquals(List.of("address.city", "address.zip", "name", "nickname", "premium", "smoker"),
                timeline.rows().stream().map(FieldRow::path).toList());

        timeline.onlyChangedProperty().set(true);
        assertEquals(List.of("nickname", "premium"), timeline.rows().stream().map(FieldRow::path).toList());
    }

    @Test
    void switchingTheAxisKeepsTheVersionUnderTheCursor() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(4);
        assertEquals(3L, timeline.shownVersionProperty().get());

        state.timeAxisProperty().set(TimeAxis.VALID);

        assertEquals(2, timeline.positionProperty().get());
        assertEquals(4L, timeline.shownVersionProperty().get());
        assertEquals(4L, state.cursorVersionProperty().get());
        assertEquals("true", values(timeline).get("smoker"));
    }

    @Test
    void atTheEndSwitchingTheAxisStaysAtTheEnd() {
        clock.set(Instant.parse("2026-06-01T09:00:00Z"));
        fixture.write(1, "{\"smoker\":false}", FEB_1, 12, "late correction");
        TimelineViewModel timeline = opened(TimeAxis.VALID);
        assertEquals(6, timeline.positionProperty().get());
        assertEquals("version 5 · step 6 of 6", timeline.versionTextProperty().get());

        // v5 is at position 5 of the transaction axis, but the user was looking at the present.
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        assertEquals(6, timeline.positionProperty().get());
        assertEquals(5L, timeline.shownVersionProperty().get());
    }

    @Test
    void stepsAndEndsStayWithinTheHistory() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.first();
        assertEquals(1, timeline.positionProperty().get());
        timeline.step(-1);
        assertEquals(1, timeline.positionProperty().get());
        timeline.step(1);
        assertEquals(2, timeline.positionProperty().get());
        timeline.step(TimelineViewModel.PAGE_STEP);
        assertEquals(5, timeline.positionProperty().get());
        timeline.select(99);
        assertEquals(5, timeline.positionProperty().get());
        timeline.step(-TimelineViewModel.PAGE_STEP);
        assertEquals(1, timeline.positionProperty().get());
        timeline.last();
        assertEquals(5L, timeline.shownVersionProperty().get());
    }

    @Test
    void aJumpGoesToTheLastPositionAtOrBeforeTheInstantOnTheCurrentAxis() {
        TimelineViewModel timeline = opened(TimeAxis.VALID);
        timeline.jumpDateProperty().set(LocalDate.of(2026, 1, 20));
        assertTrue(timeline.jump());
        assertEquals(2, timeline.positionProperty().get());
        assertEquals(4L, timeline.shownVersionProperty().get());

        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        assertTrue(timeline.jump());
        assertEquals(1, timeline.positionProperty().get());

        timeline.jumpDateProperty().set(LocalDate.of(2026, 4, 1));
        timeline.jumpTimeProperty().set("08:59:59");
        assertTrue(timeline.jump());
        assertEquals(3, timeline.positionProperty().get());
        timeline.jumpTimeProperty().set("9:00");
        assertTrue(timeline.jump());
        assertEquals(4, timeline.positionProperty().get());

        // A whole instant in the time field needs no date; its offset counts.
        timeline.jumpDateProperty().set(null);
        timeline.jumpTimeProperty().set("2026-02-01T10:00:00+01:00");
        assertTrue(timeline.jump());
        assertEquals(2, timeline.positionProperty().get());
        timeline.jumpTimeProperty().set("2026-03-01 09:00");
        assertTrue(timeline.jump());
        assertEquals(3, timeline.positionProperty().get());
        assertEquals("", timeline.jumpErrorProperty().get());
    }

    @Test
    void badJumpInputIsShownAndMovesNothing() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(3);
        var valid = timeline.jumpInputValid();
        assertTrue(valid.get(), "empty fields are not an error yet");

        assertFalse(timeline.jump());
        assertEquals("Pick a date (or type an instant) to jump to.", timeline.jumpErrorProperty().get());

        timeline.jumpDateProperty().set(LocalDate.of(2026, 2, 2));
        timeline.jumpTimeProperty().set("25:99");
        assertFalse(valid.get());
        assertFalse(timeline.jump());
        assertEquals("\u201c25:99\u201d is not a time; use 14:30 or 14:30:15.", timeline.jumpErrorProperty().get());

        timeline.jumpTimeProperty().set("2026-13-45T00:00:00Z");
        assertFalse(valid.get());
        assertFalse(timeline.jump());
        assertTrue(timeline.jumpErrorProperty().get().contains("is not an instant"));

        timeline.jumpTimeProperty().set("");
        assertEquals("", timeline.jumpErrorProperty().get(), "editing clears the error");
        timeline.jumpDateProperty().set(LocalDate.of(2025, 12, 31));
        assertTrue(valid.get());
        assertFalse(timeline.jump());
        assertEquals("The history starts later, on 2026-01-01 09:00:00 UTC.", timeline.jumpErrorProperty().get());
        assertEquals(3, timeline.positionProperty().get());
    }

    @Test
    void aFutureDatedVersionAndATieInEffectAreExplained() {
        clock.set(Instant.parse("2026-06-01T09:00:00Z"));
        fixture.write(1, "{\"premium\":200}", Instant.parse("2026-12-01T00:00:00Z"), 12, "renewal");
        clock.set(Instant.parse("2026-06-02T09:00:00Z"));
        fixture.write(1, "{\"name\":\"Ada L.\"}", FEB_1, 12, "typo");

        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(6);
        assertEquals(5L, timeline.shownVersionProperty().get());
        assertEquals("v6 was recorded effective from 2026-12-01 00:00, later; showing v5, which was true then.",
                timeline.noteTextProperty().get());

        state.timeAxisProperty().set(TimeAxis.VALID);
        // v2 and v7 both took effect on Feb 1; v7 was recorded later, so at Feb 1 it is what was true.
        timeline.select(3);
        assertEquals("version 2 · step 3 of 7", timeline.versionTextProperty().get());
        assertEquals(7L, timeline.shownVersionProperty().get());
        assertEquals("v2 took effect at the same instant as v7, which was recorded later; showing v7.",
                timeline.noteTextProperty().get());
        timeline.select(7);
        assertEquals("version 6 · step 7 of 7", timeline.versionTextProperty().get());
        assertEquals("200", values(timeline).get("premium"));
    }

    @Test
    void aStaleReadIsDroppedAndOnlyTheLatestPositionIsShown() {
        DeferredTasks tasks = new DeferredTasks();
        TimelineViewModel timeline = timeline(tasks);
        List<Long> cursor = new ArrayList<>();
        state.cursorVersionProperty().addListener((observable, old, version) -> cursor.add(version));
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        state.selectedRecordProperty().set(1L);
        tasks.run(0); // the version list; now the latest state is being read
        assertEquals(5, timeline.countProperty().get());
        assertEquals(1, tasks.pending());

        // The user scrubs on while that read is out: no reads pile up.
        timeline.select(4);
        timeline.select(3);
        timeline.select(2);
        assertEquals(1, tasks.pending());

        tasks.run(0); // the read for position 5 answers late: dropped, and position 2 is read
        assertNull(timeline.shownVersionProperty().get());
        assertEquals(List.of(), cursor);
        assertEquals(1, tasks.pending());

        tasks.run(0);
        assertEquals(2L, timeline.shownVersionProperty().get());
        assertEquals(List.of(2L), cursor);
        assertEquals("110", values(timeline).get("premium"));
    }

    @Test
    void aListAnsweringForAnEarlierSelectionIsDropped() {
        DeferredTasks tasks = new DeferredTasks();
        TimelineViewModel timeline = timeline(tasks);
        state.selectedRecordProperty().set(1L);
        state.selectedRecordProperty().set(2L);
        assertEquals(2, tasks.pending());

        tasks.run(1); // record 2's list answers first
        tasks.run(0); // record 1's list answers late: dropped
        tasks.runAll();

        assertEquals(1, timeline.countProperty().get());
        assertEquals(Map.of("name", "Grace", "tags", "[\"a\", \"b\"]"), values(timeline));
        assertEquals(1L, state.cursorVersionProperty().get());
    }

    @Test
    void aLongVersionListIsReadPageByPageWithProgress() {
        DeferredTasks tasks = new DeferredTasks();
        TimelineViewModel timeline = new TimelineViewModel(fixture.records(), TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC, 2);
        state.selectedRecordProperty().set(1L);
        assertTrue(timeline.loadingListProperty().get());
        assertEquals(-1, timeline.listProgressProperty().get(), "unknown until the first page tells the total");

        tasks.run(0);
        assertEquals(0.4, timeline.listProgressProperty().get(), 1e-9);
        assertEquals("Loading versions\u2026 2 of 5", timeline.statusTextProperty().get());
        assertEquals(0, timeline.countProperty().get(), "no positions until the whole list is there");
        tasks.run(0);
        assertEquals(0.8, timeline.listProgressProperty().get(), 1e-9);
        tasks.run(0);

        assertFalse(timeline.loadingListProperty().get());
        assertEquals("", timeline.statusTextProperty().get());
        assertEquals(5, timeline.countProperty().get());
        tasks.runAll();
        assertEquals(5L, timeline.shownVersionProperty().get());
    }

    @Test
    void stepsToReadAheadPositionsNeedNoRead() {
        DeferredTasks tasks = new DeferredTasks();
        TimelineViewModel timeline = timeline(tasks);
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        state.selectedRecordProperty().set(1L);
        tasks.runAll();
        assertEquals(5L, timeline.shownVersionProperty().get());

        // Every state is cached now: stepping shows at once, with no task in between.
        for (int position = 4; position >= 1; position--) {
            timeline.select(position);
            assertEquals(0, tasks.pending());
            assertEquals(position == 4 ? 3L : position, timeline.shownVersionProperty().get());
        }
    }

    @Test
    void aChangeToTheSelectedRecordExtendsTheTimeline() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        clock.set(Instant.parse("2026-06-01T09:00:00Z"));
        fixture.write(1, "{\"premium\":130}");
        state.recordChanged(1, 6, 100);

        // At the end: follows to the new end.
        assertEquals(6, timeline.countProperty().get());
        assertEquals(6, timeline.positionProperty().get());
        assertEquals("130", values(timeline).get("premium"));
        assertEquals(6L, state.cursorVersionProperty().get());

        // Elsewhere: stays on its version, also when a back-dated change moves it on the valid axis.
        state.timeAxisProperty().set(TimeAxis.VALID);
        timeline.select(3); // v2, Feb 1
        clock.set(Instant.parse("2026-06-02T09:00:00Z"));
        fixture.write(1, "{\"occupation\":\"pilot\"}", Instant.parse("2026-01-02T00:00:00Z"), 12, null);
        state.recordChanged(1, 7, 101);
        assertEquals(7, timeline.countProperty().get());
        assertEquals(4, timeline.positionProperty().get());
        assertEquals("version 2 · step 4 of 7", timeline.versionTextProperty().get());

        // Changes to other records leave it alone.
        fixture.write(2, "{\"name\":\"Grace H.\"}");
        state.recordChanged(2, 2, 102);
        assertEquals(7, timeline.countProperty().get());
    }

    @Test
    void noSelectionClearsEverything() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        state.selectedRecordProperty().set(null);
        assertEquals(0, timeline.countProperty().get());
        assertTrue(timeline.rows().isEmpty());
        assertNull(state.cursorVersionProperty().get());
        assertEquals("", timeline.instantTextProperty().get());
    }

    @Test
    void theShownVersionCanBeMarkedForTheDiff() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(2);
        timeline.markDiffFrom();
        timeline.select(4);
        timeline.markDiffTo();
        assertEquals(2L, state.diffFromProperty().get());
        assertEquals(3L, state.diffToProperty().get());
    }
}
