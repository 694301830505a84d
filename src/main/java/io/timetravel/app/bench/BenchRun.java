package io.timetravel.app.bench;

import static io.timetravel.app.bench.BenchData.LARGE_FIRST;
import static io.timetravel.app.bench.BenchData.LARGE_RECORDS;
import static io.timetravel.app.bench.BenchData.LONG_RECORD;
import static io.timetravel.app.bench.BenchData.PATCH_BYTES;
import static io.timetravel.app.bench.BenchData.SHORT_HISTORY;
import static io.timetravel.app.bench.BenchData.SHORT_RECORD;
import static io.timetravel.app.bench.BenchData.SMALL_FIRST;
import static io.timetravel.app.bench.BenchData.SMALL_RECORDS;
import static io.timetravel.app.bench.BenchData.V1_RECORD;
import static io.timetravel.app.bench.BenchData.historyPatch;
import static io.timetravel.app.bench.BenchData.largeRecord;
import static io.timetravel.app.bench.BenchData.smallPatch;
import static io.timetravel.app.bench.BenchData.wideRecord;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One benchmark run on a scratch database (docs/decisions/0033-benchmark.md): the ceiling (a bare
 * JDK HTTP server) and the Timetravel headless server, each a process of its own, driven by the
 * same {@link LoadGenerator}; then the database's growth per version, the workbench timeline's
 * step and the window's open time. Returns a {@link BenchReport}.
 *
 * <p>The server runs three times on the same file, each time stopped cleanly (which checkpoints
 * the WAL into the file) so that the file's growth between two stops is what the versions written
 * in between cost: first the reads (their records are written then too), then durable writes of
 * small records, then small patches to 10 KB records.
 */
public final class BenchRun {

    /** Runs one of the product's own commands (e.g. {@code users add ...}) and returns what it printed; fails on a non-zero status. */
    @FunctionalInterface
    public interface Commands {
        String run(String... args);
    }

    /** The class the server's and the window's processes start. */
    static final String LAUNCHER = "io.timetravel.app.Launcher";
    /** Connections scraping {@code /metrics} at once. */
    static final int METRICS_CONNECTIONS = 4;
    private static final String METRICS_LABEL = "GET /metrics, " + METRICS_CONNECTIONS + " connections";

    /** Instants the at-instant reads cycle through. */
    private static final int INSTANTS = 64;

    private final Scale scale;
    private final List<String> serverJvm;
    private final Commands commands;
    private final BenchStore.Opener stores;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Figure> figures = new ArrayList<>();
    private final long started = System.nanoTime();
    private final ServerPeaks peaks = new ServerPeaks();
    private long idleRss;
    private String token;

    public BenchRun(Scale scale, List<String> serverJvm, Commands commands, BenchStore.Opener stores, PrintStream progress) {
        this.scale = scale;
        this.serverJvm = List.copyOf(serverJvm);
        this.commands = commands;
        this.stores = stores;
        this.progress = progress;
    }

    /** Runs everything in {@code dir} (a scratch folder the caller deletes or keeps). */
    public BenchReport run(Path dir) throws IOException, InterruptedException {
        Path db = dir.resolve("bench.db");
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        step("a user and a token on the scratch database " + db);
        commands.run("users", "add", "--db", db.toString(), "--id", "1", "--name", "Benchmark", "--role", "admin");
        String issued = commands.run("tokens", "issue", "--db", db.toString(), "--user", "1").strip();
        token = issued.substring(issued.lastIndexOf('\n') + 1).strip();
        long sizeBefore = fileSize(db);

        step("the ceiling: a bare JDK HTTP server, in a process of its own");
        try (ChildJvm ceiling = ChildJvm.start(serverJvm, InstalledServer.ENVIRONMENT, CeilingServer.class.getName(), List.of(),
                logs.resolve("ceiling.out"))) {
            List<LoadGenerator.Result> ceilings = new ArrayList<>();
            Map<String, LoadGenerator.Result> reads = new LinkedHashMap<>();
            long sizeAfterReads;
            try (ChildJvm server = startServer(db, logs, "server-1.out")) {
                idleRss = server.resident().orElse(0);
                populate(server);
                ceilings.add(measure("ceiling GET (before)", ceiling, fixed(ceiling, "GET", "/", null)));
                measureReads(server, reads);
                ceilings.add(measure("ceiling GET (after)", ceiling, fixed(ceiling, "GET", "/", null)));
                sizeAfterReads = stop(server, db, "reads");
            }
            double ceilingRate = ceilings.stream().mapToDouble(LoadGenerator.Result::perSecond).average().orElse(0);
            addCeiling(ceilings, ceilingRate);
            addReads(reads, ceilingRate);

            long sizeAfterSmall = smallWritesPhase(db, logs, sizeAfterReads, ceilingRate);
            long sizeAfterLarge = largeWritesPhase(db, logs, sizeAfterSmall, ceilingRate);
            figures.add(Figure.of("database_size", "database file after the run", sizeAfterLarge / 1e6, "MB")
                    .noted(String.format(Locale.ROOT, "%,d bytes; %,d before the benchmark wrote anything", sizeAfterLarge, sizeBefore)));
        }
        step("the workbench's timeline on the " + scale.longHistory() + "-version record, without a window");
        figures.addAll(TimelineStep.measure(stores, db, LONG_RECORD, SHORT_RECORD, scale.timelineSteps(), scale.longHistory()));
        figures.addAll(new WindowStartup(progress, this::step).measure(dir, logs));
        figures.add(Figure.of("server_idle_rss", "server RSS after start", idleRss / 1e6, "MB"));
        figures.add(peaks.figure());
        return new BenchReport(Instant.now(), MachineFacts.describe(), settings(), List.copyOf(figures));
    }

