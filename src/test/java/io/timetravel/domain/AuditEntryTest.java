package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An audit entry's hash covers its content and its predecessor, so any edit is detectable. */
class AuditEntryTest {

    private static final Instant AT = Instant.parse("2026-05-01T12:00:00.123456Z");
    private static final String OTHER_HASH = HashChain.sha256Hex("some other entry");

    /** An entry sealed the way the store seals one: hash over its canonical content and the previous hash. */
    private static AuditEntry sealed(long id, Long recordId, Long version, String eventType, Instant changedAt, long actor,
            String oldValue, String newValue, String reason, String prevHash) {
        String content = AuditEntry.canonicalContent(recordId, version, eventType, Instants.format(changedAt), actor, oldValue, newValue, reason);
        return new AuditEntry(id, recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, prevHash,
                HashChain.link(prevHash, content));
    }

    private static AuditEntry sample(String prevHash) {
        return sealed(1, 42L, 3L, "UPDATE", AT, 7, "{\"premium\":100}", "{\"premium\":120}", "annual review", prevHash);
    }

    /** The same entry with one stored field replaced and the original hash kept, as a tamperer would leave it. */
    private static AuditEntry with(AuditEntry e, String field, Object value) {
        return new AuditEntry(
                field.equals("id") ? (Long) value : e.id(),
                field.equals("recordId") ? (Long) value : e.recordId(),
                field.equals("version") ? (Long) value : e.version(),
                field.equals("eventType") ? (String) value : e.eventType(),
                field.equals("changedAt") ? (Instant) value : e.changedAt(),
                field.equals("actor") ? (Long) value : e.actor(),
                field.equals("oldValue") ? (String) value : e.oldValue(),
                field.equals("newValue") ? (String) value : e.newValue(),
                field.equals("reason") ? (String) value : e.reason(),
                field.equals("prevHash") ? (String) value : e.prevHash(),
                field.equals("hash") ? (String) value : e.hash());
    }

    @Test
    void aCorrectlySealedEntryVerifies() {
        assertTrue(sample(HashChain.GENESIS).verifies(HashChain.GENESIS));
        assertTrue(sample(OTHER_HASH).verifies(OTHER_HASH));
    }

    @Test
    void anEntryWithNullableFieldsLeftOutVerifies() {
        AuditEntry flagChange = sealed(9, null, null, "FLAG_UPDATE", AT, 7, null, "{\"enabled\":true}", null, OTHER_HASH);

        assertTrue(flagChange.verifies(OTHER_HASH));
    }

    @Test
    void anEntryDoesNotVerifyAgainstADifferentPreviousHash() {
        AuditEntry entry = sample(OTHER_HASH);

        assertFalse(entry.verifies(HashChain.GENESIS));
        assertFalse(entry.verifies(HashChain.sha256Hex("yet another")));
    }

    @Test
    void changingAnyCoveredFieldBreaksVerification() {
        AuditEntry entry = sample(OTHER_HASH);

        assertFalse(with(entry, "recordId", 43L).verifies(OTHER_HASH), "recordId");
        assertFalse(with(entry, "recordId", null).verifies(OTHER_HASH), "recordId to null");
        assertFalse(with(entry, "version", 4L).verifies(OTHER_HASH), "version");
        assertFalse(with(entry, "version", null).verifies(OTHER_HASH), "version to null");
        assertFalse(with(entry, "eventType", "RESTORE").verifies(OTHER_HASH), "eventType");
        assertFalse(with(entry, "changedAt", AT.plusNanos(1_000)).verifies(OTHER_HASH), "changedAt by a microsecond");
        assertFalse(with(entry, "changedAt", AT.minusSeconds(86_400)).verifies(OTHER_HASH), "changedAt by a day");
        assertFalse(with(entry, "actor", 8L).verifies(OTHER_HASH), "actor");
        assertFalse(with(entry, "actor", Actors.ANONYMOUS).verifies(OTHER_HASH), "actor to anonymous");
        assertFalse(with(entry, "oldValue", "{\"premium\":101}").verifies(OTHER_HASH), "oldValue");
        assertFalse(with(entry, "oldValue", null).verifies(OTHER_HASH), "oldValue to null");
        assertFalse(with(entry, "newValue", "{\"premium\":121}").verifies(OTHER_HASH), "newValue");
        assertFalse(with(entry, "reason", "annual review.").verifies(OTHER_HASH), "reason");
        assertFalse(with(entry, "reason", null).verifies(OTHER_HASH), "reason to null");
        assertFalse(with(entry, "hash", HashChain.sha256Hex("forged")).verifies(OTHER_HASH), "hash");
    }

