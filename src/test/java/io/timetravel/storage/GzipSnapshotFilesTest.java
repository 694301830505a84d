package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot rows name files by path; the folder answers only for its own files, found by name. */
class GzipSnapshotFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsFoundByItsNameWhereverTheRowSaysItWas() throws IOException {
        GzipSnapshotFiles files = GzipSnapshotFiles.beside(dir.resolve("data").resolve("postgresql"));
        Path folder = dir.resolve("data").resolve("snapshots");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("snapshot-7.ndjson.gz"), "x");
        // A row copied from a SQLite database at another place, or written by a server whose data folder is mounted elsewhere.
        assertEquals(Optional.of(folder.resolve("snapshot-7.ndjson.gz")), files.find("/var/lib/old/db/snapshots/snapshot-7.ndjson.gz"));
        assertEquals(Optional.empty(), files.find("/var/lib/old/db/snapshots/snapshot-8.ndjson.gz"), "a file this folder lacks");
        files.delete("/elsewhere/snapshot-7.ndjson.gz");
        assertFalse(Files.exists(folder.resolve("snapshot-7.ndjson.gz")));
    }

    @Test
    void aRowThatNamesAnyOtherFileReadsAndDeletesNothing() throws IOException {
        GzipSnapshotFiles files = GzipSnapshotFiles.beside(dir.resolve("t.db"));
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "not for the API");
        assertEquals(Optional.empty(), files.find(secret.toString()));
        assertEquals(Optional.empty(), files.find("/etc/passwd"));
        assertEquals(Optional.empty(), files.find(null));
        assertThrows(IOException.class, () -> files.delete(secret.toString()));
        assertTrue(Files.exists(secret));
    }
}
