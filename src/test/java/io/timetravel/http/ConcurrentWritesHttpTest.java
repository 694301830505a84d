package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients writing at once over real HTTP (docs/contract.md: Writes): no write is lost, every one is
 * acknowledged, and each record's versions are numbered 1..n without gaps or duplicates.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentWritesHttpTest {

    @TempDir
    Path dir;

    private TestServer server;
    private HttpClient client;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("concurrent.db"));
        threads = Executors.newCachedThreadPool();
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(threads)
                .build();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fiftyWritersOnOneRecordAllSucceedAndEveryFieldIsKept() throws Exception {
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(new Write(1, "{\"field_" + i + "\":\"value " + i + "\"}", i));
        }

        List<HttpResponse<String>> answers = sendAllAtOnce(writes);

        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new,
                Collectors.counting()));
        assertEquals(Map.of(200, 49L, 201, 1L), statuses, () -> bodiesOf(answers));
        assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), versions(1));
        JsonObject data = (JsonObject) server.get("/api/v2/records/1", "X-User-ID", "1").json().getOrNull("data");
        assertEquals(50, data.size(), data::toJson);
        for (int i = 0; i < 50; i++) {
            assertEquals("value " + i, data.getString("field_" + i).orElseThrow(), data::toJson);
        }
        assertEquals(50, Sql.count(server.database(), "SELECT count(*) FROM audit_history WHERE record_id = 1"));
        assertEquals(50, Sql.count(server.database(), "SELECT count(DISTINCT actor) FROM policyholder_records WHERE record_id = 1"));
    }

    @Test
    void twentyRecordsWithTenWritersEachGetVersionsOneToTenExactly() throws Exception {
        List<Write> writes = new ArrayList<>();
        for (int writer = 0; writer < 10; writer++) {
            for (long record = 1; record <= 20; record++) {
                writes.add(new Write(record, "{\"w" + writer + "\":" + writer + "}", writer));
            }
        }

        List<HttpResponse<String>> answers = sendAllAtOnce(writes);

        assertTrue(answers.stream().allMatch(answer -> answer.statusCode() == 200 || answer.statusCode() == 201),
                () -> bodiesOf(answers));
        assertEquals(20, answers.stream().filter(answer -> answer.statusCode() == 201).count());
        List<Long> oneToTen = LongStream.rangeClosed(1, 10).boxed().toList();
        for (long record = 1; record <= 20; record++) {
            assertEquals(oneToTen, versions(record), "versions of record " + record);
            Reply latest = server.get("/api/v2/records/" + record, "X-User-ID", "1");
            assertEquals("{\"w0\":0,\"w1\":1,\"w2\":2,\"w3\":3,\"w4\":4,\"w5\":5,\"w6\":6,\"w7\":7,\"w8\":8,\"w9\":9}",
                    latest.json().getOrNull("data").toJson(), "record " + record);
        }
    }

    /** One POST: a patch for a record, sent as user {@code writer + 1}. */
    private record Write(long record, String patch, int writer) {
    }

    /** Starts one thread per write, releases them together, and waits for every answer. */
    private List<HttpResponse<String>> sendAllAtOnce(List<Write> writes) throws Exception {
        CountDownLatch ready = new CountDownLatch(writes.size());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (Write write : writes) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v2/records/" + write.record()))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-User-ID", Long.toString(write.writer() + 1L))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write.patch()))
                    .build();
            pending.add(CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                try {
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads));
        }
        assertTrue(ready.await(20, TimeUnit.SECONDS), "writers did not start");
        go.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : pending) {
            answers.add(answer.get(40, TimeUnit.SECONDS));
        }
        return answers;
    }

    private List<Long> versions(long record) {
        return Sql.query(server.database(), "SELECT version FROM policyholder_records WHERE record_id = " + record
                + " ORDER BY version").stream().map(row -> Long.parseLong(row.get(0))).toList();
    }

    private static String bodiesOf(List<HttpResponse<String>> answers) {
        return answers.stream().map(answer -> answer.statusCode() + " " + answer.body()).collect(Collectors.joining("\n"));
    }
}
