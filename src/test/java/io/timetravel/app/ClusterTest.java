package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.storage.Database;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.storage.SqlRecordStore;
import io.timetravel.testing.ChildServer;
import io.timetravel.testing.PostgresServer;
import io.timetravel.testing.SseClient;
import io.timetravel.testing.SseClient.Frame;
import io.timetravel.testing.Wait;
import io.timetravel.testing.WriteLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database (decision 0029), sharing one data folder as an
 * operator shares the keys: both write the same records at once and lose nothing they
 * acknowledged, one dies by {@code kill -9} while the other goes on, events, flags and tokens of
 * one are seen by the other.
 */
class ClusterTest {

    /** For what only a busy machine slows down: start-up, the load getting real, delivery. */
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    /** How long the load runs at least, whatever the number of writes. */
    private static final Duration LOAD_TIME = Duration.ofSeconds(10);
    private static final int WRITERS_EACH = 16;
    private static final int RECORDS = 8;
    private static final String[] USER = {"X-User-ID", "7"};
    private static final Pattern HTTP_FAILURE = Pattern.compile("writer \\d+: \\d{3} .*", Pattern.DOTALL);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    Path dir;
    private String db;
    private final List<ChildServer> servers = new ArrayList<>();
    private final List<WriteLoad> loads = new ArrayList<>();

    @BeforeEach
    void database() {
        db = PostgresServer.get().createDatabase();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        loads.forEach(WriteLoad::close);
        for (ChildServer server : servers) {
            server.close();
        }
    }

    /** A server on the test's database, with the one data folder both share. */
    private ChildServer server(String name, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        all.addAll(Arrays.asList(options));
        ChildServer server = ChildServer.start(db, dir.resolve("logs-" + name), List.of(), all);
        servers.add(server);
        return server;
    }

    /** 16 writers on {@code server}; writer w writes record (w % 8) + 1, as the other server's writers do. */
    private WriteLoad load(ChildServer server, String name) {
        WriteLoad load = WriteLoad.start(server.url(), WRITERS_EACH, w -> "/api/v2/records/" + (w % RECORDS + 1),
                (w, n) -> "{\"server\":\"" + name + "\",\"writer\":" + w + ",\"n\":" + n + "}", USER);
        loads.add(load);
        return load;
    }

    /** Waits until each load has {@code each} writes acknowledged and has run {@code atLeast}. */
    private static void awaitWrites(WriteLoad onA, WriteLoad onB, long each, Duration atLeast) {
        long started = System.nanoTime();
        Wait.until(DEADLINE, () -> System.nanoTime() - started >= atLeast.toNanos()
                        && onA.acknowledgedInAll() >= each && onB.acknowledgedInAll() >= each,
                () -> each + " acknowledged writes through each server: a " + onA.acknowledgedInAll() + " " + onA.failures()
                        + ", b " + onB.acknowledgedInAll() + " " + onB.failures());
    }

    @Test
    void bothServersWriteTheSameRecordsAndEveryAcknowledgedWriteIsThere() throws Exception {
        ChildServer a = server("a");
        ChildServer b = server("b");
        WriteLoad onA = load(a, "a");
        WriteLoad onB = load(b, "b");
        long started = System.nanoTime();
        // At least ten seconds of load, and enough writes through each server: a slow machine only takes longer.
        awaitWrites(onA, onB, 300, LOAD_TIME);
        onA.close();
        onB.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "cluster load: %d writes through a, %d through b in %.1f s (%.0f/s)%n",
                onA.acknowledgedInAll(), onB.acknowledgedInAll(), seconds,
                (onA.acknowledgedInAll() + onB.acknowledgedInAll()) / seconds);
        assertEquals(List.of(), onA.failures(), "no write through a failed");
        assertEquals(List.of(), onB.failures(), "no write through b failed");

