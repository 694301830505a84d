package io.timetravel.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The headless servers' peak memory over a run: the largest of their peaks (VmHWM, read before
 * each stops) is the figure, and each server's own peak goes in its note, so that a reader sees
 * which part of the run set it.
 */
final class ServerPeaks {

    /** The target (decision 0033): what a small machine can give the server. */
    private static final long LIMIT_BYTES = 256_000_000L;

    private final List<String> byServer = new ArrayList<>();
    private long largest;

    /** The peak of the server that ran {@code phase}; none where there is no {@code /proc}. */
    void add(String phase, OptionalLong peakBytes) {
        peakBytes.ifPresent(bytes -> {
            byServer.add(String.format(Locale.ROOT, "%s %.0f MB", phase, bytes / 1e6));
            largest = Math.max(largest, bytes);
        });
    }

    Figure figure() {
        return Figure.of("server_peak_rss", "server peak RSS (VmHWM), whole run", largest / 1e6, "MB")
                .judged("< 256 MB", largest > 0 && largest < LIMIT_BYTES)
                .noted(largest > 0 ? "by server: " + String.join(", ", byServer) : "no /proc here: not measured");
    }
}