    @Test
    void changingThePreviousHashBreaksVerificationEvenWhenTheVerifierIsToldTheNewOne() {
        AuditEntry entry = sample(OTHER_HASH);
        String forgedPrev = HashChain.sha256Hex("forged");

        AuditEntry tampered = with(entry, "prevHash", forgedPrev);

        assertFalse(tampered.verifies(OTHER_HASH));
        assertFalse(tampered.verifies(forgedPrev));
    }

    @Test
    void theStoredIdIsNotCoveredByTheHash() {
        // The id is assigned on insertion; the chain itself fixes each entry's position.
        assertTrue(with(sample(HashChain.GENESIS), "id", 999L).verifies(HashChain.GENESIS));
    }

    @Test
    void canonicalContentIsSortedCompactJson() {
        String content = AuditEntry.canonicalContent(42L, 3L, "UPDATE", "2026-05-01T12:00:00.123456Z", 7,
                "{\"premium\":100}", null, "why \"not\"");

        assertEquals("{\"actor\":7,\"changed_at\":\"2026-05-01T12:00:00.123456Z\",\"event_type\":\"UPDATE\","
                + "\"new_value\":null,\"old_value\":\"{\\\"premium\\\":100}\",\"reason\":\"why \\\"not\\\"\","
                + "\"record_id\":42,\"version\":3}", content);
    }

    @Test
    void canonicalContentTellsAbsentValuesFromLookalikes() {
        String withNulls = AuditEntry.canonicalContent(null, null, "E", "t", 0, null, null, null);

        assertNotEquals(withNulls, AuditEntry.canonicalContent(0L, null, "E", "t", 0, null, null, null));
        assertNotEquals(withNulls, AuditEntry.canonicalContent(null, 0L, "E", "t", 0, null, null, null));
        assertNotEquals(withNulls, AuditEntry.canonicalContent(null, null, "E", "t", 0, "null", null, null));
        assertNotEquals(withNulls, AuditEntry.canonicalContent(null, null, "E", "t", 0, null, "null", null));
        assertNotEquals(withNulls, AuditEntry.canonicalContent(null, null, "E", "t", 0, null, null, ""));
    }

    @Test
    void canonicalContentKeepsFieldsApartSoValuesCannotMoveBetweenThem() {
        assertNotEquals(
                AuditEntry.canonicalContent(1L, 2L, "E", "t", 0, "a", "b", null),
                AuditEntry.canonicalContent(1L, 2L, "E", "t", 0, "b", "a", null));
        assertNotEquals(
                AuditEntry.canonicalContent(1L, 2L, "E", "t", 0, "a", null, null),
                AuditEntry.canonicalContent(1L, 2L, "E", "t", 0, null, "a", null));
    }

    @Test
    void aChainVerifiesEntryByEntryAndBreaksWhenAnEntryIsRemovedOrReordered() {
        List<AuditEntry> chain = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 1; i <= 4; i++) {
            AuditEntry entry = sealed(i, 42L, (long) i, i == 1 ? "CREATE" : "UPDATE", AT.plusSeconds(i), 7,
                    "{\"v\":" + (i - 1) + "}", "{\"v\":" + i + "}", null, prev);
            chain.add(entry);
            prev = entry.hash();
        }

        for (int i = 0; i < chain.size(); i++) {
            String expectedPrev = i == 0 ? HashChain.GENESIS : chain.get(i - 1).hash();
            assertTrue(chain.get(i).verifies(expectedPrev), "entry " + i);
        }
        // Entry 2 removed: entry 3 now follows entry 1 and no longer verifies.
        assertFalse(chain.get(2).verifies(chain.get(0).hash()));
        // Entries 2 and 3 swapped: entry 2 no longer follows entry 3's predecessor.
        assertFalse(chain.get(1).verifies(chain.get(2).hash()));
        // The first entry cannot be moved later in the chain either.
        assertFalse(chain.get(0).verifies(chain.get(3).hash()));
    }

    @Test
    void verificationUsesTheStoredMicrosecondResolution() {
        // The store keeps microseconds, so an instant read back without its nanoseconds must still verify.
        AuditEntry sealedWithNanos = sealed(1, 42L, 1L, "CREATE", AT.plusNanos(999), 7, null, "{}", null, HashChain.GENESIS);

        assertTrue(with(sealedWithNanos, "changedAt", AT).verifies(HashChain.GENESIS));
    }
}
