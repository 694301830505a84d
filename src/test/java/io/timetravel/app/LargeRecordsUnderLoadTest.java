package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.app.bench.InstalledServer;
import io.timetravel.testing.ChildServer;
import io.timetravel.testing.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless server, with the heap the installed service gets, under clients that write and
 * read records of nearly the largest body at once: every answer is a success or a 429 to retry,
 * never a 5xx, and every acknowledged write is stored. Before the body budget and a cache
 * weighed in bytes, 50 such clients ran a 128 MB server out of heap and failed whole batches.
 */
class LargeRecordsUnderLoadTest {

    private static final int CLIENTS = 24;
    private static final int WRITES_EACH = 3;
    private static final int RECORDS = 8;
    private static final String PADDING = "x".repeat(900_000);

    @TempDir
    Path dir;

    @Test
    void largeWritesAndReadsAtOnceGetAnswersNotServerErrors() throws Exception {
        Path db = dir.resolve("large.db");
        Map<Integer, Integer> statuses = new TreeMap<>();
        int acknowledged = 0;
        try (ChildServer server = ChildServer.start(db, dir.resolve("logs"), InstalledServer.JVM_OPTIONS)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<List<String>>> answers = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int clientNumber = c;
                    answers.add(clients.submit(() -> session(client, server.url(), clientNumber)));
                }
                for (Future<List<String>> answer : answers) {
                    for (String outcome : answer.get(10, TimeUnit.MINUTES)) {
                        String[] parts = outcome.split(" ");
                        int status = Integer.parseInt(parts[1]);
                        statuses.merge(status, 1, Integer::sum);
                        if (parts[0].equals("POST") && (status == 200 || status == 201)) {
                            acknowledged++;
                        }
                    }
                }
            } finally {
                clients.shutdownNow();
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "the server still answers");
            server.stop();
        }

        System.out.printf("large records under load: answers by status %s, %d writes acknowledged%n", statuses, acknowledged);
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200 || status == 201 || status == 429),
                "only successes and 429s: " + statuses);
        assertTrue(acknowledged >= RECORDS, "most writes get through: " + statuses);
        assertEquals(String.valueOf(acknowledged), Sql.query(db, "SELECT count(*) FROM policyholder_records").get(0).get(0),
                "every acknowledged write is stored");
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertFalse(Files.readString(log).contains("OutOfMemoryError"), log + " tells of no OutOfMemoryError");
            }
        }
    }

    /** One client: its writes of about 900 KB each, then a read of each record; "METHOD STATUS" per request. */
    private static List<String> session(HttpClient client, String url, int clientNumber) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int w = 0; w < WRITES_EACH; w++) {
            int record = (clientNumber + w) % RECORDS + 1;
            String body = "{\"note\":\"" + PADDING + clientNumber + "-" + w + "\",\"premium\":" + (1000 + w) + "}";
            HttpRequest post = HttpRequest.newBuilder(URI.create(url + "/api/v2/records/" + record))
                    .header("X-User-ID", "42").header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            outcomes.add("POST " + client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        for (int record = 1; record <= RECORDS; record++) {
            HttpRequest get = HttpRequest.newBuilder(URI.create(url + "/api/v2/records/" + record))
                    .header("X-User-ID", "42").timeout(Duration.ofMinutes(2)).build();
            int status = client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
            outcomes.add("GET " + (status == 404 ? 200 : status)); // a record nobody managed to write yet
        }
        return outcomes;
    }
}
