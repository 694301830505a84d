package io.timetravel.testing;

import io.timetravel.app.AppContext;
import io.timetravel.app.Options;
import io.timetravel.storage.DbTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The real application (database, store, services, HTTP listener on a free port) for
 * integration tests, with a small client. Close it to stop the server and release the database.
 * It runs on a SQLite file or, with {@link #start(DbTarget, Path, Clock, String...)}, on either engine.
 */
public final class TestServer implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final AppContext context;
    private final String baseUrl;
    private final DbTarget target;

    private TestServer(AppContext context, DbTarget target) throws IOException {
        this.context = context;
        this.target = target;
        context.startListener();
        this.baseUrl = context.listenerUrl();
    }

    /** Starts on {@code database} (created if missing) with the system clock. */
    public static TestServer start(Path database) {
        return start(database, Clock.systemUTC());
    }

    public static TestServer start(Path database, Clock clock) {
        return start(database, clock, AppContext.StreamSettings.defaults());
    }

    /** Starts with event streams bounded and kept alive as given (small limits reach them quickly). */
    public static TestServer start(Path database, AppContext.StreamSettings streams) {
        return start(database, Clock.systemUTC(), streams);
    }

    /**
     * Starts with further command-line arguments after {@code --headless --db X --port 0}, e.g.
     * {@code --auth tokens}, {@code --allowed-hosts} or {@code --cors-origins}.
     */
    public static TestServer start(Path database, String... extraArgs) {
        return start(database, Clock.systemUTC(), AppContext.StreamSettings.defaults(), extraArgs);
    }

    public static TestServer start(Path database, Clock clock, AppContext.StreamSettings streams, String... extraArgs) {
        return start(DbTarget.sqlite(database), List.of(), clock, streams, extraArgs);
    }

    /**
     * Starts on {@code target}: a SQLite file, or a PostgreSQL database (e.g.
     * {@code PostgresServer.freshDatabase()}) with {@code folder} as its data folder ({@code --data}:
     * keys, digests.log and snapshots, which a SQLite database keeps beside its file).
     */
    public static TestServer start(DbTarget target, Path folder, Clock clock, String... extraArgs) {
        List<String> beside = target.postgres() ? List.of("--data", folder.toString()) : List.of();
        return start(target, beside, clock, AppContext.StreamSettings.defaults(), extraArgs);
    }

    private static TestServer start(DbTarget target, List<String> engineArgs, Clock clock, AppContext.StreamSettings streams,
                                    String... extraArgs) {
        String db = target.postgres() ? target.url() : target.file().toString();
        List<String> args = new java.util.ArrayList<>(List.of("--headless", "--db", db, "--port", "0"));
        args.addAll(engineArgs);
        args.addAll(List.of(extraArgs));
        Options options = Options.parse(args.toArray(String[]::new));
        AppContext context = AppContext.open(options, clock, streams);
        try {
            return new TestServer(context, target);
        } catch (IOException e) {
            context.close();
            throw new UncheckedIOException(e);
        }
    }

    public AppContext context() {
        return context;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The port the listener is bound to, for raw sockets. */
    public int port() {
        return URI.create(baseUrl).getPort();
    }

    /** The SQLite file; {@code null} on PostgreSQL (see {@link #target()}). */
    public Path database() {
        return target.file();
    }

    /** The database, on either engine, e.g. for {@link Sql}. */
    public DbTarget target() {
        return target;
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Reply put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    /** Sends a request; {@code headers} alternate names and values. A null body sends none. */
    public Reply send(String method, String path, String body, String... headers) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    public Reply sendBytes(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** A response: status, body text and headers (names in lower case). */
    public record Reply(int status, String body, java.util.Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body parsed as a JSON object. */
        public io.timetravel.domain.json.JsonObject json() {
            try {
                return io.timetravel.domain.json.JsonParser.parseObject(body);
            } catch (io.timetravel.domain.json.JsonParseException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
