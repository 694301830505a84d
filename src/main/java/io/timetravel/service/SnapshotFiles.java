package io.timetravel.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where snapshot files are written, sealed, found and deleted. */
public interface SnapshotFiles {

    /**
     * Starts the file of a snapshot: lines go to a temporary file that only {@link Draft#seal()}
     * turns into the snapshot's file. Replaces whatever an earlier attempt left.
     */
    Draft create(long snapshotId) throws IOException;

    /** The sealed file at {@code file} when it is still there. */
    Optional<Path> find(String file);

    void delete(String file) throws IOException;

    /** Deletes unsealed files left by jobs a crash interrupted. */
    void discardDrafts() throws IOException;

    /** A file being written; closing it without sealing deletes it. */
    interface Draft extends AutoCloseable {

        /** Appends one line (a newline is added). */
        void writeLine(String line) throws IOException;

        /** Finishes the file durably under its final name, read-only, and says what it holds. */
        Sealed seal() throws IOException;

        @Override
        void close();
    }

    /**
     * A sealed file.
     *
     * @param file     its path
     * @param byteSize its size in bytes
     * @param sha256   hex SHA-256 of its bytes
     */
    record Sealed(String file, long byteSize, String sha256) {
    }
}
