package io.timetravel.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    private static LoadGenerator.Result run(long requests, double seconds, long... nanos) {
        Latencies latencies = new Latencies();
        for (long value : nanos) {
            latencies.record(value);
        }
        return new LoadGenerator.Result(requests, 0, seconds, latencies, null, requests);
    }

    private static BenchReport report() {
        LoadGenerator.Result ceiling = run(20_000, 1, 1_000_000, 2_000_000);
        LoadGenerator.Result get = run(17_000, 1, 1_500_000, 3_000_000);
        return new BenchReport(Instant.parse("2026-11-30T10:00:00Z"), Map.of("cores", "2"), Map.of("mode", "quick"), List.of(
                Figure.load("ceiling", "ceiling", ceiling, ceiling.perSecond()),
                Figure.load("get_v2_latest", "GET v2 latest", get, ceiling.perSecond()).judged(">= 0.80, p99 < 10 ms", true),
                Figure.of("bytes_per_version_small", "bytes per version", 1_100, "B").judged("<= 300", false),
                Figure.skipped("window_open", "window open", "ms", "skipped: no display")));
    }

    @Test
    void theTableHasARowPerFigureWithItsRatioTargetAndVerdict() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report().print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();

        assertTrue(lines.get(0).startsWith("FIGURE"), lines.get(0));
        String get = lines.stream().filter(line -> line.startsWith("GET v2 latest")).findFirst().orElseThrow();
        assertTrue(get.matches("GET v2 latest +17,000 +req/s +1\\.5\\d +3\\.0\\d +0\\.85 +>= 0\\.80, p99 < 10 ms +pass"), get);
        String bytes = lines.stream().filter(line -> line.startsWith("bytes per version")).findFirst().orElseThrow();
        assertTrue(bytes.matches("bytes per version +1,100 +B +<= 300 +FAIL"), bytes);
        assertTrue(lines.stream().anyMatch(line -> line.matches("window open +skipped +ms.*")), String.join("\n", lines));
        assertTrue(lines.contains("  window open: skipped: no display"), String.join("\n", lines));
        // Columns line up: every row's unit starts where the heading's does.
        int unit = lines.get(0).indexOf("UNIT");
        assertEquals("req/s", get.substring(unit, unit + 5));
    }

    @Test
    void benchJsonHoldsEveryFigureTheMachineAndTheDate() throws Exception {
        Path file = dir.resolve("out/bench.json");
        BenchReport report = report();
        report.write(file);

        JsonObject json = JsonParser.parseObject(Files.readString(file));
        assertEquals(new JsonString("2026-11-30T10:00:00Z"), json.getOrNull("date"));
        assertEquals(new JsonString("2"), ((JsonObject) json.getOrNull("machine")).getOrNull("cores"));
        JsonObject figures = (JsonObject) json.getOrNull("figures");
        assertEquals(4, figures.size());
        JsonObject get = (JsonObject) figures.getOrNull("get_v2_latest");
        assertEquals("17000", get.getOrNull("value").toJson());
        assertEquals("0.85", get.getOrNull("ratio_to_ceiling").toJson());
        assertTrue(get.getOrNull("p50_ms").toJson().startsWith("1.5"), get.toJson());
        assertEquals("\"req/s\"", get.getOrNull("unit").toJson());
        assertEquals("true", get.getOrNull("pass").toJson());
        JsonObject window = (JsonObject) figures.getOrNull("window_open");
        assertEquals(JsonNull.INSTANCE, window.getOrNull("value"));
        assertEquals(JsonNull.INSTANCE, window.getOrNull("pass"));
        assertEquals("false", json.getOrNull("all_targets_met").toJson());
        assertFalse(report.allPass());
    }
}
