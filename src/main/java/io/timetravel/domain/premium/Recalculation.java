package io.timetravel.domain.premium;

import io.timetravel.domain.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A recalculation job as stored: every record priced at {@code validAt} as known at
 * {@code knownAt} by each engine, for a reason, and what it found.
 *
 * @param engines   engine labels ({@code classic@1}), the first the one the others are compared with
 * @param processed records gone through when it stopped (while it runs, the service knows more)
 * @param total     records there were to go through, when it started
 * @param result    the {@link RecalculationTally} of a completed job; {@code null} before
 */
public record Recalculation(long id, Instant validAt, Instant knownAt, List<String> engines, BigDecimal thresholdPercent,
                            String reason, long requestedBy, Instant requestedAt, Status status, long processed, long total,
                            JsonObject result, String error, Instant finishedAt) {

    /** Where a job is. */
    public enum Status {
        IN_PROGRESS, COMPLETED, CANCELLED, FAILED;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromText(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }

        public boolean finished() {
            return this != IN_PROGRESS;
        }
    }

    public Recalculation {
        Objects.requireNonNull(validAt, "validAt");
        Objects.requireNonNull(knownAt, "knownAt");
        Objects.requireNonNull(status, "status");
        engines = List.copyOf(engines);
    }

    /** This job as it stands while running: {@code processed} of {@code total} records done. */
    public Recalculation withProgress(long processedNow, long totalNow) {
        return new Recalculation(id, validAt, knownAt, engines, thresholdPercent, reason, requestedBy, requestedAt, status,
                processedNow, totalNow, result, error, finishedAt);
    }
}
