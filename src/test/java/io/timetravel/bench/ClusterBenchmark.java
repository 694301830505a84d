package io.timetravel.bench;

import com.sun.net.httpserver.HttpServer;
import io.timetravel.testing.ChildServer;
import io.timetravel.testing.PostgresServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency over real HTTP at 50 connections, in one run, as ratios to a bare JDK
 * HTTP server answering a fixed small JSON body (the ceiling of this machine and this load
 * generator): {@code GET} latest of one record and durable {@code POST}s to many records, on one
 * server on SQLite, one on PostgreSQL, and two on one PostgreSQL database (the load split over
 * both). The servers are child processes, as operators run them; the PostgreSQL server is the
 * tests' one, with its default durability (fsync on, synchronous commit). Prints one table and
 * writes it to {@code target/cluster-bench.txt}. Not part of the test suite (tag
 * {@code benchmark}); the README says how to run it.
 */
@Tag("benchmark")
class ClusterBenchmark {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 50);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 3));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    private static final int RECORDS = 1_000;
    private static final String[] USER = {"X-User-ID", "1"};
    private static final byte[] FIXED = "{\"id\":1,\"version\":1,\"data\":{\"name\":\"Ada\"}}".getBytes(StandardCharsets.UTF_8);

    /** One measured load: requests answered 2xx, their latencies, the rest. */
    private record Result(String name, double perSecond, double p50, double p99, long failed) {
    }

    /** Which request a connection sends next, to which of the servers. */
    @FunctionalInterface
    private interface Requests {
        HttpRequest next(int connection);
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void printFigures() throws Exception {
        Path dir = Files.createTempDirectory("timetravel-cluster-bench");
        List<Result> results = new ArrayList<>();
        results.add(reference());

        try (ChildServer sqlite = ChildServer.start(dir.resolve("sqlite").resolve("bench.db"), dir.resolve("logs-sqlite"), List.of())) {
            measureServers("SQLite, 1 server", List.of(sqlite.url()), results);
        }
        String postgres = PostgresServer.get().createDatabase();
        try (ChildServer one = ChildServer.start(postgres, dir.resolve("logs-pg"), List.of(),
                List.of("--data", dir.resolve("data-pg").toString()))) {
            measureServers("PostgreSQL, 1 server", List.of(one.url()), results);
        }
        String shared = PostgresServer.get().createDatabase();
        List<String> data = List.of("--data", dir.resolve("data-shared").toString());
        try (ChildServer a = ChildServer.start(shared, dir.resolve("logs-a"), List.of(), data);
             ChildServer b = ChildServer.start(shared, dir.resolve("logs-b"), List.of(), data)) {
            measureServers("PostgreSQL, 2 servers", List.of(a.url(), b.url()), results);
        }

        String table = table(results);
        System.out.print(table);
        Path out = Path.of("target", "cluster-bench.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    /**
     * The bare JDK server: a fixed small JSON body, on as many threads as there are connections,
     * with TCP_NODELAY as Jetty sets it (without it, Nagle's algorithm and delayed ACKs hold each
     * answer some 40 ms and the reference is no ceiling). The property is read when the JDK's
     * server class loads, so it is set before the first server is made.
     */
    private Result reference() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, FIXED.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(FIXED);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/records/1");
            return run("reference: JDK HttpServer, fixed JSON", c -> HttpRequest.newBuilder(uri).headers(USER).build());
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** GET latest of record 1 and POSTs to records 1..1000, the connections spread evenly over {@code urls}. */
    private void measureServers(String setup, List<String> urls, List<Result> results) throws Exception {
        for (String url : urls) {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/records/1"))
                    .headers(USER).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\",\"premium\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() / 100 != 2) {
                throw new AssertionError(setup + ": cannot write record 1: " + created.statusCode() + " " + created.body());
            }
        }
        results.add(run(setup + ", GET latest", c -> HttpRequest.newBuilder(URI.create(urls.get(c % urls.size()) + "/api/v2/records/1"))
                .headers(USER).build()));
        AtomicLong n = new AtomicLong();
        results.add(run(setup + ", POST durable", c -> {
            long record = ThreadLocalRandom.current().nextInt(RECORDS) + 1;
            return HttpRequest.newBuilder(URI.create(urls.get(c % urls.size()) + "/api/v2/records/" + record)).headers(USER)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"premium\":" + n.incrementAndGet() + "}")).build();
        }));
    }

    /** {@link #CONNECTIONS} threads sending one request at a time: a warm-up, then {@link #MEASURE}. */
    private Result run(String name, Requests requests) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failed = new AtomicLong();
        long[][] latencies = new long[CONNECTIONS][];
        int[] counts = new int[CONNECTIONS];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            latencies[c] = new long[4096];
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    HttpRequest request = requests.next(connection);
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        ok = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() / 100 == 2;
                    } catch (IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long took = System.nanoTime() - start;
                    if (measuring.get() && running.get()) {
                        if (!ok) {
                            failed.incrementAndGet();
                            continue;
                        }
                        if (counts[connection] == latencies[connection].length) {
                            latencies[connection] = Arrays.copyOf(latencies[connection], counts[connection] * 2);
                        }
                        latencies[connection][counts[connection]++] = took;
                    }
                }
            }, "bench-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(WARM_UP.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(MEASURE.toMillis());
        running.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        Result result = new Result(name, total / seconds, percentile(all, 0.50), percentile(all, 0.99), failed.get());
        System.out.printf(Locale.ROOT, "%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d failed%n", name, result.perSecond(), result.p50(),
                result.p99(), result.failed());
        return result;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String table(List<Result> results) {
        double reference = results.get(0).perSecond();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d connections, %d s measured after %d s of warm-up, %d cores%n", CONNECTIONS,
                MEASURE.toSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-45s %10s %9s %9s %8s %7s%n", "load", "req/s", "p50 ms", "p99 ms", "x ref", "failed"));
        for (Result result : results) {
            out.append(String.format(Locale.ROOT, "%-45s %10.0f %9.2f %9.2f %8.3f %7d%n", result.name(), result.perSecond(), result.p50(),
                    result.p99(), result.perSecond() / reference, result.failed()));
        }
        return out.toString();
    }
}
