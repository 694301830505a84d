package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.testing.ChildServer;
import io.timetravel.testing.Sql;
import io.timetravel.testing.Wait;
import io.timetravel.testing.WriteLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless server as its own process: what operators run, killed the hard way. */
class HeadlessProcessTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** For what only a busy machine slows down: start-up, the load getting real. */
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Path db = dir.resolve("db").resolve("crash.db");
        ChildServer server = ChildServer.start(db, dir.resolve("logs"), List.of());
        int writers = 8;
        WriteLoad load = WriteLoad.start(server.url(), writers, writer -> "/api/v2/records/" + (writer + 1), "X-User-ID", "1");
        // Kill once the load is real: every writer has writes acknowledged, 50 in all. A number of
        // writes with a generous deadline, never a fixed time: a busy machine only makes it slower.
        load.awaitAcknowledged(1, LOAD_DEADLINE);
        Wait.until(LOAD_DEADLINE, () -> load.acknowledgedInAll() >= 50, () -> "50 writes acknowledged: " + load.acknowledgedInAll());
        server.kill(); // SIGKILL: no shutdown hook, no flush
        load.close();

        assertEquals("ok", Sql.scalar(db, "PRAGMA integrity_check"));
        for (int w = 0; w < writers; w++) {
            // The version the server acknowledged last; the writer's later requests may have been lost.
            long acked = JsonParser.parseObject(load.lastAnswer(w)).getOrNull("version") instanceof JsonNumber version
                    ? version.value().longValueExact() : -1;
            assertTrue(acked > 0, "writer " + w + " got acknowledgements: " + load.lastAnswer(w));
            assertEquals(acked, Sql.count(db, "SELECT count(*) FROM policyholder_records WHERE record_id = " + (w + 1)
                    + " AND version <= " + acked), "every version of record " + (w + 1) + " up to the acknowledged " + acked + " is stored");
        }

        // The database opens again and serves the surviving data.
        ChildServer again = ChildServer.start(db, dir.resolve("logs"), List.of());
        try {
            HttpResponse<String> read = CLIENT.send(HttpRequest.newBuilder(URI.create(again.url() + "/api/v2/records/1"))
                    .header("X-User-ID", "1").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
        } finally {
            again.stop();
        }
    }

    @Test
    void headlessModeNeverLoadsJavaFxAndLogsEveryRequest() throws Exception {
        Path classLog = dir.resolve("classes.log");
        ChildServer server = ChildServer.start(dir.resolve("h.db"), dir.resolve("logs"),
                List.of("-Xlog:class+load=info:file=" + classLog));
        try {
            HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missing = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/records/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals(400, missing.statusCode());
        } finally {
            server.stop();
        }
        String classes = Files.readString(classLog);
        assertTrue(classes.contains("io.timetravel.http.ApiServer"), "the log lists loaded classes");
        assertFalse(classes.contains("javafx."), "no JavaFX class is loaded in headless mode");

        String log = Files.readString(dir.resolve("logs").resolve("app.log"));
        assertTrue(log.contains("INFO request method=GET path=/api/v2/health status=200 ms="), log);
        assertTrue(log.contains("ERROR missing X-User-ID header"), log);
        assertTrue(log.contains("INFO request method=GET path=/api/v2/records/1 status=400 ms="), log);
    }
}