    // ---- The server ----

    private ChildJvm startServer(Path db, Path logs, String output) throws IOException {
        step("Timetravel headless server (" + String.join(" ", serverJvm) + ")");
        return ChildJvm.start(serverJvm, InstalledServer.ENVIRONMENT, LAUNCHER, List.of("serve", "--db", db.toString(), "--port", "0",
                "--auth", "tokens", "--logs", logs.toString()), logs.resolve(output));
    }

    /**
     * Notes its peak memory under {@code phase}, stops it cleanly (the WAL goes into the file) and
     * returns the database's size.
     */
    private long stop(ChildJvm server, Path db, String phase) throws IOException, InterruptedException {
        peaks.add(phase, server.peakResident());
        int status = server.stop();
        if (status != 0 && status != 143) {
            progress.println("  (the server exited with status " + status + ")");
        }
        return fileSize(db);
    }

    /** The database file with its WAL, if any is left. */
    static long fileSize(Path db) throws IOException {
        long size = 0;
        for (String suffix : List.of("", "-wal")) {
            Path file = Path.of(db + suffix);
            if (Files.exists(file)) {
                size += Files.size(file);
            }
        }
        return size;
    }

    // ---- Data ----

    /** The records the reads use: one written by v1, one of 10 versions, one of the long history; the 10 KB records. */
    private void populate(ChildJvm server) throws IOException, InterruptedException {
        step("records for the reads: 10 versions, " + scale.longHistory() + " versions, " + LARGE_RECORDS + " of 10 KB");
        send(server, "POST", "/api/v1/records/" + V1_RECORD, "{\"name\":\"Ada Lovelace\",\"city\":\"London\",\"plan\":\"gold\"}");
        send(server, "POST", "/api/v2/records/" + SHORT_RECORD, wideRecord());
        for (int i = 2; i <= SHORT_HISTORY; i++) {
            send(server, "POST", "/api/v2/records/" + SHORT_RECORD, historyPatch(i));
        }
        send(server, "POST", "/api/v2/records/" + LONG_RECORD, wideRecord());
        LoadGenerator.Result history = new LoadGenerator(server.address(), scale.connections()).forCount(
                (connection, seq) -> post(server, "/api/v2/records/" + LONG_RECORD, historyPatch((int) (seq * scale.connections()
                        + connection) + 2)), scale.longHistory() - 1);
        if (history.errors() > 0) {
            throw new IOException("writing the long history failed: " + history.firstError());
        }
        for (long id = LARGE_FIRST; id < LARGE_FIRST + LARGE_RECORDS; id++) {
            send(server, "POST", "/api/v2/records/" + id, largeRecord(id));
        }
    }

    // ---- Reads ----

    private void measureReads(ChildJvm server, Map<String, LoadGenerator.Result> reads) throws IOException, InterruptedException {
        List<byte[]> shortAt = instants(server, SHORT_RECORD);
        List<byte[]> longAt = instants(server, LONG_RECORD);
        reads.put("get_v1", measure("GET v1", server, fixed(server, "GET", "/api/v1/records/" + V1_RECORD, null)));
        reads.put("get_v2_latest", measure("GET v2 latest, 10 versions", server,
                fixed(server, "GET", "/api/v2/records/" + SHORT_RECORD, null)));
        reads.put("get_v2_at_short", measure("GET v2 at an instant, 10 versions", server, cycling(shortAt)));
        reads.put("get_v2_latest_long", measure("GET v2 latest, " + scale.longHistory() + " versions", server,
                fixed(server, "GET", "/api/v2/records/" + LONG_RECORD, null)));
        reads.put("get_v2_at_long", measure("GET v2 at an instant, " + scale.longHistory() + " versions", server, cycling(longAt)));
        // Scraped by a few Prometheus servers, not by 50 clients at once.
        reads.put("get_metrics", measure(METRICS_LABEL, server, fixed(server, "GET", "/metrics", null), METRICS_CONNECTIONS,
                scale.warmUp()));
    }

