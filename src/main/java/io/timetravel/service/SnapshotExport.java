package io.timetravel.service;

import java.nio.file.Path;

/**
 * A sealed snapshot file ready to send.
 *
 * @param file     where it is
 * @param name     the name to offer for saving it
 * @param byteSize its size
 * @param sha256   hex SHA-256 of its bytes, as recorded when it was sealed
 */
public record SnapshotExport(Path file, String name, long byteSize, String sha256) {
}
