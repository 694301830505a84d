package io.timetravel.gui.timeline;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow.Change;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.service.WriteCommand;
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
 * The timeline without a screen: positions and shown states on both axes (with back-dated,
 * future-dated and bounded versions, under the rule of decision 0019), the fields each step
 * changed, jumping, stale reads dropped, the workspace cursor and live changes.
 */
class TimelineViewModelTest {

    static final Instant JAN_1 = Instant.parse("2026-01-01T09:00:00Z");
    static final Instant JAN_15 = Instant.parse("2026-01-15T00:00:00Z");
    static final Instant FEB_1 = Instant.parse("2026-02-01T09:00:00Z");
    static final Instant MAR_1 = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant APR_1 = Instant.parse("2026-04-01T09:00:00Z");
    private static final Instant MAY_1 = Instant.parse("2026-05-01T09:00:00Z");
    private static final Instant JUN_1 = Instant.parse("2026-06-01T09:00:00Z");
    private static final Instant JUL_1 = Instant.parse("2026-07-01T09:00:00Z");
    private static final Instant JUL_10 = Instant.parse("2026-07-10T09:00:00Z");
    private static final Instant JUL_20 = Instant.parse("2026-07-20T09:00:00Z");
    private static final Instant AUG_1 = Instant.parse("2026-08-01T09:00:00Z");
    private static final Instant SEP_1 = Instant.parse("2026-09-01T09:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    StoreFixture fixture;
    WorkspaceState state;

    /**
     * Record 1: v1 created Jan 1, v2 Feb 1 (premium), v3 Mar 1 (city, smoker: false), v4 recorded
     * Apr 1 but back-dated to Jan 15 (smoker: true, true from Jan 15 until v3 sets it again on
     * Mar 1), v5 May 1 (premium removed, nickname added).
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
        return new TimelineViewModel(new RecordViewContext(fixture.records(), TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC));
    }

    private TimelineViewModel opened(TimeAxis axis) {
        state.timeAxisProperty().set(axis);
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        state.selectedRecordProperty().set(1L);
        return timeline;
    }

    private static Map<String, String> values(TimelineViewModel timeline) {
        Map<String, String> values = new LinkedHashMap<>();
        timeline.table().rows().stream().filter(row -> row.change() != Change.REMOVED).forEach(row -> values.put(row.path(), row.after()));
        return values;
    }

    private static Map<String, Change> changes(TimelineViewModel timeline) {
        Map<String, Change> changes = new LinkedHashMap<>();
        timeline.table().rows().stream().filter(row -> row.change() != Change.UNCHANGED).forEach(row -> changes.put(row.path(), row.change()));
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
        assertEquals("version 5 of 5", timeline.caption().versionTextProperty().get());
        assertEquals("2026-05-01 09:00:00 UTC", timeline.caption().instantTextProperty().get());
        assertEquals("2026-05-01T09:00:00.000000Z (UTC)", timeline.caption().instantUtcProperty().get());
        assertEquals("Updated by user 12", timeline.caption().detailsTextProperty().get());
        assertEquals("", timeline.caption().reasonTextProperty().get());
        assertEquals("RECORDED", timeline.caption().axisLabelProperty().get());
    }

    @Test
    void onTheTransactionAxisEachVersionShowsWhatTheStoreAnsweredRightAfterRecordingIt() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        List<Long> shown = new ArrayList<>();
        for (int position = 1; position <= 5; position++) {
            timeline.select(position);
            shown.add(timeline.shownVersionProperty().get());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), shown);

        // v4 is effective Jan 15, but v3 (effective Mar 1) sets smoker again: on Apr 1 it is still false.
        timeline.select(4);
        assertEquals("version 4 of 5", timeline.caption().versionTextProperty().get());
        assertEquals("2026-04-01 09:00:00 UTC", timeline.caption().instantTextProperty().get());
        assertEquals("v4 takes effect from 2026-01-15 00:00 (back-dated); versions effective later set its fields again.",
                timeline.caption().noteTextProperty().get());
        assertFalse(timeline.caption().noteWarningProperty().get());
        assertEquals("Updated by user 9 · effective 2026-01-15 00:00", timeline.caption().detailsTextProperty().get());
        assertEquals("\u201cmedical report received\u201d", timeline.caption().reasonTextProperty().get());
        assertEquals("Lyon", values(timeline).get("address.city"));
        assertEquals("false", values(timeline).get("smoker"));
        assertEquals(Map.of(), changes(timeline));
        assertEquals("No fields changed", timeline.table().changedTextProperty().get());
        assertEquals(4L, state.cursorVersionProperty().get());
    }

    @Test
    void onTheTransactionAxisABackDatedCorrectionIsCarriedForwardToTheNewestPosition() {
        clock.set(Instant.parse("2026-06-01T09:00:00Z"));
        fixture.write(1, "{\"name\":\"Ada Lovelace\"}", Instant.parse("2026-01-20T00:00:00Z"), 9, "full name");
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);

        assertEquals(6, timeline.positionProperty().get());
        assertEquals(6L, timeline.shownVersionProperty().get());
        assertEquals(Map.of("name", Change.CHANGED), changes(timeline));
        assertEquals(new FieldRow("name", "Ada", "Ada Lovelace", Change.CHANGED),
                timeline.table().rows().stream().filter(row -> row.path().equals("name")).findFirst().orElseThrow());
        assertEquals(Map.of("address.city", "Lyon", "address.zip", "75001", "name", "Ada Lovelace", "nickname", "A",
                "smoker", "false"), values(timeline), "the rest as v5 left it");
        assertEquals("v6 takes effect from 2026-01-20 00:00 (back-dated).", timeline.caption().noteTextProperty().get());
        assertFalse(timeline.caption().noteWarningProperty().get());

        // Before it was recorded the store did not know it.
        timeline.select(5);
        assertEquals("Ada", values(timeline).get("name"));

        // On the valid axis it holds from Jan 20 on: every later position has it.
        state.timeAxisProperty().set(TimeAxis.VALID);
        List<String> names = new ArrayList<>();
        for (int position = 1; position <= 6; position++) {
            timeline.select(position);
            names.add(values(timeline).get("name"));
        }
        assertEquals(List.of("Ada", "Ada", "Ada Lovelace", "Ada Lovelace", "Ada Lovelace", "Ada Lovelace"), names);
    }

    @Test
    void onTheValidAxisTheCorrectionTakesItsPlaceInThePast() {
        TimelineViewModel timeline = opened(TimeAxis.VALID);
        List<Long> atPosition = new ArrayList<>();
        List<Long> shown = new ArrayList<>();
        for (int position = 1; position <= 5; position++) {
            timeline.select(position);
            atPosition.add(Long.parseLong(timeline.caption().versionTextProperty().get().replaceAll("version (\\d+) .*", "$1")));
            shown.add(timeline.shownVersionProperty().get());
        }
        assertEquals(List.of(1L, 4L, 2L, 3L, 5L), atPosition);
        assertEquals(atPosition, shown);

        timeline.select(2);
        assertEquals("EFFECTIVE", timeline.caption().axisLabelProperty().get());
        assertEquals("version 4 · step 2 of 5", timeline.caption().versionTextProperty().get());
        assertEquals("2026-01-15 00:00:00 UTC", timeline.caption().instantTextProperty().get());
        assertEquals("", timeline.caption().noteTextProperty().get());
        assertEquals("Updated by user 9 · recorded 2026-04-01 09:00", timeline.caption().detailsTextProperty().get());
        assertEquals(Map.of("smoker", Change.ADDED), changes(timeline));
        assertEquals(Map.of("address.city", "Paris", "address.zip", "75001", "name", "Ada", "premium", "100", "smoker", "true"),
                values(timeline), "v1 and the correction: nothing effective later");
        assertEquals(4L, state.cursorVersionProperty().get());

        // The correction carries forward to Feb 1 (v2 sets only the premium), until v3 sets smoker on Mar 1.
        timeline.select(3);
        assertEquals("true", values(timeline).get("smoker"));
        assertEquals("110", values(timeline).get("premium"));
        timeline.select(4);
        assertEquals("false", values(timeline).get("smoker"));
    }

    /**
     * The valid axis shows folds, not versions' recorded states: address A from Jun 1, B from
     * Aug 1, then C recorded later but effective Jul 1, and D true only from Jul 10 to Jul 20.
     */
    @Test
    void onTheValidAxisEachPositionShowsTheFoldAtItsEffectiveInstant() {
        clock.set(JUN_1);
        fixture.write(3, "{\"name\":\"Lin\",\"address\":\"A\"}");
        clock.set(AUG_1);
        fixture.write(3, "{\"address\":\"B\"}");
        clock.set(SEP_1);
        fixture.write(3, "{\"address\":\"C\"}", JUL_1, 12, "moved earlier than we knew");
        clock.set(Instant.parse("2026-09-15T09:00:00Z"));
        fixture.records().write(new WriteCommand(3, StoreFixture.json("{\"address\":\"D\"}"), JUL_10, JUL_20, 12,
                "temporary address", "test", null, false)).join();
        state.timeAxisProperty().set(TimeAxis.VALID);
        TimelineViewModel timeline = timeline(BackgroundTasks.inline());
        state.selectedRecordProperty().set(3L);

        List<String> versions = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int position = 1; position <= 4; position++) {
            timeline.select(position);
            versions.add(timeline.caption().versionTextProperty().get());
            addresses.add(values(timeline).get("address"));
        }
        assertEquals(List.of("version 1 · step 1 of 4", "version 3 · step 2 of 4", "version 4 · step 3 of 4",
                "version 2 · step 4 of 4"), versions);
        assertEquals(List.of("A", "C", "D", "B"), addresses);

        timeline.select(3);
        assertEquals(new FieldRow("address", "C", "D", Change.CHANGED),
                timeline.table().rows().stream().filter(row -> row.path().equals("address")).findFirst().orElseThrow());
        assertEquals("Updated by user 12 · valid 2026-07-10 09:00 \u2192 2026-07-20 09:00 · recorded 2026-09-15 09:00",
                timeline.caption().detailsTextProperty().get());
        assertEquals("v4 holds only until 2026-07-20 09:00; then the fields it set fall back.", timeline.caption().noteTextProperty().get());
        // Its mark reaches from its position (Jul 10) to Jul 20, 10 of the 22 days to the next position (Aug 1).
        List<TimelinePositions.PeriodMark> marks = timeline.periodMarksProperty().get();
        assertEquals(1, marks.size());
        assertEquals(3, marks.get(0).position());
        assertEquals(3 + 10 / 22.0, marks.get(0).end(), 1e-9);
        // The next step (B, Aug 1) changes the address back from D, and says why.
        timeline.select(4);
        assertEquals(new FieldRow("address", "D", "B", Change.CHANGED),
                timeline.table().rows().stream().filter(row -> row.path().equals("address")).findFirst().orElseThrow());
        assertEquals("v4 ended on 2026-07-20 09:00, before this step; the fields it set fell back.", timeline.caption().noteTextProperty().get());

        // As recorded on Sep 15, D had ended: the state then lacks it, and the note warns.
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        timeline.select(4);
        assertEquals("B", values(timeline).get("address"));
        assertEquals(Map.of(), changes(timeline));
        assertEquals("v4 had already ended when it was recorded: this state lacks it (see valid time).",
                timeline.caption().noteTextProperty().get());
        assertTrue(timeline.caption().noteWarningProperty().get());
        assertEquals("Updated by user 12 · valid 2026-07-10 09:00 \u2192 2026-07-20 09:00", timeline.caption().detailsTextProperty().get());
        assertEquals(List.of(new TimelinePositions.PeriodMark(4, 4)), timeline.periodMarksProperty().get());
        // C (effective Jul 1) was recorded after B (effective Aug 1): on Sep 1, B was still true.
        timeline.select(3);
        assertEquals("B", values(timeline).get("address"));
        assertEquals("v3 takes effect from 2026-07-01 09:00 (back-dated); versions effective later set its fields again.",
                timeline.caption().noteTextProperty().get());
    }

