package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed digests: what an auditor can check with the public key alone, and every way one can be wrong. */
class DigestKeyTest {

    private static final String HEAD = "ab".repeat(32);
    private static final Instant AT = Instant.parse("2026-11-29T12:00:00.123456Z");

    @Test
    void aDigestSaysHowLongTheLedgerWasAndItsHeadAndVerifiesUnderItsKey() {
        DigestKey key = DigestKey.generate();

        LedgerDigest digest = key.sign(12, HEAD, AT);

        assertEquals(12, digest.entries());
        assertEquals(HEAD, digest.head());
        assertEquals("2026-11-29T12:00:00.123456Z", digest.at());
        assertEquals(key.keyId(), digest.keyId());
        assertTrue(key.keyId().matches("[0-9a-f]{16}"), key.keyId());
        assertEquals(Optional.empty(), key.problemWith(digest));
        assertEquals("{\"entries\":12,\"head\":\"" + HEAD + "\",\"at\":\"2026-11-29T12:00:00.123456Z\",\"key_id\":\"" + key.keyId()
                + "\",\"signature\":\"" + digest.signature() + "\"}", digest.toJson());
        assertEquals(digest, LedgerDigest.parse(digest.toJson()));
    }

    @Test
    void theSignatureCoversTheSortedMembersAsTextSoAnyoneCanCheckItWithTheJdkAlone() throws Exception {
        DigestKey key = DigestKey.generate();
        LedgerDigest digest = key.sign(3, HEAD, AT);
        String pem = key.publicPem();
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        verifier.update(("{\"at\":\"2026-11-29T12:00:00.123456Z\",\"entries\":3,\"head\":\"" + HEAD + "\",\"key_id\":\""
                + key.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));

        assertTrue(verifier.verify(Base64.getDecoder().decode(digest.signature())));
        assertEquals(HashChain.sha256HexOf(der).substring(0, 16), key.keyId(), "the key id is the public key's SHA-256, shortened");
    }

    @Test
    void aChangedCountHeadOrInstantInvalidatesTheSignature() {
        DigestKey key = DigestKey.generate();
        LedgerDigest digest = key.sign(12, HEAD, AT);

        for (LedgerDigest forged : new LedgerDigest[] {
                new LedgerDigest(11, HEAD, digest.at(), digest.keyId(), digest.signature()),
                new LedgerDigest(12, "cd".repeat(32), digest.at(), digest.keyId(), digest.signature()),
                new LedgerDigest(12, HEAD, "2026-11-29T12:00:00.123457Z", digest.keyId(), digest.signature())}) {
            assertEquals(Optional.of("signature invalid: the signature does not match the digest's entries, head and at"),
                    key.problemWith(forged), forged::toJson);
        }
    }

    @Test
    void aDigestFromAnotherKeyIsNamedByItsKeyId() {
        DigestKey ours = DigestKey.generate();
        DigestKey theirs = DigestKey.generate();

        Optional<String> problem = ours.problemWith(theirs.sign(12, HEAD, AT));

        assertEquals(Optional.of("signature invalid: signed by key " + theirs.keyId() + ", not by this installation's key "
                + ours.keyId()), problem);
        // A forger who copies our key id still cannot sign for it.
        LedgerDigest forged = theirs.sign(12, HEAD, AT);
        LedgerDigest relabelled = new LedgerDigest(12, HEAD, forged.at(), ours.keyId(), forged.signature());
        assertTrue(ours.problemWith(relabelled).orElseThrow().startsWith("signature invalid: the signature does not match"));
    }

    @Test
    void theKeyTravelsAsPemAndItsPublicHalfAloneChecksButCannotSign() {
        DigestKey key = DigestKey.generate();
        String pem = key.toPem();

        DigestKey read = DigestKey.fromPem(pem);
        DigestKey publicOnly = DigestKey.fromPem(key.publicPem());

        assertTrue(pem.contains("-----BEGIN PRIVATE KEY-----") && pem.contains("-----BEGIN PUBLIC KEY-----"), pem);
        assertFalse(key.publicPem().contains("PRIVATE"), key.publicPem());
        assertEquals(key.keyId(), read.keyId());
        assertTrue(read.canSign());
        assertEquals(Optional.empty(), publicOnly.problemWith(read.sign(5, HEAD, AT)));
        assertFalse(publicOnly.canSign());
        assertThrows(IllegalStateException.class, () -> publicOnly.sign(5, HEAD, AT));
        assertFalse(key.toString().contains("PRIVATE"));
    }

    @Test
    void halvesOfTwoKeysAreRefused() {
        String ours = DigestKey.generate().toPem();
        String theirs = DigestKey.generate().publicPem();
        String mixed = ours.substring(0, ours.indexOf("-----BEGIN PUBLIC KEY-----")) + theirs;

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DigestKey.fromPem(mixed));
        assertEquals("the PRIVATE KEY and PUBLIC KEY blocks are not one key", refused.getMessage());
        assertEquals("no PUBLIC KEY block", assertThrows(IllegalArgumentException.class, () -> DigestKey.fromPem("nothing")).getMessage());
    }

    @Test
    void aMalformedDigestSaysWhatIsWrong() {
        DigestKey key = DigestKey.generate();
        String good = key.sign(1, HEAD, AT).toJson();
        String[][] cases = {
                {"{}", "entries must be a whole number, 0 or more"},
                {good.replace("\"entries\":1", "\"entries\":-1"), "entries must be a whole number, 0 or more"},
                {good.replace("\"entries\":1", "\"entries\":1.5"), "entries must be a whole number, 0 or more"},
                {good.replace("\"entries\":1", "\"entries\":\"1\""), "entries must be a whole number, 0 or more"},
                {good.replace(HEAD, "AB".repeat(32)), "head must be 64 lower-case hex digits"},
                {good.replace("2026-11-29T12:00:00.123456Z", "yesterday"), "at must be an instant"},
                {good.replace(key.keyId(), "xyz"), "key_id must be 16 lower-case hex digits"},
                {good.replace("\"signature\":\"", "\"signature\":\"!"), "signature must be Base64"},
                {good.replace("}", ",\"extra\":1}"), "unknown member \"extra\"; a digest has entries, head, at, key_id, signature"},
                {"[1]", "not JSON: "},
        };
        for (String[] bad : cases) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parse(bad[0]), bad[0]);
            assertTrue(refused.getMessage().startsWith(bad[1]), () -> bad[0] + ": " + refused.getMessage());
        }
        String shortSignature = good.replaceAll("\"signature\":\"[^\"]+\"", "\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[8]) + "\"");
        assertEquals("signature must be 64 bytes (Ed25519)",
                assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parse(shortSignature)).getMessage());
        assertNotEquals(good, shortSignature);
    }
}
