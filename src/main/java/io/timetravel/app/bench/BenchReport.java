package io.timetravel.app.bench;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNull;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark run found: its figures, the machine and the server's JVM flags. Printed as one
 * table and written as {@code bench.json}.
 *
 * @param machine what ran it: cores, JVM, operating system ({@code name: value})
 * @param settings how it ran: mode, durations, connections, heap flags
 */
public record BenchReport(Instant date, Map<String, String> machine, Map<String, String> settings, List<Figure> figures) {

    private static final String[] HEADINGS = {"FIGURE", "VALUE", "UNIT", "P50 ms", "P99 ms", "VS CEILING", "TARGET", "RESULT"};

    /** Whether every figure with a target met it. */
    public boolean allPass() {
        return figures.stream().noneMatch(figure -> Boolean.FALSE.equals(figure.pass()));
    }

    /** The table: a row per figure, columns padded to their widest cell; notes follow it. */
    public void print(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        List<String> notes = new ArrayList<>();
        for (Figure figure : figures) {
            rows.add(new String[] {figure.label(), figure.value() == null ? "skipped" : number(figure.value()), figure.unit(),
                decimal(figure.p50Millis()), decimal(figure.p99Millis()), figure.ratio() == null ? "" : ratio(figure.ratio()),
                figure.target() == null ? "" : figure.target(), figure.pass() == null ? "" : figure.pass() ? "pass" : "FAIL"});
            if (figure.note() != null) {
                notes.add(figure.label() + ": " + figure.note());
            }
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i == 1 || i == 3 || i == 4 || i == 5;
                String cell = row == HEADINGS || !numeric ? String.format("%-" + widths[i] + "s", row[i])
                        : String.format("%" + widths[i] + "s", row[i]);
                line.append(cell).append(i < row.length - 1 ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
        for (String note : notes) {
            out.println("  " + note);
        }
    }

    /** {@code bench.json}: every figure, the machine, the settings and the date. */
    public String toJson() {
        JsonObject.Builder figureObjects = JsonObject.builder();
        for (Figure figure : figures) {
            figureObjects.put(figure.key(), JsonObject.builder()
                    .put("label", figure.label())
                    .put("value", number(figure.value(), 3))
                    .put("unit", figure.unit())
                    .put("p50_ms", number(figure.p50Millis(), 3))
                    .put("p99_ms", number(figure.p99Millis(), 3))
                    .put("ratio_to_ceiling", number(figure.ratio(), 4))
                    .put("target", figure.target() == null ? JsonNull.INSTANCE : new JsonString(figure.target()))
                    .put("pass", figure.pass() == null ? JsonNull.INSTANCE : JsonBoolean.of(figure.pass()))
                    .put("note", figure.note() == null ? JsonNull.INSTANCE : new JsonString(figure.note()))
                    .build());
        }
        List<JsonValue> order = new ArrayList<>();
        figures.forEach(figure -> order.add(new JsonString(figure.key())));
        JsonObject json = JsonObject.builder()
                .put("date", date.toString())
                .put("machine", strings(machine))
                .put("settings", strings(settings))
                .put("figures", figureObjects.build())
                .put("order", JsonArray.of(order))
                .put("all_targets_met", allPass())
                .build();
        return JsonWriter.write(json) + "\n";
    }

    /** Writes {@link #toJson()} to {@code file}, creating its folder. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static JsonObject strings(Map<String, String> values) {
        JsonObject.Builder object = JsonObject.builder();
        values.forEach(object::put);
        return object.build();
    }

    private static JsonValue number(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return JsonNull.INSTANCE;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return JsonNumber.of(rounded.scale() < 0 ? rounded.setScale(0) : rounded);
    }

    /** Whole numbers with thousands separators, small ones with a decimal or two. */
    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String decimal(Double millis) {
        return millis == null ? "" : String.format(Locale.ROOT, millis >= 100 ? "%.0f" : millis >= 10 ? "%.1f" : "%.2f", millis);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