    @Test
    void eachStepMarksTheFieldsItAddedChangedAndRemoved() {
        TimelineViewModel timeline = opened(TimeAxis.VALID);

        timeline.select(1);
        assertEquals(Map.of("address.city", Change.ADDED, "address.zip", Change.ADDED, "name", Change.ADDED,
                "premium", Change.ADDED), changes(timeline));

        // v2 (Feb 1) follows the correction on this axis: only its premium is new; smoker carries forward.
        timeline.select(3);
        assertEquals(Map.of("premium", Change.CHANGED), changes(timeline));
        FieldRow premium = timeline.table().rows().stream().filter(row -> row.path().equals("premium")).findFirst().orElseThrow();
        assertEquals(new FieldRow("premium", "100", "110", Change.CHANGED), premium);
        FieldRow smoker = timeline.table().rows().stream().filter(row -> row.path().equals("smoker")).findFirst().orElseThrow();
        assertEquals(new FieldRow("smoker", "", "true", Change.UNCHANGED), smoker);
        FieldRow name = timeline.table().rows().stream().filter(row -> row.path().equals("name")).findFirst().orElseThrow();
        assertEquals(new FieldRow("name", "", "Ada", Change.UNCHANGED), name, "nothing before where nothing changed");
        assertEquals("1 field changed", timeline.table().changedTextProperty().get());

        timeline.select(4);
        assertEquals(Map.of("address.city", Change.CHANGED, "smoker", Change.CHANGED), changes(timeline));

        timeline.select(5);
        assertEquals(Map.of("nickname", Change.ADDED, "premium", Change.REMOVED), changes(timeline));
        assertEquals(List.of("address.city", "address.zip", "name", "nickname", "premium", "smoker"),
                timeline.table().rows().stream().map(FieldRow::path).toList());

        timeline.table().onlyChangedProperty().set(true);
        assertEquals(List.of("nickname", "premium"), timeline.table().rows().stream().map(FieldRow::path).toList());
    }

