package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.DigestKey;
import io.timetravel.service.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key's file: made once, owner-only, beside the database unless named; read without being made. */
class SigningKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceOwnerOnlyInKeysBesideTheDatabaseAndReadBackTheSame() throws Exception {
        Path file = SigningKeyFile.defaultFor(dir.resolve("db").resolve("t.db"));
        assertEquals(dir.resolve("db").resolve("keys").resolve("signing-key.pem"), file);
        assertEquals(Optional.empty(), SigningKeyFile.read(file), "reading makes nothing");
        assertFalse(Files.exists(file.getParent()));

        DigestKey made = SigningKeyFile.loadOrCreate(file);
        DigestKey again = SigningKeyFile.loadOrCreate(file);

        assertTrue(made.canSign());
        assertEquals(made.keyId(), again.keyId());
        assertEquals(made.keyId(), SigningKeyFile.read(file).orElseThrow().keyId());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(1, leftovers.count(), "no .part file left behind");
        }
    }

    @Test
    void aFileWithThePublicHalfOnlyChecksAndAnUnreadableOneIsRefusedNamingIt() throws Exception {
        DigestKey key = DigestKey.generate();
        Path publicOnly = dir.resolve("public.pem");
        Files.writeString(publicOnly, key.publicPem());
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a key");

        assertFalse(SigningKeyFile.read(publicOnly).orElseThrow().canSign());
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> SigningKeyFile.loadOrCreate(garbage));
        assertEquals("cannot read the signing key " + garbage + ": no PUBLIC KEY block", refused.getMessage());
    }
}
