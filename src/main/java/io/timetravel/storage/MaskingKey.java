package io.timetravel.storage;

import io.timetravel.service.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The installation's secret for hash masking, in a file beside the database readable by its
 * owner only. Kept out of the database so that a copy of the data alone cannot reverse a
 * hashed value by trying candidates.
 */
public final class MaskingKey {

    private static final int BYTES = 32;

    private MaskingKey() {
    }

    /** The file that holds the key of the database at {@code databaseFile}. */
    public static Path fileFor(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + ".masking-key");
    }

    /** Reads the key, creating it on first use. */
    public static byte[] load(Path databaseFile) {
        Path file = fileFor(databaseFile.toAbsolutePath());
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[BYTES];
                new SecureRandom().nextBytes(key);
                // Two processes starting at once agree on one key.
                OwnerOnlyFiles.createOnce(file, HexFormat.of().formatHex(key) + "\n");
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] key = HexFormat.of().parseHex(text);
            if (key.length != BYTES) {
                throw new IllegalArgumentException("expected " + BYTES + " bytes");
            }
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreUnavailableException("cannot read the masking key " + file + ": " + FileReason.of(e, file), e);
        }
    }
}
