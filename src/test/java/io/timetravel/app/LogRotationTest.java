package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** app.log rotates by size: app.log is the current file, app.log.1 the newest rotated one, a few kept. */
class LogRotationTest {

    @TempDir
    Path dir;

    @Test
    void writingPastTheLimitRotatesAndKeepsAtMostTheNumberOfFiles() throws IOException {
        Path log = dir.resolve("app.log");
        try (LogSetup.RotatingFile file = new LogSetup.RotatingFile(log, 1000, 3)) {
            for (int i = 0; i < 100; i++) {
                // 100 bytes a line: ten lines fill a file.
                file.write(String.format("line %03d %s%n", i, "x".repeat(90)));
            }
        }

        assertEquals(List.of("app.log", "app.log.1", "app.log.2"), names());
        for (String name : names()) {
            assertTrue(Files.size(dir.resolve(name)) <= 1000, name + " stays within the limit");
        }
        List<String> current = Files.readAllLines(log);
        assertEquals("line 099", current.get(current.size() - 1).substring(0, 8), "the newest line is in app.log");
        assertEquals("line 090", current.get(0).substring(0, 8));
        assertEquals("line 080", Files.readAllLines(dir.resolve("app.log.1")).get(0).substring(0, 8));
        assertEquals("line 070", Files.readAllLines(dir.resolve("app.log.2")).get(0).substring(0, 8));
    }

    @Test
    void anExistingLogCountsTowardsTheLimitAndMultiByteCharactersCountAsBytes() throws IOException {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "x".repeat(950) + "\n");
        try (LogSetup.RotatingFile file = new LogSetup.RotatingFile(log, 1000, 2)) {
            file.write("é".repeat(30) + "\n"); // 61 bytes: past the limit with the 951 already there
        }

        assertEquals(List.of("app.log", "app.log.1"), names());
        assertEquals(951, Files.size(dir.resolve("app.log.1")));
        assertEquals(61, Files.size(log));
    }

    @Test
    void keepingOneFileStartsAfreshWithoutRotatedCopies() throws IOException {
        Path log = dir.resolve("app.log");
        try (LogSetup.RotatingFile file = new LogSetup.RotatingFile(log, 100, 1)) {
            file.write("a".repeat(80) + "\n");
            file.write("b".repeat(80) + "\n");
        }

        assertEquals(List.of("app.log"), names());
        assertEquals("b".repeat(80) + "\n", Files.readString(log));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
