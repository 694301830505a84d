package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.app.LogSetup;
import io.timetravel.testing.RawHttp;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client cannot write a line of its own into {@code logs/app.log} (issue 10, part 3): CR, LF
 * and NUL it puts in a path or a query value are shown escaped, on the line of its request, and
 * a token it puts there never appears. The real log file, written as the server writes it.
 */
class LogForgingTest {

    private static final String FORGED = "2026-01-01T00:00:00.000000Z INFO request method=PUT path=/x";
    private static final String ESCAPED = "zz%0a2026-01-01T00:00:00.000000Z%20INFO%20request%20method=PUT%20path=/x";
    private static final String TOKEN = "tt_Zm9yZ2VkLXRva2VuLXRoYXQtbXVzdC1uZXZlci1zaG93";

    @TempDir
    Path dir;

    @Test
    void controlCharactersFromClientsAreEscapedAndTokensHidden() throws IOException {
        Path logs = dir.resolve("logs");
        LogSetup.AsyncLineHandler handler = LogSetup.configure(logs, new PrintStream(new ByteArrayOutputStream()));
        try (TestServer server = TestServer.start(dir.resolve("log.db"))) {
            int port = server.port();
            List<String> paths = List.of(
                    "/api/records/1?version=" + ESCAPED,
                    "/api/v2/records/1?at=" + ESCAPED,
                    "/api/v2/records/1?at=a%0d" + ESCAPED.substring(2) + "%00",
                    "/api/v2/" + ESCAPED,
                    "/api/v1/records/" + ESCAPED,
                    "/api/records/1?version=" + TOKEN,
                    "/api/v2/" + TOKEN);
            for (String path : paths) {
                int status = server.get(path, "X-User-ID", "7").status();
                assertTrue(status >= 400 && status < 500, path + " answered " + status);
            }
            RawHttp.Answer framing = RawHttp.exchange(port, "POST /api/v2/records/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-User-ID: 7\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", true, Duration.ofSeconds(30));
            assertEquals(400, framing.status());
            Wait.until(Duration.ofSeconds(10), () -> requestLines(logs) >= paths.size() + 1, () -> "request lines in " + read(logs));
        } finally {
            handler.close();
            // Give the other tests in this JVM the default logging back.
            LogManager.getLogManager().readConfiguration();
        }

        String log = read(logs);
        for (String line : log.split("\n")) {
            assertFalse(line.startsWith("2026-01-01T00:00:00"), () -> "a forged line: " + line);
            assertFalse(line.contains("\u0000") || line.contains("\r"), () -> "a raw control character: " + line);
            assertFalse(line.contains("\tat "), () -> "a stack trace: " + line);
        }
        assertTrue(log.contains("\\n" + FORGED.substring(0, 30)), log);
        assertTrue(log.contains("path=/api/v2/zz\\n2026-01-01T00:00:00.000000Z%20INFO%20request%20method=PUT%20path=/x status=404"),
                log);
        assertFalse(log.contains(TOKEN.substring(3, 20)), log);
        assertTrue(log.contains("path=/api/v2/" + LogText.HIDDEN_TOKEN + " status=404"), log);
    }

    private static long requestLines(Path logs) {
        return read(logs).lines().filter(line -> line.contains(" INFO request method=")).count();
    }

    private static String read(Path logs) {
        try {
            return Files.readString(logs.resolve("app.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