    /** GETs of the record at instants spread evenly from its first version's recording to its last's. */
    private List<byte[]> instants(ChildJvm server, long id) throws IOException, InterruptedException {
        Instant first = Instants.parse(field(send(server, "GET", "/api/v2/records/" + id + "/versions/1", null), "recorded_at"));
        Instant last = Instants.parse(field(send(server, "GET", "/api/v2/records/" + id, null), "recorded_at"));
        long span = Duration.between(first, last).toNanos() / 1_000;
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < INSTANTS; i++) {
            Instant at = first.plus(Duration.ofNanos(span * i / (INSTANTS - 1) * 1_000));
            requests.add(get(server, "/api/v2/records/" + id + "?at=" + Instants.format(at)));
        }
        return requests;
    }

    private void addCeiling(List<LoadGenerator.Result> ceilings, double ceilingRate) {
        LoadGenerator.Result before = ceilings.get(0);
        Figure figure = Figure.load("ceiling", "ceiling: bare JDK HttpServer, fixed body", before, ceilingRate);
        figures.add(new Figure(figure.key(), figure.label(), ceilingRate, figure.unit(), figure.p50Millis(), figure.p99Millis(),
                1.0, null, null, String.format(Locale.ROOT, "mean of %,.0f (before) and %,.0f (after the reads) req/s",
                        before.perSecond(), ceilings.get(1).perSecond())));
    }

    private void addReads(Map<String, LoadGenerator.Result> reads, double ceilingRate) {
        figures.add(Figure.load("get_v1", "GET v1", reads.get("get_v1"), ceilingRate));
        LoadGenerator.Result latest = reads.get("get_v2_latest");
        figures.add(Figure.load("get_v2_latest", "GET v2 latest, 10 versions", latest, ceilingRate)
                .judged(">= 0.80, p99 < 10 ms", ratioAndP99(latest, ceilingRate, 0.8, 10)));
        figures.add(atInstant("get_v2_at_short", "GET v2 at an instant, 10 versions", reads.get("get_v2_at_short"), latest,
                ceilingRate));
        LoadGenerator.Result latestLong = reads.get("get_v2_latest_long");
        figures.add(Figure.load("get_v2_latest_long", "GET v2 latest, " + scale.longHistory() + " versions", latestLong, ceilingRate));
        figures.add(atInstant("get_v2_at_long", "GET v2 at an instant, " + scale.longHistory() + " versions",
                reads.get("get_v2_at_long"), latestLong, ceilingRate));
        LoadGenerator.Result metrics = reads.get("get_metrics");
        figures.add(Figure.load("get_metrics", METRICS_LABEL, metrics, ceilingRate)
                .judged("p99 < 50 ms", metrics.errors() == 0 && metrics.latencies().percentileMillis(99) < 50));
    }

    /** An at-instant read, judged against the latest read of the same record: at least 90% of its rate. */
    private static Figure atInstant(String key, String label, LoadGenerator.Result at, LoadGenerator.Result latest, double ceiling) {
        double share = latest.perSecond() > 0 ? at.perSecond() / latest.perSecond() : 0;
        return Figure.load(key, label, at, ceiling).judged(String.format(Locale.ROOT, "within 10%% of latest (%.2f)", share),
                share >= 0.9 && at.errors() == 0);
    }

    private static boolean ratioAndP99(LoadGenerator.Result result, double ceiling, double ratio, double p99Millis) {
        return result.errors() == 0 && ceiling > 0 && result.perSecond() / ceiling >= ratio
                && result.latencies().percentileMillis(99) < p99Millis;
    }

    // ---- Writes ----

    /** The second server: durable writes of small records, and what each version added to the file; returns its size. */
    private long smallWritesPhase(Path db, Path logs, long sizeAfterReads, double ceilingRate)
            throws IOException, InterruptedException {
        LoadGenerator.Result writes;
        long sizeAfterSmall;
        try (ChildJvm server = startServer(db, logs, "server-2.out")) {
            writes = measureWrites(server);
            sizeAfterSmall = stop(server, db, "small writes");
        }
        figures.add(Figure.load("post_v2_durable", "POST v2 durable, small records, " + scale.connections() + " connections",
                writes, ceilingRate).judged(">= 0.25, p99 < 50 ms", ratioAndP99(writes, ceilingRate, 0.25, 50)));
        long smallVersions = writes.succeededAll();
        figures.add(perVersion("bytes_per_version_small", "bytes per version, " + PATCH_BYTES + "-byte patches",
                sizeAfterSmall - sizeAfterReads, smallVersions).judged("<= 300", (sizeAfterSmall - sizeAfterReads) <= 300.0 * smallVersions));
        return sizeAfterSmall;
    }

    /** The third server: small patches to the 10 KB records, and what each version added to the file; returns its size. */
    private long largeWritesPhase(Path db, Path logs, long sizeAfterSmall, double ceilingRate)
            throws IOException, InterruptedException {
        long sizeAfterLarge;
        LoadGenerator.Result largeWrites;
        try (ChildJvm server = startServer(db, logs, "server-3.out")) {
            largeWrites = writeLarge(server);
            sizeAfterLarge = stop(server, db, "10 KB records");
        }
        figures.add(Figure.load("post_v2_large_records", "POST v2 durable, small patches to 10 KB records", largeWrites,
                ceilingRate));
        figures.add(perVersion("bytes_per_version_large", "bytes per version, 10 KB records, small patches",
                sizeAfterLarge - sizeAfterSmall, largeWrites.succeededAll()));
        return sizeAfterLarge;
    }

    /** Durable writes at full load, each connection to its own records in turn, each a new version. */
    private LoadGenerator.Result measureWrites(ChildJvm server) throws InterruptedException {
        int connections = scale.connections();
        return measure("POST v2 durable, " + PATCH_BYTES + "-byte patches", server, (connection, seq) -> {
            long n = seq * connections + connection;
            return post(server, "/api/v2/records/" + (SMALL_FIRST + n % SMALL_RECORDS), smallPatch(n));
        }, connections, scale.freshWarmUp());
    }

    private LoadGenerator.Result writeLarge(ChildJvm server) throws InterruptedException {
        step(scale.largeWrites() + " small patches to the 10 KB records");
        int connections = scale.connections();
        return new LoadGenerator(server.address(), connections).forCount((connection, seq) -> {
            long n = seq * connections + connection;
            return post(server, "/api/v2/records/" + (LARGE_FIRST + n % LARGE_RECORDS), smallPatch(n));
        }, scale.largeWrites());
    }

    private static Figure perVersion(String key, String label, long bytes, long versions) {
        return Figure.of(key, label, versions > 0 ? (double) bytes / versions : 0, "B")
                .noted(String.format(Locale.ROOT, "%,d bytes for %,d versions", bytes, versions));
    }

    // ---- Load runs and single requests ----

    private LoadGenerator.Result measure(String what, ChildJvm target, LoadGenerator.Requests requests) throws InterruptedException {
        return measure(what, target, requests, scale.connections(), scale.warmUp());
    }

    private LoadGenerator.Result measure(String what, ChildJvm target, LoadGenerator.Requests requests, int connections,
                                         Duration warmUp) throws InterruptedException {
        LoadGenerator.Result result = new LoadGenerator(target.address(), connections)
                .forDuration(requests, warmUp, scale.measured());
        progress.println("  " + what + ": " + result);
        return result;
    }

    private LoadGenerator.Requests fixed(ChildJvm target, String method, String path, String body) {
        byte[] request = method.equals("GET") ? get(target, path) : post(target, path, body);
        return (connection, seq) -> request;
    }

    private static LoadGenerator.Requests cycling(List<byte[]> requests) {
        return (connection, seq) -> requests.get((int) ((seq * 7 + connection) % requests.size()));
    }

    private byte[] get(ChildJvm target, String path) {
        return LoadGenerator.get(target.address(), path, headers());
    }

    private byte[] post(ChildJvm target, String path, String body) {
        return LoadGenerator.post(target.address(), path, headers(), body);
    }

    private List<String> headers() {
        return List.of("Authorization: Bearer " + token);
    }

    /** One request; fails unless it is answered 2xx. Returns the body. */
    private String send(ChildJvm server, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) throws IOException {
        try {
            JsonObject object = JsonParser.parseObject(json);
            return object.getString(name).orElseThrow(() -> new IOException("no " + name + " in " + json));
        } catch (JsonParseException | RuntimeException e) {
            throw new IOException("not the expected JSON: " + json, e);
        }
    }

    private void step(String what) {
        progress.printf(Locale.ROOT, "bench [%5.1f s]: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    // ---- About the run ----

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", scale.name());
        settings.put("connections", Integer.toString(scale.connections()));
        settings.put("warm_up_s", Double.toString(scale.warmUp().toMillis() / 1e3));
        settings.put("fresh_server_warm_up_s", Double.toString(scale.freshWarmUp().toMillis() / 1e3));
        settings.put("measured_s", Double.toString(scale.measured().toMillis() / 1e3));
        settings.put("long_history_versions", Integer.toString(scale.longHistory()));
        settings.put("server_jvm_options", String.join(" ", serverJvm));
        settings.put("server_environment", InstalledServer.environment());
        settings.put("auth", "bearer token of an admin user");
        return settings;
    }

    /** Deletes {@code dir} and everything in it. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
