package io.timetravel.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Writers that keep a server busy: each on a thread of its own (never a shared pool, which may
 * have fewer threads than writers), posting {@code {"n":"1"}}, {@code {"n":"2"}}, ... (or the
 * bodies given) to its own path, one request at a time, until closed or the connection fails.
 * Every acknowledged answer is kept, in the order each writer got them.
 */
public final class WriteLoad implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int writers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLongArray acknowledged;
    private final AtomicReferenceArray<String> lastAnswers;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Queue<String> answers = new ConcurrentLinkedQueue<>();

    /** The body of writer {@code writer}'s {@code n}th write (from 1). */
    @FunctionalInterface
    public interface Body {
        String of(int writer, long n);
    }

    private WriteLoad(int writers) {
        this.writers = writers;
        this.acknowledged = new AtomicLongArray(writers);
        this.lastAnswers = new AtomicReferenceArray<>(writers);
    }

    /**
     * Starts {@code writers} writers against {@code baseUrl}; writer w posts to {@code path.apply(w)}
     * with {@code headers} (names and values alternating).
     */
    public static WriteLoad start(String baseUrl, int writers, IntFunction<String> path, String... headers) {
        return start(baseUrl, writers, path, (writer, n) -> "{\"n\":\"" + n + "\"}", headers);
    }

    /** As {@link #start(String, int, IntFunction, String...)}, writer w's nth write posting {@code body.of(w, n)}. */
    public static WriteLoad start(String baseUrl, int writers, IntFunction<String> path, Body body, String... headers) {
        WriteLoad load = new WriteLoad(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            URI uri = URI.create(baseUrl + path.apply(w));
            Thread thread = new Thread(() -> load.write(writer, uri, body, headers), "write-load-" + w);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void write(int writer, URI uri, Body body, String... headers) {
        for (long n = 1; running.get(); n++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body.of(writer, n)));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    lastAnswers.set(writer, response.body());
                    answers.add(response.body());
                    acknowledged.incrementAndGet(writer);
                } else {
                    failures.add("writer " + writer + ": " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                if (running.get()) {
                    failures.add("writer " + writer + ": " + e);
                }
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until every writer has had at least {@code each} writes acknowledged. */
    public void awaitAcknowledged(long each, Duration deadline) {
        Wait.until(deadline, () -> {
            for (int w = 0; w < writers; w++) {
                if (acknowledged.get(w) < each) {
                    return false;
                }
            }
            return true;
        }, () -> each + " acknowledged writes per writer: " + acknowledged + ", failures " + failures);
    }

    /** Writes acknowledged (2xx) so far by writer {@code w}. */
    public long acknowledged(int w) {
        return acknowledged.get(w);
    }

    public long acknowledgedInAll() {
        long sum = 0;
        for (int w = 0; w < writers; w++) {
            sum += acknowledged.get(w);
        }
        return sum;
    }

    /** The body of writer {@code w}'s last acknowledged write; {@code null} before the first. */
    public String lastAnswer(int w) {
        return lastAnswers.get(w);
    }

    /** Every acknowledged answer's body so far. */
    public List<String> answers() {
        return List.copyOf(answers);
    }

    /** Answers other than 2xx, and connections that failed while the load was meant to run. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops the writers (after their request in flight) and waits for them. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
