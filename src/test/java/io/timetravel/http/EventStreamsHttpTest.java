package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.app.AppContext;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.RecordEvents;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.service.EventStreams;
import io.timetravel.testing.Sql;
import io.timetravel.testing.SseClient;
import io.timetravel.testing.SseClient.Frame;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.Wait;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay and live event streams over real HTTP (docs/contract.md: v2, issue 3 item 5): the wire format, ids
 * that match {@code event_logs}, resumption with {@code Last-Event-ID}, a stuck client that holds
 * up nobody, the bound on open streams, and errors answered before a stream starts. One server
 * for the class with a small stream limit and a short heartbeat; each test works on its own
 * record ids and leaves no stream open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventStreamsHttpTest {

    private static final int LIMIT = 4;
    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER = "X-User-ID";

    @TempDir
    static Path dir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("streams.db"), new AppContext.StreamSettings(
                new EventStreams.Limits(LIMIT, 64, 256 * 1024), HEARTBEAT));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noStreamLeftOpen() {
        Wait.until(WAIT, () -> streams().openStreams() == 0, () -> streams().openStreams() + " streams still open");
    }

    // --- replay --------------------------------------------------------------------------------

    @Test
    void replayStreamsEveryVersionInOrderWithItsEventIdThenEnds() {
        for (int i = 1; i <= 5; i++) {
            write(100, "{\"n\":" + i + ",\"name\":\"Ada\"}");
            write(101, "{\"other\":" + i + "}");
        }
        List<String> eventIds = column("SELECT id FROM event_logs WHERE record_id = 100 ORDER BY id");

        try (SseClient client = SseClient.open(server.baseUrl(), "/api/v2/records/100/replay", USER, "42")) {
            assertEquals(200, client.status());
            assertEquals("text/event-stream; charset=utf-8", client.header("Content-Type"));
            assertEquals("no-cache", client.header("Cache-Control"));
            assertEquals("chunked", client.header("Transfer-Encoding"));

            List<Frame> events = client.eventsUntilEnd(WAIT);
            assertTrue(client.ended(), "the stream ends after the last version");
            assertEquals(eventIds, events.stream().map(Frame::id).toList());
            for (int i = 0; i < events.size(); i++) {
                Frame event = events.get(i);
                assertEquals("version", event.event());
                assertEquals(server.get("/api/v2/records/100/versions/" + (i + 1), USER, "42").body(), event.data(),
                        "the data is the v2 record body of that version");
            }
        }
    }

    @Test
    void replayOfAnUnknownRecordIs404BeforeAnyStream() {
        Reply reply = server.get("/api/v2/records/424242/replay", USER, "42");
        assertEquals(404, reply.status());
        assertEquals("{\"error\":\"record 424242 not found\"}", reply.body());
        assertEquals("application/json; charset=utf-8", reply.header("Content-Type"));
    }

    @Test
    void replayFollowsTheRulesOfEveryV2Route() {
        assertEquals("{\"error\":\"missing X-User-ID header\"}", server.get("/api/v2/records/1/replay").body());
        assertEquals("{\"error\":\"invalid X-User-ID header\"}", server.get("/api/v2/records/1/replay", USER, "x").body());
        Reply badId = server.get("/api/v2/records/abc/replay", USER, "42");
        assertEquals(400, badId.status());
        assertEquals("{\"error\":\"invalid id; id must be a positive 64-bit integer\"}", badId.body());
        assertEquals(405, server.post("/api/v2/records/1/replay", "{}", USER, "42").status());
    }

    // --- live ----------------------------------------------------------------------------------

    @Test
    void liveStreamDeliversTheChangesWrittenAfterSubscribing() {
        write(200, "{\"before\":true}");
        String seen = Sql.scalar(server.database(), "SELECT max(id) FROM event_logs");

        List<Frame> live;
        try (SseClient client = SseClient.open(server.baseUrl(), "/api/v2/events", USER, "42")) {
            assertEquals(200, client.status());
            assertEquals("text/event-stream; charset=utf-8", client.header("Content-Type"));
            write(200, "{\"a\":1}");
            write(201, "{\"b\":2}");

            List<Frame> events = client.events(2, WAIT);
            live = events;
            assertEquals(column("SELECT id FROM event_logs WHERE id > " + seen + " ORDER BY id"),
                    events.stream().map(Frame::id).toList(), "only the changes made after subscribing");

            Frame first = events.get(0);
            assertEquals("record.written", first.event());
            JsonObject data = parse(first.data());
            assertEquals(Long.parseLong(first.id()), longOf(data, "event_id"));
            assertEquals("record.written", textOf(data, "event_type"));
            assertEquals(200L, longOf(data, "record_id"));
            assertEquals(2L, longOf(data, "version"));
            assertEquals(42L, longOf(data, "actor"));
            assertTrue(data.get("occurred_at").isPresent());
            JsonObject payload = (JsonObject) member(data, "payload");
            assertEquals("{\"a\":1}", member(payload, "patch").toJson());
            assertEquals("UPDATE", textOf(payload, "operation"));
            // The log keeps what the version row does not hold; the rest is read back from the row.
            assertEquals(Sql.scalar(server.database(), "SELECT payload FROM event_logs WHERE id = " + first.id()),
                    RecordEvents.stored(payload).toJson(), "the logged part of the payload");
            assertEquals("{\"a\":null}", member(payload, "old_value").toJson(), "the change both ways, from the version rows");
            assertEquals("{\"a\":1}", member(payload, "new_value").toJson());

            assertEquals(201L, longOf(parse(events.get(1).data()), "record_id"));
        }
        try (SseClient resumed = SseClient.open(server.baseUrl(), "/api/v2/events", USER, "42", "Last-Event-ID", seen)) {
            List<Frame> replayed = resumed.events(2, WAIT);
            assertEquals(member(parse(live.get(0).data()), "payload"), member(parse(replayed.get(0).data()), "payload"),
                    "a replayed event has exactly the payload its live delivery had");
            assertEquals(live.get(1).data(), replayed.get(1).data());
        }
    }

    @Test
    void resumingWithLastEventIdDeliversExactlyTheMissedEventsThenLiveOnes() {
        write(300, "{\"n\":1}");
        String seen = Sql.scalar(server.database(), "SELECT max(id) FROM event_logs");
        for (int i = 2; i <= 5; i++) {
            write(300, "{\"n\":" + i + "}");
        }

        try (SseClient client = SseClient.open(server.baseUrl(), "/api/v2/events", USER, "42", "Last-Event-ID", seen)) {
            assertEquals(200, client.status());
            write(300, "{\"n\":6}");
            write(300, "{\"n\":7}");

            List<Frame> events = client.events(6, WAIT);
            assertEquals(column("SELECT id FROM event_logs WHERE id > " + seen + " ORDER BY id"),
                    events.stream().map(Frame::id).toList());
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L),
                    events.stream().map(e -> longOf(parse(e.data()), "version")).toList());

            Frame next = client.nextFrame(WAIT);
            assertEquals("keep-alive", next.comment(), "no duplicate follows, only the heartbeat");
            assertNull(next.data());
        }
    }

    @Test
    void idleStreamsGetKeepAliveComments() {
        try (SseClient client = SseClient.open(server.baseUrl(), "/api/v2/events", USER, "42")) {
            assertEquals("retry 2000", client.nextFrame(WAIT).comment(), "reconnect advice comes first");
            assertEquals("keep-alive", client.nextFrame(WAIT).comment());
            assertEquals("keep-alive", client.nextFrame(WAIT).comment());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "", "99999999999999999999", "0x10"})
    void invalidLastEventIdIs400(String value) {
        Reply reply = server.get("/api/v2/events", USER, "42", "Last-Event-ID", value);
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("{\"error\":\"invalid Last-Event-ID header; use a non-negative whole number\"}", reply.body());
    }

    @Test
    void liveStreamNeedsAUser() {
        Reply reply = server.get("/api/v2/events");
        assertEquals(400, reply.status());
        assertEquals("{\"error\":\"missing X-User-ID header\"}", reply.body());
    }

    // --- limits and slow clients -----------------------------------------------------------

    @Test
    void streamsPastTheLimitAre503UntilAClientDisconnects() {
        write(400, "{\"a\":1}");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                SseClient client = SseClient.open(server.baseUrl(), "/api/v2/events", USER, "42");
                assertEquals(200, client.status());
                open.add(client);
            }

            for (String path : List.of("/api/v2/events", "/api/v2/records/400/replay")) {
                try (SseClient refused = SseClient.open(server.baseUrl(), path, USER, "42")) {
                    assertEquals(503, refused.status());
                    assertEquals("{\"error\":\"too many open event streams (limit " + LIMIT + "); retry later\"}",
                            refused.errorBody());
                    assertEquals("5", refused.header("Retry-After"));
                }
            }
            assertEquals(200, server.get("/api/v2/records/400", USER, "42").status(), "ordinary requests still work");

            open.remove(0).close();
            // The server notices the dropped client at its next heartbeat and frees the slot.
            Wait.until(WAIT, () -> streams().openStreams() < LIMIT, () -> "slot still taken");
            try (SseClient again = SseClient.open(server.baseUrl(), "/api/v2/records/400/replay", USER, "42")) {
                assertEquals(200, again.status());
                assertEquals(1, again.eventsUntilEnd(WAIT).size());
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aStuckClientSlowsNeitherWritersNorOtherSubscribers() throws Exception {
        String big = "x".repeat(64 * 1024);
        int writes = 60;
        try (Socket stuck = SseClient.stuck(server.baseUrl(), "/api/v2/events", USER, "42");
             SseClient reader = SseClient.open(server.baseUrl(), "/api/v2/events", USER, "43")) {
            Wait.until(WAIT, () -> streams().openStreams() == 2, () -> "the stuck client's stream did not open");
            long start = Long.parseLong(Sql.scalar(server.database(), "SELECT coalesce(max(id), 0) FROM event_logs"));

            // Each event carries the 64 kB value two or three times: far more than the socket
            // buffers of the stuck connection hold, so its stream thread blocks in a write early
            // on, while the writes and the other reader go on.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v2/records/" + (500 + i % 4)))
                        .header(USER, "42")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + big + i + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            // Were the writes held up by the stuck client, they would not finish at all.
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                int status = answer.get().statusCode();
                assertTrue(status == 200 || status == 201, "write answered " + status);
            }

            List<Frame> events = reader.events(writes, WAIT);
            assertEquals(column("SELECT id FROM event_logs WHERE id > " + start + " ORDER BY id"),
                    events.stream().map(Frame::id).toList(), "the other subscriber got every event, in order");
            assertEquals(200, server.get("/api/v2/records/500", USER, "42").status());

            assertEquals(2, streams().openStreams(), "the stuck client still holds its slot");
            stuck.close();
            Wait.until(WAIT, () -> streams().openStreams() == 1, () -> "the stuck client's slot was not freed");
        }
    }

    @Test
    void closingTheServerEndsOpenStreamsPromptly() {
        Duration keepAlive = Duration.ofMinutes(10);
        TestServer own = TestServer.start(dir.resolve("closing.db"), new AppContext.StreamSettings(
                new EventStreams.Limits(4, 64, 256 * 1024), keepAlive));
        try (SseClient live = SseClient.open(own.baseUrl(), "/api/v2/events", USER, "42")) {
            assertEquals(200, live.status());
            assertNotNull(live.nextFrame(WAIT), "the retry advice");
            long began = System.nanoTime();
            own.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - began);

            assertNull(ended(live), "the stream ended");
            // Not a timing: a close that waited for the stream's next keep-alive would take minutes.
            assertTrue(closing.compareTo(keepAlive.dividedBy(2)) < 0, "closing took " + closing);
        }
    }

    /** The next frame, or null when the stream ended or the connection was dropped. */
    private static Frame ended(SseClient client) {
        try {
            return client.nextFrame(WAIT);
        } catch (java.io.UncheckedIOException dropped) {
            return null;
        }
    }

    private static EventStreams streams() {
        return server.context().eventStreams();
    }

    private static void write(long id, String body) {
        Reply reply = server.post("/api/v2/records/" + id, body, USER, "42");
        assertTrue(reply.status() == 200 || reply.status() == 201, reply::toString);
    }

    private static List<String> column(String sql) {
        return Sql.query(server.database(), sql).stream().map(row -> row.get(0)).toList();
    }

    private static JsonValue member(JsonObject object, String key) {
        return object.get(key).orElseThrow(() -> new AssertionError("no " + key + " in " + object));
    }

    private static long longOf(JsonObject object, String key) {
        return ((JsonNumber) member(object, key)).value().longValueExact();
    }

    private static String textOf(JsonObject object, String key) {
        return ((JsonString) member(object, key)).value();
    }

    private static JsonObject parse(String json) {
        try {
            return JsonParser.parseObject(json);
        } catch (io.timetravel.domain.json.JsonParseException e) {
            throw new AssertionError(json, e);
        }
    }
}