    @Test
    void switchingTheAxisKeepsTheVersionUnderTheCursor() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(4);
        assertEquals(4L, timeline.shownVersionProperty().get());
        assertEquals("false", values(timeline).get("smoker"));

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
        assertEquals("version 5 · step 6 of 6", timeline.caption().versionTextProperty().get());

        // v5 is at position 5 of the transaction axis, but the user was looking at the present.
        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        assertEquals(6, timeline.positionProperty().get());
        assertEquals(6L, timeline.shownVersionProperty().get());
        assertEquals("false", values(timeline).get("smoker"));
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
        timeline.jumpFields().dateProperty().set(LocalDate.of(2026, 1, 20));
        assertTrue(timeline.jump());
        assertEquals(2, timeline.positionProperty().get());
        assertEquals(4L, timeline.shownVersionProperty().get());

        state.timeAxisProperty().set(TimeAxis.TRANSACTION);
        assertTrue(timeline.jump());
        assertEquals(1, timeline.positionProperty().get());

        timeline.jumpFields().dateProperty().set(LocalDate.of(2026, 4, 1));
        timeline.jumpFields().timeProperty().set("08:59:59");
        assertTrue(timeline.jump());
        assertEquals(3, timeline.positionProperty().get());
        timeline.jumpFields().timeProperty().set("9:00");
        assertTrue(timeline.jump());
        assertEquals(4, timeline.positionProperty().get());

