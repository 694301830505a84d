package io.timetravel.gui.snapshots;

import java.nio.file.Path;

/**
 * What exporting a snapshot wrote, and whether it is the snapshot: the SHA-256 recorded when the
 * snapshot was sealed, the one computed while writing the file, and the one of the file read back.
 *
 * @param bytes how many bytes were written
 */
public record ExportCheck(long snapshotId, Path file, long bytes, String recorded, String written, String readBack) {

    /** Whether the file written, as read back from disk, is exactly the sealed snapshot. */
    public boolean verified() {
        return recorded != null && recorded.equalsIgnoreCase(written) && recorded.equalsIgnoreCase(readBack);
    }
}
