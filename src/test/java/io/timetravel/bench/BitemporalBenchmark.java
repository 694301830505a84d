package io.timetravel.bench;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.service.RecordService;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's speed targets, measured over real HTTP on a real SQLite file and printed as ratios to
 * a reference measured in the same run (these machines are too noisy for absolute figures):
 * <ul>
 *   <li>on a record of 10,000 versions, 10% of them back-dated, {@code GET ?at=} at random
 *       instants (and with a random {@code as_of}) against {@code GET} latest: target 1.5x;</li>
 *   <li>a write to that record (effective now, and back-dated to a random instant) against a
 *       write to a record with one version: target 1.5x (a write's cost does not grow with the
 *       history or with back-dating);</li>
 *   <li>the first read after a restart, which loads the record's timeline once.</li>
 * </ul>
 * Not part of the test suite (tag {@code benchmark}); the README says how to run it.
 */
@Tag("benchmark")
class BitemporalBenchmark {

    private static final int VERSIONS = Integer.getInteger("bench.versions", 10_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 8);
    private static final int READS_PER_ROUND = 400;
    private static final int WRITES_PER_ROUND = 80;
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    private final HttpClient client = HttpClient.newHttpClient();
    private final Random random = new Random(9);

    @Test
    void printFigures() throws Exception {
        Path dir = Files.createTempDirectory("timetravel-bench");
        Path db = dir.resolve("bench.db");
        Instant last;
        try (TestServer server = TestServer.start(db)) {
            long build = System.nanoTime();
            last = populate(server.context().records());
            System.out.printf(Locale.ROOT, "built record 1: %,d versions (10%% back-dated) in %.1f s%n", VERSIONS,
                    (System.nanoTime() - build) / 1e9);
            post(server, "/api/v2/records/2", "{\"name\":\"Reference\",\"premium\":1}").run();
            // Any instant from the record's creation (version 1: effective and recorded at START + 60 s) to its last version.
            long span = Duration.between(START, last).getSeconds() - 60;
            IntFunction<String> anyInstant = i -> Instants.format(START.plusSeconds(60 + (long) (random.nextDouble() * span)));

            for (int i = 0; i < 2_000; i++) { // warm-up: JIT, caches
                get(server, "/api/v2/records/1");
                get(server, "/api/v2/records/1?at=" + anyInstant.apply(i));
            }
            double[] atRatios = new double[ROUNDS];
            double[] bothRatios = new double[ROUNDS];
            double[] latest = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                latest[r] = median(READS_PER_ROUND, i -> get(server, "/api/v2/records/1"));
                double at = median(READS_PER_ROUND, i -> get(server, "/api/v2/records/1?at=" + anyInstant.apply(i)));
                double both = median(READS_PER_ROUND, i -> get(server, "/api/v2/records/1?at=" + anyInstant.apply(i)
                        + "&as_of=" + anyInstant.apply(i)));
                atRatios[r] = at / latest[r];
                bothRatios[r] = both / latest[r];
            }
            double[] writeNow = new double[ROUNDS];
            double[] writeBack = new double[ROUNDS];
            double[] reference = new double[ROUNDS];
            int n = 0;
            for (int r = 0; r < ROUNDS; r++) {
                // Interleaved, so the WAL's periodic checkpoints and the disk's moods fall on all three alike.
                double[][] times = new double[3][WRITES_PER_ROUND];
                for (int i = 0; i < WRITES_PER_ROUND; i++) {
                    times[0][i] = timed(post(server, "/api/v2/records/2", "{\"premium\":" + (++n) + "}"));
                    times[1][i] = timed(post(server, "/api/v2/records/1", "{\"premium\":" + (++n) + "}"));
                    times[2][i] = timed(post(server, "/api/v2/records/1?effective_at=" + anyInstant.apply(i),
                            "{\"occupation_class\":" + (++n) + "}"));
                }
                reference[r] = median(times[0]);
                writeNow[r] = median(times[1]) / reference[r];
                writeBack[r] = median(times[2]) / reference[r];
            }
            System.out.printf(Locale.ROOT, "GET latest, median per request: %.0f µs (reference)%n", median(latest) / 1e3);
            report("GET ?at=random / GET latest", atRatios);
            report("GET ?at=random&as_of=random / GET latest", bothRatios);
            System.out.printf(Locale.ROOT, "POST to a 1-version record, median per request: %.2f ms (reference)%n",
                    median(reference) / 1e6);
            report("POST to the 10,000-version record / reference", writeNow);
            report("POST back-dated to a random instant / reference", writeBack);
        }
        try (TestServer server = TestServer.start(db)) {
            long first = System.nanoTime();
            get(server, "/api/v2/records/1");
            double cold = System.nanoTime() - first;
            System.out.flush();
            double warm = median(200, i -> get(server, "/api/v2/records/1"));
            System.out.printf(Locale.ROOT, "first GET after a restart (loads the timeline): %.1f ms, %.0fx a warm GET%n",
                    cold / 1e6, cold / warm);
        }
    }

    /** Record 1: every version changes a field or two; one in ten is back-dated to a random earlier instant. */
    private Instant populate(RecordService records) {
        String[] cities = {"London", "Leeds", "Paris", "Lyon", "Berlin"};
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Instant recorded = START;
        for (int v = 1; v <= VERSIONS; v++) {
            recorded = START.plusSeconds(60L * v);
            JsonObject patch = switch (v == 1 ? -1 : v % 4) {
                case -1 -> json("{\"name\":\"Benchmark\",\"region\":\"EU\",\"premium\":1000,\"smoker\":false,"
                        + "\"address\":{\"city\":\"London\",\"zip\":\"N1\"},\"occupation_class\":1,\"sum_insured\":100000}");
                case 0 -> json("{\"premium\":" + (1000 + v) + "}");
                case 1 -> json("{\"address\":{\"city\":\"" + cities[v % cities.length] + "\",\"zip\":\"Z" + v + "\"}}");
                case 2 -> json("{\"sum_insured\":" + (100000 + v) + ",\"smoker\":" + (v % 3 == 0) + "}");
                default -> json("{\"occupation_class\":" + (v % 5) + ",\"notes\":\"n" + v + "\"}");
            };
            Instant effective = v > 1 && v % 10 == 0
                    ? START.plusSeconds(60L + (long) (random.nextDouble() * 60L * (v - 1)))
                    : null;
            pending.add(records.replayWrite(new WriteCommand(1, patch, effective, 7, null, "bench", null), recorded));
            if (pending.size() == 500) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(CompletableFuture::join);
        return recorded;
    }

    private static JsonObject json(String text) {
        return io.timetravel.testing.StoreFixture.json(text);
    }

    /** Median time of {@code count} calls, in nanoseconds. */
    private static double median(int count, IntFunction<Integer> call) {
        double[] times = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = call.apply(i);
            times[i] = System.nanoTime() - start;
            if (status >= 300) {
                throw new IllegalStateException("status " + status);
            }
        }
        return median(times);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(String what, double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double m = median(ratios);
        System.out.printf(Locale.ROOT, "%-48s median %.2f over %d rounds (range %.2f to %.2f); target <= 1.50: %s%n", what, m,
                ratios.length, sorted[0], sorted[sorted.length - 1], m <= 1.5 ? "met" : "NOT MET");
    }

    private int get(TestServer server, String path) {
        return send(server, HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET());
    }

    /** A POST to send and time by {@link #timed}. */
    private Runnable post(TestServer server, String path, String body) {
        return () -> {
            int status = send(server, HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (status >= 300) {
                throw new IllegalStateException("status " + status + " for POST " + path);
            }
        };
    }

    /** Runs {@code request}; its time in nanoseconds. */
    private static double timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return System.nanoTime() - start;
    }

    private int send(TestServer server, HttpRequest.Builder request) {
        try {
            return client.send(request.header("X-User-ID", "7").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
