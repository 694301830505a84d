package io.timetravel.storage;

import io.timetravel.domain.DigestKey;
import io.timetravel.service.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The installation's key for ledger digests in a PEM file outside the database, readable by its
 * owner only: by default {@code keys/signing-key.pem} in the database's folder. Kept out of the
 * database so that whoever can rewrite the database file cannot sign a digest of the rewrite.
 */
public final class SigningKeyFile {

    private SigningKeyFile() {
    }

    /** Where the key of the database at {@code databaseFile} is unless {@code --signing-key} says otherwise. */
    public static Path defaultFor(Path databaseFile) {
        return databaseFile.toAbsolutePath().normalize().resolveSibling("keys").resolve("signing-key.pem");
    }

    /** Reads the key, creating a new one (and its folder, owner-only) on first use. */
    public static DigestKey loadOrCreate(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(absolute)) {
                OwnerOnlyFiles.createFolder(absolute.getParent());
                OwnerOnlyFiles.createOnce(absolute, DigestKey.generate().toPem());
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the signing key " + absolute + ": " + FileReason.of(e, absolute), e);
        }
        return read(absolute).orElseThrow(() -> new StoreUnavailableException("the signing key " + absolute + " vanished"));
    }

    /**
     * Reads the key if there is one, creating nothing. A file holding only the public key (as
     * {@code keys show} prints it) gives a key that checks digests but cannot sign.
     */
    public static Optional<DigestKey> read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DigestKey.fromPem(Files.readString(absolute, StandardCharsets.US_ASCII)));
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreUnavailableException("cannot read the signing key " + absolute + ": " + FileReason.of(e, absolute), e);
        }
    }
}
