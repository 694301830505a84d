package io.timetravel.app.bench;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.timeline.TimelineViewModel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The workbench's timeline without a window: its view model (the class the window binds to) on
 * the long record, run on this thread as the window runs it on the FX thread. Opening it reads
 * the version list (1,000 a page). A step is what the FX thread does to show the next position's
 * state with its changed fields; the reads (the state itself when it is not cached, and the
 * read-ahead) are background work in the window, run here between steps and timed apart.
 */
final class TimelineStep {

    /** One frame at 60 Hz (decision 0015). */
    static final double FRAME_MILLIS = 16.0;

    private TimelineStep() {
    }

    /** Opens the database (no server may be running on it), times the timeline's opening and {@code steps} steps. */
    static List<Figure> measure(BenchStore.Opener stores, Path db, long recordId, long warmUpRecord, int steps, int versions) {
        String open = "timeline open, " + versions + " versions";
        String step = "timeline step, " + versions + " versions";
        try {
            return timed(stores.open(db), recordId, warmUpRecord, steps, open, step);
        } catch (LinkageError e) {
            // A jar copied without its lib/ has no JavaFX: the workbench's classes cannot load.
            String why = "skipped: JavaFX not found (" + e.getMessage() + ")";
            return List.of(Figure.skipped("timeline_open", open, "ms", why), Figure.skipped("timeline_step", step, "ms", why));
        }
    }

    private static List<Figure> timed(BenchStore opened, long recordId, long warmUpRecord, int steps, String open, String step) {
        try (BenchStore context = opened) {
            WorkbenchAccess access = WorkbenchAccess.of(context.access());
            // The classes loaded and compiled once, on another record, as in a window already open.
            WorkspaceState warm = new WorkspaceState();
            warm.openRecord(warmUpRecord, null);
            new TimelineViewModel(new RecordViewContext(context.records(), access, warm, BackgroundTasks.inline(), ZoneOffset.UTC)).first();

            Queued tasks = new Queued();
            WorkspaceState state = new WorkspaceState();
            state.openRecord(recordId, null);
            long opening = System.nanoTime();
            TimelineViewModel timeline = new TimelineViewModel(new RecordViewContext(context.records(), access, state, tasks, ZoneOffset.UTC));
            tasks.drain();
            double openMillis = (System.nanoTime() - opening) / 1e6;
            timeline.first();
            tasks.drain();
            Latencies latencies = new Latencies();
            long background = 0;
            for (int i = 0; i < steps; i++) {
                long started = System.nanoTime();
                timeline.step(1);
                long stepped = System.nanoTime();
                latencies.record(stepped - started);
                tasks.drain();
                background += System.nanoTime() - stepped;
            }
            double p50 = latencies.percentileMillis(50);
            double p99 = latencies.percentileMillis(99);
            return List.of(
                    Figure.of("timeline_open", open, openMillis, "ms").noted("the version list read and laid out, on a cold store"),
                    new Figure("timeline_step", step, p50, "ms", p50, p99, null, null, null,
                            String.format(Locale.ROOT, "%d steps from the first version; max %.2f ms; background reads"
                                    + " %.2f ms a step", steps, latencies.max() / 1e6, background / 1e6 / Math.max(1, steps)))
                            .judged("p99 < 16 ms (a frame)", p99 < FRAME_MILLIS));
        }
    }

    /**
     * Background work queued as the window's background thread would get it, and run (with its
     * result delivered, as on the FX thread) when {@link #drain()} is called, until none is left.
     */
    private static final class Queued implements BackgroundTasks {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private final BackgroundTasks inline = BackgroundTasks.inline();

        @Override
        public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            queue.add(() -> inline.run(work, onSuccess, onFailure));
        }

        @Override
        public void ui(Runnable update) {
            queue.add(update);
        }

        void drain() {
            for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
                next.run();
            }
        }
    }
}
