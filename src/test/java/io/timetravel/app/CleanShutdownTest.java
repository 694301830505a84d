package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.http.AccessGate;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a clean shutdown leaves beside an SQLite database: no -wal or -shm file. */
class CleanShutdownTest {

    @TempDir
    Path dir;

    @Test
    void closingTheApplicationLeavesOnlyTheDatabaseFile() throws Exception {
        Path db = dir.resolve("db").resolve("timetravel.db");
        Options options = new Options("gui", db, dir.resolve("logs"), null, "127.0.0.1", 0, true, false,
                Duration.ofHours(1), AccessGate.Mode.OFF, List.of(), List.of());
        AppContext context = AppContext.open(options, Clock.systemUTC());
        try {
            context.startListener();
            context.records().write(new WriteCommand(1, StoreFixture.json("{\"name\":\"Ada\"}"), null, 7L, null, "test", null)).join();
            assertEquals(1, context.records().list(RecordQuery.all(10, 0)).total());
            assertTrue(Files.exists(Path.of(db + "-wal")), "the database runs in WAL mode");
        } finally {
            context.close();
        }

        assertEquals(List.of(), sqliteSideFiles(db.getParent()));
    }

    @Test
    void aDesktopEndedBySigtermClosesTheDatabaseToo() throws Exception {
        // The real desktop in a child JVM, its window drawn by the headless Monocle toolkit.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-Dtimetravel.home=" + dir, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "gui", "--port", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            Path log = dir.resolve("logs").resolve("app.log");
            Wait.until(Duration.ofSeconds(120), () -> shown(log), () -> "the workbench shown: " + read(dir.resolve("out.txt")));
            assertTrue(Files.exists(dir.resolve("db").resolve("timetravel.db-wal")), "the database runs in WAL mode");
            String logged = read(log);
            assertTrue(logged.indexOf("window shown") >= 0 && logged.indexOf("window shown") < logged.indexOf("workbench shown"),
                    "the window shows before the workbench fills it (the benchmark reads both lines): " + logged);

            child.destroy(); // SIGTERM, as Ctrl-C in the terminal or a logout
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the desktop ends");
        } finally {
            child.destroyForcibly();
        }

        assertEquals(List.of(), sqliteSideFiles(dir.resolve("db")), read(dir.resolve("out.txt")));
        // The application's close ran: it appends the last digest of the ledger.
        assertTrue(read(dir.resolve("db").resolve("digests.log")).contains("\"head\""), "the digest made at close");
    }

    private static boolean shown(Path log) {
        return Files.exists(log) && read(log).contains("workbench shown");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> sqliteSideFiles(Path folder) throws IOException {
        return names(folder).stream().filter(name -> name.endsWith("-wal") || name.endsWith("-shm")).toList();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
