package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on tiny loads ({@code --smoke}): real child processes (the ceiling and
 * the headless server), a real scratch database, the workbench's timeline. Checks that every
 * figure is measured and consistent within the run; never how fast anything is.
 */
class BenchCommandTest {

    private static final List<String> LOAD_RUNS = List.of("ceiling", "get_v1", "get_v2_latest", "get_v2_at_short",
            "get_v2_latest_long", "get_v2_at_long", "get_metrics", "post_v2_durable", "post_v2_large_records");
    private static final List<String> MEASURES = List.of("bytes_per_version_small", "bytes_per_version_large", "database_size",
            "timeline_open", "timeline_step", "server_idle_rss", "server_peak_rss");

    @TempDir
    Path home;

    private static double number(JsonObject figure, String field) {
        JsonValue value = figure.getOrNull(field);
        assertTrue(value instanceof JsonNumber, () -> field + " of " + figure.toJson());
        return Double.parseDouble(value.toJson());
    }

    @Test
    void aSmokeRunMeasuresEveryFigureAgainstTheCeilingOfTheSameRunAndCleansUp() throws Exception {
        Path out = home.resolve("results/bench.json");

        CommandRun run = CommandRun.in(home, "bench", "--smoke", "--out", out.toString());

        assertEquals(0, run.status(), run.out() + run.err());
        JsonObject json = JsonParser.parseObject(Files.readString(out));
        JsonObject figures = (JsonObject) json.getOrNull("figures");
        double ceiling = number((JsonObject) figures.getOrNull("ceiling"), "value");
        assertTrue(ceiling > 0, figures.toJson());
        for (String key : LOAD_RUNS) {
            JsonObject figure = (JsonObject) figures.getOrNull(key);
            assertNotNull(figure, key);
            double value = number(figure, "value");
            assertTrue(value > 0, () -> key + ": " + figure.toJson());
            assertTrue(number(figure, "p50_ms") > 0 && number(figure, "p99_ms") >= number(figure, "p50_ms"), figure.toJson());
            assertEquals(value / ceiling, number(figure, "ratio_to_ceiling"), 0.001 + value / ceiling * 0.001, key);
            assertFalse(figure.getOrNull("note").toJson().contains(" failed: "), () -> key + " had failures: " + figure.toJson());
        }
        for (String key : MEASURES) {
            JsonObject figure = (JsonObject) figures.getOrNull(key);
            assertTrue(number(figure, "value") > 0, () -> key + ": " + figure.toJson());
        }
        JsonObject peak = (JsonObject) figures.getOrNull("server_peak_rss");
        assertTrue(number(peak, "value") >= number((JsonObject) figures.getOrNull("server_idle_rss"), "value"), figures.toJson());
        // Each of the three servers' peaks, the largest of them being the figure.
        assertTrue(peak.getString("note").orElseThrow().matches("by server: reads \\d+ MB, small writes \\d+ MB, 10 KB records \\d+ MB"),
                peak.toJson());
        JsonObject window = (JsonObject) figures.getOrNull("window_open");
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            assertEquals(JsonNull.INSTANCE, window.getOrNull("value"));
            assertEquals("\"skipped: no display\"", window.getOrNull("note").toJson());
            assertTrue(run.out().contains("skipped: no display"), run.out());
        }
        // Targets are judged, not asserted: the verdicts are there either way.
        for (String judged : List.of("get_v2_latest", "get_v2_at_short", "get_v2_at_long", "post_v2_durable",
                "bytes_per_version_small", "server_peak_rss", "timeline_step")) {
            assertTrue(List.of("true", "false").contains(((JsonObject) figures.getOrNull(judged)).getOrNull("pass").toJson()), judged);
        }
        assertEquals("smoke", ((JsonObject) json.getOrNull("settings")).getString("mode").orElseThrow());
        assertTrue(Integer.parseInt(((JsonObject) json.getOrNull("machine")).getString("cores").orElseThrow()) > 0);

        // One table, then the scratch folder is gone.
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("FIGURE") && line.contains("VS CEILING")), run.out());
        Matcher scratch = Pattern.compile("scratch database (\\S+)").matcher(run.out());
        assertTrue(scratch.find(), run.out());
        assertFalse(Files.exists(Path.of(scratch.group(1)).getParent()), run.out());
    }

    @Test
    void contradictoryOptionsAreRefusedBeforeAnythingStarts() {
        CommandRun run = CommandRun.in(home, "bench", "--quick", "--smoke");

        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--quick and --smoke exclude each other"), run.err());
    }
}
