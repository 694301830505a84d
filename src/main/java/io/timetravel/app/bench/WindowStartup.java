package io.timetravel.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The benchmark's window figures: the workbench started in a process of its own on a new
 * database, timed from its JVM's start to the window's first frame and to the workbench ready in
 * it, as the workbench logs them. Skipped without a display.
 */
final class WindowStartup {

    /** The line the workbench logs once its window is shown (gui.Startup). */
    private static final Pattern WINDOW_SHOWN = Pattern.compile("window shown (\\d+) ms after the start");
    private static final Pattern WORKBENCH_SHOWN = Pattern.compile("workbench shown (\\d+) ms after the start");

    private final PrintStream progress;
    private final Consumer<String> step;

    /**
     * @param progress where a skipped measurement is said
     * @param step     announces a step of the run
     */
    WindowStartup(PrintStream progress, Consumer<String> step) {
        this.progress = progress;
        this.step = step;
    }

    /**
     * The window's first frame (its starting scene, while the database opens) judged against the
     * contract's 3 s, and the workbench ready in it, both from the JVM's start on a new database.
     */
    List<Figure> measure(Path dir, Path logs) throws InterruptedException {
        String openLabel = "workbench window open";
        String readyLabel = "workbench ready in the window";
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            progress.println("window open: skipped: no display");
            return List.of(Figure.skipped("window_open", openLabel, "ms", "skipped: no display"),
                    Figure.skipped("workbench_ready", readyLabel, "ms", "skipped: no display"));
        }
        step.accept("the workbench window on display " + display);
        try (ChildJvm window = ChildJvm.start(List.of(), Map.of(), BenchRun.LAUNCHER, List.of("gui", "--db", dir.resolve("window.db").toString(),
                "--port", "0", "--logs", logs.toString()), logs.resolve("window.out"))) {
            // The workbench logs when its window is first shown and when the workbench fills it.
            Optional<String> shown = window.awaitLine(WINDOW_SHOWN, Duration.ofSeconds(120));
            Optional<String> ready = window.awaitLine(WORKBENCH_SHOWN, Duration.ofSeconds(120));
            String late = "not within 2 minutes (see window.out)";
            Figure open = shown.map(ms -> Figure.of("window_open", openLabel, Double.parseDouble(ms), "ms")
                            .judged("< 3000 ms", Double.parseDouble(ms) < 3000)
                            .noted("from the JVM's start to the window's first frame (the database opening in it)"))
                    .orElse(Figure.skipped("window_open", openLabel, "ms", late));
            Figure filled = ready.map(ms -> Figure.of("workbench_ready", readyLabel, Double.parseDouble(ms), "ms")
                            .noted("from the JVM's start to the workbench in the window, on a new database"))
                    .orElse(Figure.skipped("workbench_ready", readyLabel, "ms", late));
            return List.of(open, filled);
        } catch (IOException e) {
            String why = "the window did not open: " + e.getMessage();
            return List.of(Figure.skipped("window_open", openLabel, "ms", why),
                    Figure.skipped("workbench_ready", readyLabel, "ms", why));
        }
    }
}
