package io.timetravel.gui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.HistoryService;
import io.timetravel.service.WriteCommand;
import io.timetravel.service.WriteOutcome;
import io.timetravel.storage.SqlEventLog;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Measures scrubbing a record with 10,000 versions in the real window (headless): the time from
 * a slider move to the field table laid out with the new state, per step, and the time to load
 * the version list. The target is one frame (16 ms) per step (decision 0015). The figures are printed, not
 * asserted: timings on a shared machine would make a flaky test. What is asserted is that every
 * step shows the right version. Not part of the test suite (tag {@code benchmark}, about a
 * minute); the README says how to run it.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class TimelineScrubBenchmark {

    static final int VERSIONS = 10_000;
    static final int STEPS = 500;

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static FxBackgroundTasks tasks;
    static WorkspaceState state;
    static Scene scene;

    @BeforeAll
    static void writeALongHistory() {
        fixture = StoreFixture.open(dir.resolve("long.db"));
        long started = System.nanoTime();
        fixture.write(1, "{\"name\":\"Lise Tanaka\",\"region\":\"UK\",\"date_of_birth\":\"1979-02-17\",\"occupation\":\"nurse\","
                + "\"smoker\":false,\"annual_premium\":2697.50,\"sum_insured\":1350000,\"beneficiaries\":[\"Niels Tanaka\"],"
                + "\"address\":{\"street\":\"189 Station Road\",\"city\":\"Bristol\",\"postcode\":\"78664\"},"
                + "\"policy\":{\"number\":\"P-1010-700\",\"product\":\"whole-life\",\"start_date\":\"2019-06-01\",\"status\":\"active\"},"
                + "\"risk\":{\"class\":\"A\",\"score\":34},\"underwriter_notes\":\"new business\"}");
        List<CompletableFuture<WriteOutcome>> batch = new ArrayList<>();
        for (int i = 2; i <= VERSIONS; i++) {
            batch.add(fixture.records().write(new WriteCommand(1, patch(i), null, 101, null, "test", null)));
            if (batch.size() == 500 || i == VERSIONS) {
                batch.forEach(CompletableFuture::join);
                batch.clear();
            }
        }
        System.out.printf(Locale.ROOT, "wrote %,d versions in %.1f s%n", VERSIONS, (System.nanoTime() - started) / 1e9);
        // Open the file afresh, so the store's cache of rebuilt versions starts cold, as after a restart.
        fixture.close();
        fixture = StoreFixture.open(dir.resolve("long.db"));
        tasks = new FxBackgroundTasks();
    }

    /** One field changes per version, as underwriters' edits do; every 50th adds or removes one. */
    static JsonObject patch(int i) {
        return StoreFixture.json(switch (i % 5) {
            case 0 -> "{\"underwriter_notes\":\"revision " + i + "\"}";
            case 1 -> "{\"annual_premium\":" + (2000 + i % 997) + ".25}";
            case 2 -> "{\"risk\":{\"score\":" + (i % 100) + "}}";
            case 3 -> "{\"address\":{\"postcode\":\"" + (10000 + i) + "\"}}";
            default -> i % 50 == 4 ? "{\"temporary_cover\":" + (i % 100 == 4 ? "true" : "null") + "}"
                    : "{\"sum_insured\":" + (1_000_000 + i) + "}";
        });
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        SqlEventLog events = new SqlEventLog(fixture.store());
        Workbench workbench = new Workbench(fixture.records(), new HistoryService(fixture.records(), events), events,
                TestWorkbench.access(fixture), TestWorkbench.desk(fixture), TestWorkbench.UNMAPPED_OS_USER, "db/long.db", null, null,
                "test", false);
        WorkbenchApp.Ui ui = WorkbenchApp.createUi(workbench, tasks, new RecordingDialogs(), UserPreferences.inMemory(42),
                ZoneOffset.UTC, java.time.Clock.systemUTC());
        state = ui.state();
        scene = ui.scene();
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void scrubbingTenThousandVersions(FxRobot robot) throws Exception {
        state.timeAxisProperty().set(io.timetravel.gui.TimeAxis.TRANSACTION);
        // Loading the version list: from selecting the record to the latest state in the table.
        CompletableFuture<Long> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            whenShown(VERSIONS, () -> opened.complete(System.nanoTime() - t0));
            state.selectedRecordProperty().set(1L);
        });
        long openNanos = opened.get(60, TimeUnit.SECONDS);
        Slider slider = robot.lookup(".timeline-slider").queryAs(Slider.class);
        WaitForAsyncUtils.waitForFxEvents();

        // Warm-up: the JIT compiles the paths of a step (not counted).
        measure(slider, VERSIONS - 1, VERSIONS - 60, -1);
        measure(slider, VERSIONS - 59, VERSIONS - 1, +1);

        Step[] backwards = measure(slider, VERSIONS - 2, VERSIONS - 1 - STEPS, -1);
        step(slider, 4000);
        Step[] forwards = measure(slider, 4001, 4000 + STEPS, +1);
        // Clicks far apart: every one needs a read from the store.
        Random random = new Random(7);
        Step[] jumps = new Step[100];
        for (int i = 0; i < jumps.length; i++) {
            int position;
            do {
                position = 1 + random.nextInt(VERSIONS);
            } while (position == state.cursorVersionProperty().get());
            jumps[i] = step(slider, position);
        }

        System.out.printf(Locale.ROOT, "load the version list of %,d versions and show the latest state: %.1f ms%n",
                VERSIONS, openNanos / 1e6);
        report("consecutive steps back (Left key)", backwards);
        report("consecutive steps forward (Right key)", forwards);
        report("random clicks (a store read each)", jumps);
        assertEquals(VERSIONS, slider.getMax());
        TableView<?> table = robot.lookup(".timeline-field-table").queryAs(TableView.class);
        assertTrue(table.getItems().size() >= 14);
    }

    /**
     * One step's cost. {@code show}: from the slider move until the view model has put the state
     * in the table (includes waiting for a store read when the state was not at hand);
     * {@code pulse}: the CSS and layout pass of the next frame, which lays out the new rows.
     */
    record Step(long show, long pulse) {
        long total() {
            return show + pulse;
        }
    }

    private Step[] measure(Slider slider, int from, int to, int direction) throws Exception {
        Step[] steps = new Step[Math.abs(to - from) + 1];
        int i = 0;
        for (int position = from; direction > 0 ? position <= to : position >= to; position += direction) {
            steps[i++] = step(slider, position);
        }
        return steps;
    }

    /** Moves the slider as a user's drag or key does, and times it until the next frame has laid the table out. */
    private Step step(Slider slider, int position) throws Exception {
        CompletableFuture<Step> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            whenShown(position, () -> {
                long shown = System.nanoTime() - t0;
                long[] pulseStart = new long[1];
                Runnable[] listeners = new Runnable[2];
                listeners[0] = () -> pulseStart[0] = System.nanoTime();
                listeners[1] = () -> {
                    scene.removePreLayoutPulseListener(listeners[0]);
                    scene.removePostLayoutPulseListener(listeners[1]);
                    done.complete(new Step(shown, System.nanoTime() - pulseStart[0]));
                };
                scene.addPreLayoutPulseListener(listeners[0]);
                scene.addPostLayoutPulseListener(listeners[1]);
                Platform.requestNextPulse();
            });
            slider.setValue(position);
        });
        Step step = done.get(30, TimeUnit.SECONDS);
        assertEquals((long) position, state.cursorVersionProperty().get());
        return step;
    }

    /** Runs {@code then} once the timeline shows {@code version} (at once if it shows it during the call that asks). */
    private static void whenShown(long version, Runnable then) {
        state.cursorVersionProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Long> observable, Long old, Long shown) {
                if (shown != null && shown == version) {
                    state.cursorVersionProperty().removeListener(this);
                    then.run();
                }
            }
        });
    }

    private static void report(String what, Step[] steps) {
        long[] totals = Arrays.stream(steps).mapToLong(Step::total).sorted().toArray();
        double show = Arrays.stream(steps).mapToLong(Step::show).average().orElse(0) / 1e6;
        double pulse = Arrays.stream(steps).mapToLong(Step::pulse).average().orElse(0) / 1e6;
        long within = Arrays.stream(totals).filter(n -> n <= 16_000_000L).count();
        System.out.printf(Locale.ROOT, "%s, %d steps: per step median %.2f ms, mean %.2f ms (view model %.2f + CSS/layout %.2f),"
                        + " p95 %.2f ms, p99 %.2f ms, max %.2f ms; %.1f%% within 16 ms%n",
                what, totals.length, totals[totals.length / 2] / 1e6, show + pulse, show, pulse,
                totals[(int) (totals.length * 0.95)] / 1e6, totals[(int) (totals.length * 0.99)] / 1e6,
                totals[totals.length - 1] / 1e6, 100.0 * within / totals.length);
    }
}
