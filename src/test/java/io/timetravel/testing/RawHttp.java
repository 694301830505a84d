package io.timetravel.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hand-written requests over a socket, for what {@code HttpClient} will not send: a foreign
 * {@code Host} (restricted there), none at all, HTTP/1.0, broken framing, oversized heads. The
 * connection is closed after the answer.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** An answer: status, headers (names in lower case, first value) and body text. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /**
     * Sends {@code requestLine} (e.g. {@code POST /x HTTP/1.1}), the given header lines (each
     * {@code Name: value}), {@code Content-Length}, {@code Connection: close} and {@code body}.
     */
    public static Answer send(String host, int port, String requestLine, List<String> headerLines, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code request} byte for byte, half-closes the connection after it when asked (the
     * client has nothing more to send but still reads), and reads the answer.
     *
     * @return the answer, or {@code null} when the server closed the connection without one
     * @throws java.net.SocketTimeoutException (as an {@link UncheckedIOException}) when nothing
     *         came back within {@code timeout}
     */
    public static Answer exchange(int port, byte[] request, boolean halfClose, Duration timeout) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server answered (and closed) before taking all of it: read what it said.
            }
            return read(socket.getInputStream(), startsWith(request, "HEAD "));
        } catch (java.net.SocketTimeoutException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            // Reset or closed without an answer.
            return null;
        }
    }

    /**
     * Sends {@code request} on an open connection and reads one answer, leaving the connection
     * open for the next (the answer's body is read as long as its {@code Content-Length} says).
     */
    public static Answer exchange(Socket socket, String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        socket.getOutputStream().write(bytes);
        Answer answer = read(socket.getInputStream(), startsWith(bytes, "HEAD "));
        if (answer == null) {
            throw new IOException("closed before an answer");
        }
        return answer;
    }

    /** {@link #exchange(int, byte[], boolean, Duration)} of ISO-8859-1 text. */
    public static Answer exchange(int port, String request, boolean halfClose, Duration timeout) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), halfClose, timeout);
    }

    private static boolean startsWith(byte[] request, String prefix) {
        byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
        return request.length >= start.length && java.util.Arrays.equals(request, 0, start.length, start, 0, start.length);
    }

    private static Answer read(InputStream in) throws IOException {
        return read(in, false);
    }

    /**
     * Reads the final answer's status line and headers (after any 100 Continue), then its body: as
     * long as {@code Content-Length} says, else up to the end of a connection the server closes;
     * none for HEAD, 204 and 304. {@code null} when the connection ends before a status line.
     */
    private static Answer read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                return null;
            }
            String[] parts = statusLine.split(" ");
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not a status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            String length = headers.get("content-length");
            byte[] body;
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else {
                body = in.readAllBytes();
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    /** A line without its CRLF; {@code null} at the end of the connection before any byte of it. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        return c < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