        assertAllThere(onA.answers(), b);
        assertAllThere(onB.answers(), a);
        assertDistinct(onA.answers(), onB.answers());
        assertVersionsWellFormed();
        System.out.println("PostgreSQL's statistics of the database: " + column("SELECT 'deadlocks ' || deadlocks || ', commits '"
                + " || xact_commit || ', rollbacks ' || xact_rollback FROM pg_stat_database WHERE datname = current_database()"));
        assertVerified(a, b);
    }

    @Test
    void killNineOfOneServerLosesNoAcknowledgedWriteAndTheOtherGoesOn() throws Exception {
        ChildServer a = server("a");
        ChildServer b = server("b");
        WriteLoad onA = load(a, "a");
        WriteLoad onB = load(b, "b");
        awaitWrites(onA, onB, 200, Duration.ZERO);
        a.kill(); // SIGKILL mid-load: requests in flight, transactions open, its lane held
        long atKill = onB.acknowledgedInAll();
        long killed = System.nanoTime();
        // The survivor's writers go on: the records' rows a held are free again.
        Wait.until(DEADLINE, () -> onB.acknowledgedInAll() >= atKill + 300,
                () -> "300 more writes through b after a was killed: " + (onB.acknowledgedInAll() - atKill) + " " + onB.failures());
        System.out.printf(Locale.ROOT, "after kill -9 of a: b acknowledged 300 more writes in %.1f s%n",
                (System.nanoTime() - killed) / 1e9);
        onA.close();
        onB.close();
        assertEquals(List.of(), onA.failures().stream().filter(f -> HTTP_FAILURE.matcher(f).matches()).toList(),
                "a answered every write it answered with 2xx; only its connections broke");
        assertEquals(List.of(), onB.failures(), "no write through b failed");

        assertAllThere(onA.answers(), b);
        assertAllThere(onB.answers(), b);
        assertDistinct(onA.answers(), onB.answers());
        assertVersionsWellFormed();
        HttpResponse<String> read = get(b, "/api/v2/records/1", USER);
        assertEquals(200, read.statusCode(), read::body);
        JsonObject verified = verify(b);
        assertEquals("true", verified.getOrNull("ok").toString(), () -> verified.toJson() + "\n" + auditLanes());
        assertEquals(count("SELECT count(*) FROM audit_history"), number(verified, "entries"), verified::toJson);
    }

    @Test
    void eventsWrittenThroughOneServerStreamOnTheOtherAndResumeThereWithoutGapOrDuplicate() throws Exception {
        ChildServer a = server("a");
        ChildServer b = server("b");
        try (SseClient onB = SseClient.open(b.url(), "/api/v2/events", USER);
             SseClient onA = SseClient.open(a.url(), "/api/v2/events", USER)) {
            assertEquals(200, onB.status(), onB::errorBody);
            assertEquals(200, onA.status(), onA::errorBody);
            List<Double> toB = new ArrayList<>();
            List<Double> toA = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                JsonObject written = post(a, "/api/v2/records/1", "{\"n\":" + i + "}");
                long acknowledged = System.nanoTime();
                toB.add(latency(onB, written, acknowledged));
                toA.add(latency(onA, written, acknowledged));
            }
            System.out.printf(Locale.ROOT, "from a write's acknowledgement by a to its event (20 writes): on b median %.1f ms,"
                    + " max %.1f ms; on a itself median %.1f ms, max %.1f ms%n", median(toB), max(toB), median(toA), max(toA));
        }

        try (SseClient onA = SseClient.open(a.url(), "/api/v2/events", USER)) {
            assertEquals(200, onA.status(), onA::errorBody);
            for (int i = 1; i <= 5; i++) {
                post(a, "/api/v2/records/2", "{\"a\":" + i + "}");
                post(b, "/api/v2/records/3", "{\"b\":" + i + "}");
            }
            List<Frame> seenOnA = onA.events(10, DEADLINE);
            String resumeAfter = seenOnA.get(3).id();
            try (SseClient resumed = SseClient.open(b.url(), "/api/v2/events", USER[0], USER[1], "Last-Event-ID", resumeAfter)) {
                assertEquals(200, resumed.status(), resumed::errorBody);
                assertEquals(ids(seenOnA.subList(4, 10)), ids(resumed.events(6, DEADLINE)),
                        "b resumes exactly after the event first seen on a");
                post(b, "/api/v2/records/2", "{\"c\":1}");
                post(a, "/api/v2/records/3", "{\"c\":2}");
                List<Frame> laterOnA = onA.events(2, DEADLINE);
                assertEquals(ids(laterOnA), ids(resumed.events(2, DEADLINE)), "and then goes on live, as a's stream does");
                List<String> stored = column("SELECT id FROM event_logs WHERE position > (SELECT position FROM event_logs WHERE id = "
                        + resumeAfter + ") ORDER BY position");
                List<String> delivered = new ArrayList<>(ids(seenOnA.subList(4, 10)));
                delivered.addAll(ids(laterOnA));
                assertEquals(stored, delivered, "every event after the resumed one, in commit order, once");
            }
        }
    }

    @Test
    void flagsUsersAndTokensChangedThroughOneServerTakeEffectOnTheOther() throws Exception {
        ChildServer a = server("a", "--auth", "tokens");
        ChildServer b = server("b", "--auth", "tokens");
        String[] admin = bearer(bootstrapAdmin());
        assertEquals(201, send(b, "POST", "/api/v2/records/1", "{\"name\":\"Ada\"}", admin).statusCode());

        HttpResponse<String> off = send(a, "PUT", "/api/v2/flags/enable_v2_api", "{\"enabled\":false}", admin);
        assertEquals(200, off.statusCode(), off::body);
        double offTook = timeUntil(() -> get(b, "/api/v2/records/1", admin).statusCode() == 404, "v2 switched off on b");
        assertEquals("{\"error\":\"v2 API is disabled\"}", get(b, "/api/v2/records/1", admin).body());
        HttpResponse<String> on = send(b, "PUT", "/api/v2/flags/enable_v2_api", "{\"enabled\":true}", admin);
        assertEquals(200, on.statusCode(), on::body);
        double onTook = timeUntil(() -> get(a, "/api/v2/records/1", admin).statusCode() == 200, "v2 switched on again on a");

        HttpResponse<String> added = send(a, "POST", "/api/v2/users", "{\"id\":10,\"name\":\"Una Underwriter\",\"roles\":[\"underwriter\"]}",
                admin);
        assertEquals(201, added.statusCode(), added::body);
        HttpResponse<String> issued = send(a, "POST", "/api/v2/tokens", "{\"user\":10}", admin);
        assertEquals(201, issued.statusCode(), issued::body);
        String[] writer = bearer(text(json(issued.body()), "token"));
        double tokenTook = timeUntil(() -> get(b, "/api/v2/records/1", writer).statusCode() == 200, "a's token accepted on b");
        HttpResponse<String> written = send(b, "POST", "/api/v2/records/1", "{\"premium\":3}", writer);
        assertEquals(200, written.statusCode(), written::body);
        assertEquals(10L, number(json(written.body()), "actor"), "b knows the token's user");

        HttpResponse<String> revoked = send(a, "DELETE", "/api/v2/tokens?user=10", null, admin);
        assertEquals(200, revoked.statusCode(), revoked::body);
        double revokeTook = timeUntil(() -> get(b, "/api/v2/records/1", writer).statusCode() == 401, "a's revocation on b");
        System.out.printf(Locale.ROOT, "changes through one server seen on the other: flag off %.0f ms, flag on %.0f ms,"
                + " new token %.0f ms, revocation %.0f ms%n", offTook, onTook, tokenTook, revokeTook);
    }

    /** Milliseconds from {@code since} until {@code stream} delivers the event of {@code written}. */
    private static double latency(SseClient stream, JsonObject written, long since) {
        Frame event = stream.nextEvent(DEADLINE);
        double took = (System.nanoTime() - since) / 1e6;
        assertNotNull(event, "the stream goes on");
        JsonObject data = json(event.data());
        assertEquals("record.written", event.event());
        assertEquals(number(written, "id"), number(data, "record_id"));
        assertEquals(number(written, "version"), number(data, "version"), "the event of the write just made");
        return took;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    // --- what the tests share -------------------------------------------------------------------

    /** User 1, an admin, added with a token on the database directly (as the command line does); the token. */
    private String bootstrapAdmin() {
        Path anchor = dir.resolve("data").resolve(DatabaseChoice.DATA_ANCHOR);
        try (Database database = Database.open(DbTarget.parse(db, Map.of()));
             SqlRecordStore store = new SqlRecordStore(database, Clock.systemUTC(), 2)) {
            AccessService access = new AccessService(new SqlAccessStore(store, MaskingKey.load(anchor)), Clock.systemUTC());
            access.addUser(new NewUser(1, "Ada Admin", Set.of(Role.ADMIN), true, null), Actor.ANONYMOUS).join();
            return access.issueToken(1, null, Actor.ANONYMOUS).join().token();
        }
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** Each acknowledged answer names a version that {@code reader} serves exactly as answered. */
    private void assertAllThere(List<String> answers, ChildServer reader) {
        assertTrue(answers.size() > 0, "there were acknowledged writes");
        for (String answer : answers) {
            JsonObject written = json(answer);
            String path = "/api/v2/records/" + number(written, "id") + "/versions/" + number(written, "version");
            HttpResponse<String> read = get(reader, path, USER);
            assertEquals(200, read.statusCode(), () -> path + ": " + read.body());
            assertEquals(answer, read.body(), "the acknowledged version as stored, read through the other server");
        }
    }

    /** No two acknowledgements name the same version. */
    private static void assertDistinct(List<String> first, List<String> second) {
        Set<String> versions = new HashSet<>();
        for (List<String> answers : List.of(first, second)) {
            for (String answer : answers) {
                JsonObject written = json(answer);
                String version = number(written, "id") + "/" + number(written, "version");
                assertTrue(versions.add(version), "acknowledged twice: record/version " + version);
            }
        }
    }

    /** Per record: versions 1..n, each once, recorded_at strictly increasing. */
    private void assertVersionsWellFormed() {
        List<String> records = column("SELECT record_id || ':' || count(*) || ':' || max(version) || ':' || count(DISTINCT version)"
                + " FROM policyholder_records GROUP BY record_id ORDER BY record_id");
        assertEquals(RECORDS, records.size(), records::toString);
        for (String record : records) {
            String[] parts = record.split(":");
            assertEquals(parts[1], parts[2], "count = max(version) for record " + record);
            assertEquals(parts[1], parts[3], "count = count(distinct version) for record " + record);
        }
        assertEquals(0, count("SELECT count(*) FROM (SELECT recorded_at, lag(recorded_at) OVER (PARTITION BY record_id ORDER BY version)"
                + " AS previous FROM policyholder_records) AS t WHERE previous IS NOT NULL AND recorded_at <= previous"),
                "recorded_at grows strictly per record");
    }

    /** Both servers verify everything stored and agree on it. */
    private void assertVerified(ChildServer a, ChildServer b) {
        JsonObject onA = verify(a);
        JsonObject onB = verify(b);
        assertEquals("true", onA.getOrNull("ok").toString(), () -> onA.toJson() + "\n" + auditLanes());
        assertEquals(onA.toJson(), onB.toJson(), "both servers verify the same");
        assertEquals(count("SELECT count(*) FROM audit_history"), number(onA, "entries"), onA::toJson);
    }

    /** The audit trail's first links, for a failure's message. */
    private String auditLanes() {
        return "first audit entries (id lane record/version prev_hash -> hash):\n" + String.join("\n", column(
                "SELECT id || ' ' || lane || ' ' || coalesce(record_id::text, '-') || '/' || coalesce(version::text, '-') || ' '"
                        + " || left(prev_hash, 12) || ' -> ' || left(hash, 12) FROM audit_history ORDER BY id LIMIT 12"));
    }

    private static JsonObject verify(ChildServer server) {
        HttpResponse<String> verified = get(server, "/api/v2/audit/verify", USER);
        assertEquals(200, verified.statusCode(), verified::body);
        return json(verified.body());
    }

    /** Milliseconds until {@code condition} holds (failing after the deadline). */
    private static double timeUntil(java.util.function.BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        Wait.until(DEADLINE, condition, () -> what);
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<String> ids(List<Frame> events) {
        return events.stream().map(Frame::id).toList();
    }

    private static JsonObject json(String text) {
        try {
            return JsonParser.parseObject(text);
        } catch (JsonParseException e) {
            throw new AssertionError("not a JSON object: " + text, e);
        }
    }

    private static long number(JsonObject object, String member) {
        JsonValue value = object.getOrNull(member);
        assertTrue(value instanceof JsonNumber, () -> member + " in " + object.toJson());
        return ((JsonNumber) value).value().longValueExact();
    }

    private static String text(JsonObject object, String member) {
        JsonValue value = object.getOrNull(member);
        assertTrue(value instanceof JsonString, () -> member + " in " + object.toJson());
        return ((JsonString) value).value();
    }

    private static JsonObject post(ChildServer server, String path, String body) {
        HttpResponse<String> response = send(server, "POST", path, body, USER);
        assertEquals(2, response.statusCode() / 100, response::body);
        return json(response.body());
    }

    private static HttpResponse<String> get(ChildServer server, String path, String... headers) {
        return send(server, "GET", path, null, headers);
    }

    private static HttpResponse<String> send(ChildServer server, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        return Long.parseLong(column(sql).get(0));
    }

    /** The first column of {@code sql}'s rows, on the test's database. */
    private List<String> column(String sql) {
        try (Connection connection = DriverManager.getConnection(db); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
