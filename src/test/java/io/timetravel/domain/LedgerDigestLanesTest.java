package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A digest names its lane (docs/decisions/0030) only when it is not lane 0: a lane-0 digest, its
 * line and the text its signature covers are byte for byte what they were before lanes.
 */
class LedgerDigestLanesTest {

    private static final String HEAD = "ab".repeat(32);
    private static final Instant AT = Instant.parse("2026-11-29T12:00:00.123456Z");

    private final DigestKey key = DigestKey.generate();

    @Test
    void aLaneZeroDigestIsWrittenAndSignedAsBeforeLanes() {
        LedgerDigest digest = key.sign(0, 5, HEAD, AT);

        assertEquals("{\"at\":\"2026-11-29T12:00:00.123456Z\",\"entries\":5,\"head\":\"" + HEAD + "\",\"key_id\":\"" + key.keyId() + "\"}",
                digest.signedContent());
        assertEquals("{\"entries\":5,\"head\":\"" + HEAD + "\",\"at\":\"2026-11-29T12:00:00.123456Z\",\"key_id\":\"" + key.keyId()
                + "\",\"signature\":\"" + digest.signature() + "\"}", digest.toJson());
        assertEquals(key.sign(5, HEAD, AT), digest, "Ed25519 is deterministic: the same digest as the signer without lanes");
        assertEquals(digest, LedgerDigest.parse(digest.toJson()));
        assertEquals(Optional.empty(), key.problemWith(LedgerDigest.parse(digest.toJson())));
    }

    @Test
    void anotherLaneIsWrittenFirstAndCoveredByTheSignature() {
        LedgerDigest digest = key.sign(2, 5, HEAD, AT);

        assertEquals("{\"at\":\"2026-11-29T12:00:00.123456Z\",\"entries\":5,\"head\":\"" + HEAD + "\",\"key_id\":\"" + key.keyId()
                + "\",\"lane\":2}", digest.signedContent());
        assertTrue(digest.toJson().startsWith("{\"lane\":2,\"entries\":5,"), digest.toJson());
        LedgerDigest parsed = LedgerDigest.parse(digest.toJson());
        assertEquals(digest, parsed);
        assertEquals(Optional.empty(), key.problemWith(parsed));
        LedgerDigest moved = LedgerDigest.parse(digest.toJson().replace("\"lane\":2", "\"lane\":1"));
        assertEquals(Optional.of("signature invalid: the signature does not match the digest's lane, entries, head and at"),
                key.problemWith(moved));
    }

    @Test
    void aLaneMemberMustNameALaneOtherThanZero() {
        String good = key.sign(2, 5, HEAD, AT).toJson();
        for (String bad : List.of(good.replace("\"lane\":2", "\"lane\":0"), good.replace("\"lane\":2", "\"lane\":-1"),
                good.replace("\"lane\":2", "\"lane\":\"2\""), good.replace("\"lane\":2", "\"lane\":1.5"))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parse(bad), bad);
            assertEquals("lane must be a whole number from 1 (a digest of lane 0 has no lane member)", refused.getMessage());
        }
    }

    @Test
    void severalDigestsTravelAsAnArray() {
        LedgerDigest zero = key.sign(0, 3, HEAD, AT);
        LedgerDigest one = key.sign(1, 2, "cd".repeat(32), AT);

        assertEquals(List.of(zero, one), LedgerDigest.parseAll("[" + zero.toJson() + "," + one.toJson() + "]"));
        assertEquals(List.of(zero), LedgerDigest.parseAll(zero.toJson()));
        assertEquals("a digest is a JSON object, several digests a non-empty JSON array of them",
                assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parseAll("[]")).getMessage());
        assertEquals("element 2 of the array is not a JSON object",
                assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parseAll("[" + zero.toJson() + ",3]")).getMessage());
        assertEquals("element 1: entries must be a whole number, 0 or more",
                assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parseAll("[{}]")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LedgerDigest.parseAll("[")).getMessage().startsWith("not JSON: "));
    }
}
