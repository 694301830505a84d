package io.timetravel.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A server-sent events client on a plain socket, for tests that need to control the connection
 * exactly: read frame by frame with a deadline, stop reading, or drop the connection.
 */
public final class SseClient implements AutoCloseable {

    /** One frame of the stream: an event (id, event, data) or a comment / retry line alone. */
    public record Frame(String id, String event, String data, String comment) {

        public boolean isEvent() {
            return data != null;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final String errorBody;
    private byte[] chunk = new byte[0];
    private int chunkPos;
    private boolean ended;

    private SseClient(Socket socket, InputStream in, int status, Map<String, String> headers, String errorBody) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
        this.errorBody = errorBody;
    }

    /**
     * Sends {@code GET path} with {@code headers} (alternating names and values) and reads the
     * status and headers; the body of a non-streamed answer is read at once.
     */
    public static SseClient open(String baseUrl, String path, String... headers) {
        URI uri = URI.create(baseUrl);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request(uri, path, headers));
            socket.getOutputStream().flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> values = new HashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                values.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            String body = null;
            if (values.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(values.get("content-length"))), StandardCharsets.UTF_8);
            }
            return new SseClient(socket, in, status, values, body);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of a GET request, for clients that write it themselves (and then never read). */
    public static byte[] request(URI base, String path, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body of a non-streamed answer (an error), or {@code null}. */
    public String errorBody() {
        return errorBody;
    }

    /** The next frame, or {@code null} when the stream ended; fails after {@code timeout}. */
    public Frame nextFrame(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        String event = null;
        StringBuilder data = null;
        String comment = null;
        boolean any = false;
        try {
            while (true) {
                String line = bodyLine(deadline);
                if (line == null) {
                    return any ? new Frame(id, event, data == null ? null : data.toString(), comment) : null;
                }
                if (line.isEmpty()) {
                    if (any) {
                        return new Frame(id, event, data == null ? null : data.toString(), comment);
                    }
                    continue;
                }
                any = true;
                if (line.startsWith(":")) {
                    comment = line.substring(1).strip();
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "retry" -> comment = "retry " + value;
                    default -> throw new AssertionError("unknown field " + line);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete frame within " + timeout, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event, skipping comments; {@code null} when the stream ended. */
    public Frame nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = nextFrame(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame == null || frame.isEvent()) {
                return frame;
            }
        }
    }

    /** {@code count} events, failing if the stream ends first or they take longer than {@code timeout}. */
    public List<Frame> events(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Frame> events = new ArrayList<>();
        while (events.size() < count) {
            Frame frame = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame == null) {
                throw new AssertionError("stream ended after " + events.size() + " of " + count + " events");
            }
            events.add(frame);
        }
        return events;
    }

    /** Every event until the stream ends. */
    public List<Frame> eventsUntilEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Frame> events = new ArrayList<>();
        Frame frame;
        while ((frame = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null) {
            events.add(frame);
        }
        return events;
    }

    /** Whether the stream has ended (the last chunk arrived or the connection closed). */
    public boolean ended() {
        return ended;
    }

    /** One line of the (de-chunked) body, without its line end; {@code null} at the end. */
    private String bodyLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = bodyByte(deadline);
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private int bodyByte(long deadline) throws IOException {
        if (ended) {
            return -1;
        }
        if (chunkPos == chunk.length) {
            setTimeout(deadline);
            String size;
            try {
                size = line(in);
                if (size.isEmpty()) {
                    size = line(in);
                }
            } catch (EOFException e) {
                ended = true;
                return -1;
            }
            int length = Integer.parseInt(size.strip(), 16);
            if (length == 0) {
                ended = true;
                return -1;
            }
            chunk = readFully(length, deadline);
            chunkPos = 0;
        }
        return chunk[chunkPos++] & 0xff;
    }

    private byte[] readFully(int length, long deadline) throws IOException {
        setTimeout(deadline);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("chunk cut short");
        }
        return bytes;
    }

    private void setTimeout(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Writes {@code bytes} to the server on a new socket that is then never read: a stuck client. */
    public static Socket stuck(String baseUrl, String path, String... headers) {
        URI uri = URI.create(baseUrl);
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, path, headers));
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
