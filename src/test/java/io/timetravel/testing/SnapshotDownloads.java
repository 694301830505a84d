package io.timetravel.testing;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.testing.TestServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Following a snapshot job over HTTP until it completes, and downloading and unpacking its export. */
public final class SnapshotDownloads {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SnapshotDownloads() {
    }

    /** Polls {@code GET /api/v2/snapshots/{id}} until the job has ended; fails unless it completed. */
    public static JsonObject awaitCompleted(TestServer server, long id, String... headers) {
        Reply[] last = new Reply[1];
        Wait.until(Duration.ofSeconds(30), () -> {
            last[0] = server.get("/api/v2/snapshots/" + id, headers);
            return last[0].status() != 200 || !"in_progress".equals(last[0].json().getString("status").orElse(null));
        }, () -> "snapshot " + id + " still in progress");
        if (last[0].status() != 200 || !"completed".equals(last[0].json().getString("status").orElse(null))) {
            throw new AssertionError("snapshot " + id + " did not complete: " + last[0]);
        }
        return last[0].json();
    }

    /** {@code GET /api/v2/snapshots/{id}/export} with {@code headers}, the body as bytes. */
    public static HttpResponse<byte[]> export(TestServer server, long id, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v2/snapshots/" + id + "/export"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The NDJSON lines of a gzip export; fails unless every line ends with a newline. */
    public static List<String> gunzipLines(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                throw new AssertionError("the last line has no newline: " + text);
            }
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
