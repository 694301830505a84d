package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SHA-256 link that makes the audit trail tamper-evident. */
class HashChainTest {

    private static final String CONTENT = "{\"actor\":7,\"event_type\":\"CREATE\"}";

    @Test
    void genesisIsSixtyFourZeros() {
        assertEquals(64, HashChain.GENESIS.length());
        assertTrue(HashChain.GENESIS.chars().allMatch(c -> c == '0'));
    }

    @Test
    void sha256HexMatchesPublishedTestVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HashChain.sha256Hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HashChain.sha256Hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                HashChain.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    @Test
    void sha256HexHashesUtf8Bytes() {
        String text = "Zoë 😀";

        assertEquals(HexFormat.of().formatHex(HashChain.sha256().digest(text.getBytes(StandardCharsets.UTF_8))), HashChain.sha256Hex(text));
    }

    @Test
    void linkIsDeterministic() {
        assertEquals(HashChain.link(HashChain.GENESIS, CONTENT), HashChain.link(HashChain.GENESIS, CONTENT));
    }

    @Test
    void linkIsSixtyFourLowercaseHexDigits() {
        String link = HashChain.link(HashChain.GENESIS, CONTENT);

        assertTrue(link.matches("[0-9a-f]{64}"), link);
    }

    @Test
    void linkIsSha256OfPreviousHashNewlineAndContent() {
        // Pinned so an independent verifier (or an old chain) keeps agreeing with the code.
        String previous = HashChain.sha256Hex("previous");
        String content = "{\"reason\":\"Zoë\"}";

        assertEquals(HashChain.sha256Hex(previous + "\n" + content), HashChain.link(previous, content));
        assertEquals(HashChain.sha256Hex(HashChain.GENESIS + "\n"), HashChain.link(HashChain.GENESIS, ""));
    }

    @Test
    void linkChangesWhenThePreviousHashChanges() {
        String previous = HashChain.sha256Hex("a");
        String other = previous.substring(0, 63) + (previous.charAt(63) == '0' ? '1' : '0');

        assertNotEquals(HashChain.link(previous, CONTENT), HashChain.link(other, CONTENT));
        assertNotEquals(HashChain.link(HashChain.GENESIS, CONTENT), HashChain.link(previous, CONTENT));
    }

    @Test
    void linkChangesWhenTheContentChanges() {
        String link = HashChain.link(HashChain.GENESIS, CONTENT);

        assertNotEquals(link, HashChain.link(HashChain.GENESIS, CONTENT.replace('7', '8')));
        assertNotEquals(link, HashChain.link(HashChain.GENESIS, CONTENT + " "));
        assertNotEquals(link, HashChain.link(HashChain.GENESIS, CONTENT.toUpperCase()));
    }

    @Test
    void everySingleCharacterEditGivesADifferentLink() {
        Set<String> links = new HashSet<>();
        links.add(HashChain.link(HashChain.GENESIS, CONTENT));
        for (int i = 0; i < CONTENT.length(); i++) {
            String edited = CONTENT.substring(0, i) + (char) (CONTENT.charAt(i) + 1) + CONTENT.substring(i + 1);
            links.add(HashChain.link(HashChain.GENESIS, edited));
        }

        assertEquals(CONTENT.length() + 1, links.size());
    }

    @Test
    void eachCallGetsAFreshDigest() {
        // A shared MessageDigest would carry state from one call into the next.
        HashChain.sha256().update((byte) 1);

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HashChain.sha256Hex("abc"));
    }
}
