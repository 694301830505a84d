package io.timetravel.storage;

import io.timetravel.domain.LedgerDigest;
import io.timetravel.service.DigestLog;
import io.timetravel.service.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code digests.log} beside the database: one digest of the ledger a line, appended and synced, owner-only. */
public final class DigestLogFile implements DigestLog {

    public static final String NAME = "digests.log";

    private final Path file;

    public DigestLogFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The digest log of the database at {@code databaseFile}: {@code digests.log} in its folder. */
    public static DigestLogFile beside(Path databaseFile) {
        return new DigestLogFile(databaseFile.toAbsolutePath().normalize().resolveSibling(NAME));
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(LedgerDigest digest) {
        ByteBuffer line = ByteBuffer.wrap((digest.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            OwnerOnlyFiles.createFile(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot append to " + file + ": " + FileReason.of(e, file), e);
        }
    }

    @Override
    public List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read " + file + ": " + FileReason.of(e, file), e);
        }
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }
}
