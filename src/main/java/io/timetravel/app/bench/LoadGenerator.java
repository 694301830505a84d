package io.timetravel.app.bench;

import io.timetravel.service.DaemonThreads;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP/1.1 load generator: N keep-alive connections, each on a thread of its own sending
 * one request at a time on a raw socket and timing it until its whole answer is read. It does
 * as little per request as it can (the request's bytes are prepared by the caller), so that the
 * same generator can measure a bare server's ceiling and Timetravel alike.
 */
public final class LoadGenerator {

    /** The longest a run waits for every connection's first answer before it measures anyway. */
    private static final Duration WARM_DEADLINE = Duration.ofSeconds(120);

    /** The request a connection sends next: its {@code seq}-th (from 0), as complete bytes. */
    @FunctionalInterface
    public interface Requests {
        byte[] next(int connection, long seq);
    }

    /**
     * What a run measured: answers in the measured window, those that were not 2xx (or failed),
     * the window's length, their latencies, the first failure seen, if any, and the 2xx answers
     * of the whole run (warm-up included: for counting what was written).
     */
    public record Result(long requests, long errors, double seconds, Latencies latencies, String firstError, long succeededAll) {

        public double perSecond() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f req/s (%d in %.1f s, %d errors), %s", perSecond(), requests, seconds,
                    errors, latencies);
        }
    }

    private final InetSocketAddress address;
    private final int connections;

    public LoadGenerator(InetSocketAddress address, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection");
        }
        this.address = address;
        this.connections = connections;
    }

    /**
     * Sends for {@code warmUp} and until every connection has had an answer (not counted), then
     * counts every answer that arrives in the next {@code measured}.
     */
    public Result forDuration(Requests requests, Duration warmUp, Duration measured) throws InterruptedException {
        Window window = new Window(Long.MAX_VALUE, Long.MAX_VALUE);
        CountDownLatch warmed = new CountDownLatch(connections);
        Result result = run(requests, window, null, warmed, () -> {
            long warmUntil = System.nanoTime() + warmUp.toNanos();
            // A cold server may take long to answer at all; that is not what is measured.
            warmed.await(WARM_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            long wait = warmUntil - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long from = System.nanoTime();
            window.set(from, from + measured.toNanos());
        });
        return new Result(result.requests(), result.errors(), measured.toNanos() / 1e9, result.latencies(), result.firstError(),
                result.succeededAll());
    }

    /** Sends exactly {@code count} requests, all counted; the window is from the first to the last answer. */
    public Result forCount(Requests requests, long count) throws InterruptedException {
        long started = System.nanoTime();
        Result result = run(requests, new Window(started, Long.MAX_VALUE), new AtomicLong(count), new CountDownLatch(0), () -> { });
        return new Result(result.requests(), result.errors(), (System.nanoTime() - started) / 1e9, result.latencies(),
                result.firstError(), result.succeededAll());
    }

    /** What the caller does while the connections run. */
    private interface Control {
        void run() throws InterruptedException;
    }

    /** The measured window, in {@link System#nanoTime()}: answers arriving in {@code [from, until)} count. */
    private static final class Window {
        private volatile long from;
        private volatile long until;

        Window(long from, long until) {
            set(from, until);
        }

        void set(long from, long until) {
            this.until = until;
            this.from = from;
        }
    }

    private Result run(Requests requests, Window window, AtomicLong tickets, CountDownLatch warmed, Control control)
            throws InterruptedException {
        List<Connection> all = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        for (int i = 0; i < connections; i++) {
            all.add(new Connection(i, requests, window, tickets, warmed, firstError));
        }
        List<Thread> threads = new ArrayList<>();
        for (Connection connection : all) {
            threads.add(DaemonThreads.start("load-" + connection.index, connection));
        }
        try {
            control.run();
        } catch (InterruptedException e) {
            window.set(window.from, System.nanoTime());
            if (tickets != null) {
                tickets.set(0);
            }
            throw e;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies latencies = new Latencies();
        long counted = 0;
        long errors = 0;
        long succeeded = 0;
        for (Connection connection : all) {
            latencies.add(connection.latencies);
            counted += connection.counted;
            errors += connection.errors;
            succeeded += connection.succeeded;
        }
        return new Result(counted, errors, 0, latencies, firstError.get(), succeeded);
    }

    /** One connection's loop; reconnects when the server closes it. */
    private final class Connection implements Runnable {
        /** A connection that fails this often in a row gives up (the server is gone). */
        private static final int GIVE_UP = 100;

        final int index;
        final Requests requests;
        final Window window;
        final AtomicLong tickets;
        final CountDownLatch warmed;
        final AtomicReference<String> firstError;
        final Latencies latencies = new Latencies();
        Socket socket;
        InputStream in;
        OutputStream out;
        long counted;
        long errors;
        long succeeded;

        Connection(int index, Requests requests, Window window, AtomicLong tickets, CountDownLatch warmed,
                   AtomicReference<String> firstError) {
            this.index = index;
            this.requests = requests;
            this.window = window;
            this.tickets = tickets;
            this.warmed = warmed;
            this.firstError = firstError;
        }

        @Override
        public void run() {
            int failures = 0;
            long seq = 0;
            boolean answered = false;
            try {
                while (true) {
                    if (tickets != null ? tickets.getAndDecrement() <= 0 : System.nanoTime() >= window.until) {
                        return;
                    }
                    byte[] request = requests.next(index, seq++);
                    long started = System.nanoTime();
                    int status;
                    boolean close;
                    try {
                        if (socket == null) {
                            open();
                        }
                        out.write(request);
                        Answer answer = Answer.read(in);
                        status = answer.status();
                        close = answer.close();
                    } catch (IOException e) {
                        firstError.compareAndSet(null, e.toString());
                        disconnect();
                        if (++failures >= GIVE_UP) {
                            if (!answered) {
                                warmed.countDown();
                            }
                            return;
                        }
                        status = 0;
                        close = false;
                    }
                    long ended = System.nanoTime();
                    if (status != 0) {
                        failures = 0;
                        if (!answered) {
                            answered = true;
                            warmed.countDown();
                        }
                    }
                    count(status, started, ended);
                    if (close) {
                        disconnect();
                    }
                }
            } finally {
                disconnect();
            }
        }

        /**
         * Counts an answer of {@code status} (0: the request failed) sent at {@code started}: every
         * 2xx, and in the measured window its latency and whether it failed.
         */
        private void count(int status, long started, long ended) {
            if (status >= 200 && status <= 299) {
                succeeded++;
            }
            if (ended >= window.from && ended < window.until) {
                counted++;
                latencies.record(ended - started);
                if (status < 200 || status > 299) {
                    errors++;
                    if (status != 0) {
                        firstError.compareAndSet(null, "HTTP " + status);
                    }
                }
            }
        }

        private void open() throws IOException {
            Socket opened = new Socket();
            opened.setTcpNoDelay(true);
            opened.connect(address, 10_000);
            opened.setSoTimeout(60_000);
            socket = opened;
            in = new BufferedInputStream(opened.getInputStream(), 1 << 16);
            out = opened.getOutputStream();
        }

        private void disconnect() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** An answer's status and whether the server closes the connection after it; its body is read and dropped. */
    record Answer(int status, boolean close) {

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                    skip(in, size);
                    line(in);
                }
                while (!line(in).isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(in, length);
            } else if (status >= 200 && status != 204 && status != 304) {
                // Delimited by the end of the connection.
                while (in.read() >= 0) {
                    // drop
                }
                close = true;
            }
            return new Answer(status, close);
        }

        private static long chunkSize(String line) {
            int end = line.indexOf(';');
            return Long.parseLong((end < 0 ? line : line.substring(0, end)).trim(), 16);
        }

        private static void skip(InputStream in, long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the answer ended early");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        /** A header line without its CRLF. */
        static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the connection closed mid-answer");
                }
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
        }
    }

    /** The bytes of a GET of {@code path} with {@code headers} ("Name: value" lines). */
    public static byte[] get(InetSocketAddress address, String path, List<String> headers) {
        return request("GET", address, path, headers, null);
    }

    /** The bytes of a POST of a JSON {@code body}. */
    public static byte[] post(InetSocketAddress address, String path, List<String> headers, String body) {
        return request("POST", address, path, headers, body);
    }

    private static byte[] request(String method, InetSocketAddress address, String path, List<String> headers, String body) {
        StringBuilder text = new StringBuilder(256);
        text.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        text.append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (content != null) {
            text.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (content == null) {
            return head;
        }
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }
}
