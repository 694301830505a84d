package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.timetravel.app.LogSetup;
import io.timetravel.testing.SnapshotDownloads;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.logging.LogManager;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that hold personal data or secrets are readable by their owner only (rw-------):
 * the database and its WAL, the masking key, snapshot exports (read-only once sealed) and the
 * application log.
 */
class OwnerOnlyFilesTest {

    private static final String OWNER_ONLY = "rw-------";

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theDatabaseItsWalTheMaskingKeyAndSnapshotFilesAreOwnerOnly() throws IOException {
        Path database = dir.resolve("owner.db");
        try (TestServer server = TestServer.start(database)) {
            assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\"}", "X-User-ID", "7").status());
            Reply snapshot = server.post("/api/v2/snapshots", "{\"at\":\"" + Instant.now() + "\",\"reason\":\"files\"}",
                    "X-User-ID", "7");
            assertEquals(202, snapshot.status(), snapshot::toString);
            SnapshotDownloads.awaitCompleted(server, Long.parseLong(snapshot.json().getOrNull("snapshot_id").toString()),
                    "X-User-ID", "7");

            for (Path file : List.of(database, dir.resolve("owner.db-wal"), dir.resolve("owner.db.masking-key"))) {
                assertEquals(OWNER_ONLY, permissions(file), file::toString);
            }
            List<Path> snapshots;
            try (Stream<Path> files = Files.walk(dir.resolve("snapshots"))) {
                snapshots = files.filter(Files::isRegularFile).toList();
            }
            assertFalse(snapshots.isEmpty(), "a snapshot file was written");
            for (Path file : snapshots) {
                // Owner-only, and sealed: a completed export is also made read-only (GzipSnapshotFiles).
                assertEquals("r--------", permissions(file), file::toString);
            }
        }
    }

    @Test
    void theApplicationLogIsOwnerOnly() throws IOException {
        LogSetup.AsyncLineHandler handler = LogSetup.configure(dir.resolve("logs"), new PrintStream(new ByteArrayOutputStream()));
        try {
            assertEquals(OWNER_ONLY, permissions(dir.resolve("logs").resolve("app.log")));
        } finally {
            handler.close();
            // Give the other tests in this JVM the default logging back.
            LogManager.getLogManager().readConfiguration();
        }
    }
}