        // A whole instant in the time field needs no date; its offset counts.
        timeline.jumpFields().dateProperty().set(null);
        timeline.jumpFields().timeProperty().set("2026-02-01T10:00:00+01:00");
        assertTrue(timeline.jump());
        assertEquals(2, timeline.positionProperty().get());
        timeline.jumpFields().timeProperty().set("2026-03-01 09:00");
        assertTrue(timeline.jump());
        assertEquals(3, timeline.positionProperty().get());
        assertEquals("", timeline.jumpFields().errorProperty().get());
    }

    @Test
    void badJumpInputIsShownAndMovesNothing() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(3);
        var valid = timeline.jumpFields().inputValid();
        assertTrue(valid.get(), "empty fields are not an error yet");

        assertFalse(timeline.jump());
        assertEquals("Pick a date (or type an instant) to jump to.", timeline.jumpFields().errorProperty().get());

        timeline.jumpFields().dateProperty().set(LocalDate.of(2026, 2, 2));
        timeline.jumpFields().timeProperty().set("25:99");
        assertFalse(valid.get());
        assertFalse(timeline.jump());
        assertEquals("\u201c25:99\u201d is not a time; use 14:30 or 14:30:15.", timeline.jumpFields().errorProperty().get());

        timeline.jumpFields().timeProperty().set("2026-13-45T00:00:00Z");
        assertFalse(valid.get());
        assertFalse(timeline.jump());
        assertTrue(timeline.jumpFields().errorProperty().get().contains("is not an instant"));

        timeline.jumpFields().timeProperty().set("");
        assertEquals("", timeline.jumpFields().errorProperty().get(), "editing clears the error");
        timeline.jumpFields().dateProperty().set(LocalDate.of(2025, 12, 31));
        assertTrue(valid.get());
        assertFalse(timeline.jump());
        assertEquals("The history starts later, on 2026-01-01 09:00:00 UTC.", timeline.jumpFields().errorProperty().get());
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
        assertEquals(6L, timeline.shownVersionProperty().get());
        assertEquals("v6 takes effect from 2026-12-01 00:00; not yet true when it was recorded.",
                timeline.caption().noteTextProperty().get());
        assertTrue(timeline.caption().noteWarningProperty().get());
        assertNull(values(timeline).get("premium"), "as v5 left it: removed");
        assertEquals(Map.of(), changes(timeline));

        state.timeAxisProperty().set(TimeAxis.VALID);
        // v2 and v7 both took effect on Feb 1: the state there holds both, v7's name over v1's.
        timeline.select(3);
        assertEquals("version 2 · step 3 of 7", timeline.caption().versionTextProperty().get());
        assertEquals(2L, timeline.shownVersionProperty().get());
        assertEquals("v7 also takes effect at this instant; the state shown includes it.", timeline.caption().noteTextProperty().get());
        assertFalse(timeline.caption().noteWarningProperty().get());
        assertEquals("Ada L.", values(timeline).get("name"));
        assertEquals("110", values(timeline).get("premium"));
        timeline.select(4);
        assertEquals("version 7 · step 4 of 7", timeline.caption().versionTextProperty().get());
        assertEquals("v2 also takes effect at this instant; the state shown includes it.", timeline.caption().noteTextProperty().get());
        assertEquals(Map.of(), changes(timeline), "the same instant, the same state");
        timeline.select(7);
        assertEquals("version 6 · step 7 of 7", timeline.caption().versionTextProperty().get());
        assertEquals("200", values(timeline).get("premium"));
        assertEquals("", timeline.caption().noteTextProperty().get());
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
        TimelineViewModel timeline = new TimelineViewModel(new RecordViewContext(fixture.records(), TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC), 2);
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
            assertEquals(position, timeline.shownVersionProperty().get());
        }
        assertEquals("100", values(timeline).get("premium"));
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
        assertEquals("version 2 · step 4 of 7", timeline.caption().versionTextProperty().get());
        assertEquals("pilot", values(timeline).get("occupation"), "Feb 1 as known now: with the correction from Jan 2");

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
        assertTrue(timeline.table().rows().isEmpty());
        assertNull(state.cursorVersionProperty().get());
        assertEquals("", timeline.caption().instantTextProperty().get());
    }

    @Test
    void theShownVersionCanBeMarkedForTheDiff() {
        TimelineViewModel timeline = opened(TimeAxis.TRANSACTION);
        timeline.select(2);
        timeline.markDiffFrom();
        timeline.select(4);
        timeline.markDiffTo();
        assertEquals(2L, state.diffFromProperty().get());
        assertEquals(4L, state.diffToProperty().get());
    }
}
