package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reasons file errors give after "cannot ... PATH: ", from the failures the JDK really raises. */
class FileReasonTest {

    @TempDir
    Path dir;

    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path wanted = file.resolve("sub").resolve("t.db");
        IOException failure = assertFails(() -> Files.createDirectories(wanted.getParent()));

        assertEquals(file + " is a file, not a folder", FileReason.of(failure, wanted));
        assertEquals(file + " is a file, not a folder", FileReason.of(new NotDirectoryException(wanted.toString()), wanted));
    }

    @Test
    void aMissingFolderOrFileIsNamed() throws IOException {
        Path missing = dir.resolve("no-such").resolve("key.pem");
        IOException noFolder = assertFails(() -> Files.readString(missing));
        IOException noFile = assertFails(() -> Files.readString(dir.resolve("key.pem")));

        assertEquals("no such folder " + missing.getParent(), FileReason.of(noFolder, missing));
        assertEquals("no such file", FileReason.of(noFile, dir.resolve("key.pem")));
        assertEquals("no such file (" + dir.resolve("key.pem") + ")", FileReason.of(noFile, dir));
    }

    @Test
    void theSystemsReasonIsGivenInLowerCase() {
        Path file = dir.resolve("t.db");
        assertEquals("permission denied", FileReason.of(new AccessDeniedException(file.toString()), file));
        assertEquals("permission denied (" + dir + ")", FileReason.of(new AccessDeniedException(dir.toString()), file));
        assertEquals("read-only file system",
                FileReason.of(new FileSystemException(file.toString(), null, "Read-only file system"), file));
        assertEquals("disk full", FileReason.of(new IOException("Disk full"), file));
        assertEquals("expected 32 bytes", FileReason.of(new IllegalArgumentException("expected 32 bytes"), file));
    }

    private interface Io {
        void run() throws IOException;
    }

    private static IOException assertFails(Io action) {
        try {
            action.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected the file operation to fail");
    }
}
