package io.timetravel.gui.recalculations;

/**
 * One engine's distribution of premiums in a result, as the table shows it: counts, and money
 * with grouped digits (empty when the engine priced nothing).
 */
public record EngineRow(String engine, String priced, String unpriced, String min, String p10, String p50, String p90,
                        String p99, String max, String mean) {
}
