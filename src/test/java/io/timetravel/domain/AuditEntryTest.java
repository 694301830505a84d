package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An audit entry's hash covers its content and its predecessor, so any edit is detectable: checked
 * with the store's own verification ({@link AuditChainCheck}, over the entries as stored text).
 */
class AuditEntryTest {

    private static final Instant AT = Instant.parse("2026-05-01T12:00:00.123456Z");
    /** A first entry of the chain; the entries under test follow it. */
    private static final AuditEntry FIRST = sealed(1, 41L, 1L, "CREATE", AT.minusSeconds(60), 7, null, "{\"premium\":90}", null,
            HashChain.GENESIS);
    private static final String OTHER_HASH = FIRST.hash();

    /** An entry sealed the way the store seals one: hash over its canonical content and the previous hash. */
    private static AuditEntry sealed(long id, Long recordId, Long version, String eventType, Instant changedAt, long actor,
            String oldValue, String newValue, String reason, String prevHash) {
        String content = AuditEntry.canonicalContent(recordId, version, eventType, Instants.format(changedAt), actor, oldValue, newValue, reason);
        return new AuditEntry(id, recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, prevHash,
                HashChain.link(prevHash, content));
    }

    private static AuditEntry sample(String prevHash) {
        return sealed(2, 42L, 3L, "UPDATE", AT, 7, "{\"premium\":100}", "{\"premium\":120}", "annual review", prevHash);
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

    /** Whether the store's chain check accepts {@code entries}, in this order, as the whole chain. */
    private static boolean chainVerifies(AuditEntry... entries) {
        AuditChainCheck check = new AuditChainCheck();
        for (AuditEntry entry : entries) {
            check.check(stored(entry));
        }
        return check.broken().isEmpty();
    }

    /** The entry's row as the store keeps it: every column as text. */
    private static StoredAuditEntry stored(AuditEntry e) {
        return new StoredAuditEntry(e.id(), text(e.recordId()), text(e.version()), e.eventType(), Instants.format(e.changedAt()),
                Long.toString(e.actor()), e.oldValue(), e.newValue(), e.reason(), e.prevHash(), e.hash(),
                e.actorVerified() == null ? null : e.actorVerified() ? "1" : "0");
    }

    private static String text(Long value) {
        return value == null ? null : value.toString();
    }

    @Test
    void aCorrectlySealedEntryVerifies() {
        assertTrue(chainVerifies(sample(HashChain.GENESIS)));
        assertTrue(chainVerifies(FIRST, sample(OTHER_HASH)));
    }

    @Test
    void anEntryWithNullableFieldsLeftOutVerifies() {
        AuditEntry flagChange = sealed(9, null, null, "FLAG_UPDATE", AT, 7, null, "{\"enabled\":true}", null, OTHER_HASH);

        assertTrue(chainVerifies(FIRST, flagChange));
    }

    @Test
    void anEntryDoesNotVerifyAgainstADifferentPreviousHash() {
        AuditEntry entry = sample(OTHER_HASH);

        AuditEntry anotherFirst = sealed(1, 41L, 1L, "CREATE", AT.minusSeconds(59), 7, null, "{\"premium\":90}", null,
                HashChain.GENESIS);

        assertFalse(chainVerifies(entry));
        assertFalse(chainVerifies(anotherFirst, entry));
    }

    @Test
    void changingAnyCoveredFieldBreaksVerification() {
        AuditEntry entry = sample(OTHER_HASH);

        assertFalse(chainVerifies(FIRST, with(entry, "recordId", 43L)), "recordId");
        assertFalse(chainVerifies(FIRST, with(entry, "recordId", null)), "recordId to null");
        assertFalse(chainVerifies(FIRST, with(entry, "version", 4L)), "version");
        assertFalse(chainVerifies(FIRST, with(entry, "version", null)), "version to null");
        assertFalse(chainVerifies(FIRST, with(entry, "eventType", "RESTORE")), "eventType");
        assertFalse(chainVerifies(FIRST, with(entry, "changedAt", AT.plusNanos(1_000))), "changedAt by a microsecond");
        assertFalse(chainVerifies(FIRST, with(entry, "changedAt", AT.minusSeconds(86_400))), "changedAt by a day");
        assertFalse(chainVerifies(FIRST, with(entry, "actor", 8L)), "actor");
        assertFalse(chainVerifies(FIRST, with(entry, "actor", Actors.ANONYMOUS)), "actor to anonymous");
        assertFalse(chainVerifies(FIRST, with(entry, "oldValue", "{\"premium\":101}")), "oldValue");
        assertFalse(chainVerifies(FIRST, with(entry, "oldValue", null)), "oldValue to null");
        assertFalse(chainVerifies(FIRST, with(entry, "newValue", "{\"premium\":121}")), "newValue");
        assertFalse(chainVerifies(FIRST, with(entry, "reason", "annual review.")), "reason");
        assertFalse(chainVerifies(FIRST, with(entry, "reason", null)), "reason to null");
        assertFalse(chainVerifies(FIRST, with(entry, "hash", HashChain.sha256Hex("forged"))), "hash");
    }

    @Test
    void changingThePreviousHashBreaksVerificationWhereverTheEntryStands() {
        AuditEntry entry = sample(OTHER_HASH);
        String forgedPrev = HashChain.sha256Hex("forged");

        AuditEntry tampered = with(entry, "prevHash", forgedPrev);

        assertFalse(chainVerifies(FIRST, tampered));
        assertFalse(chainVerifies(tampered));
    }

    @Test
    void theStoredIdIsNotCoveredByTheHash() {
        // The id is assigned on insertion; the chain itself fixes each entry's position.
        assertTrue(chainVerifies(with(sample(HashChain.GENESIS), "id", 999L)));
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

        assertTrue(chainVerifies(chain.get(0), chain.get(1), chain.get(2), chain.get(3)));
        // An entry removed: the one after it no longer follows its new predecessor.
        assertFalse(chainVerifies(chain.get(0), chain.get(2), chain.get(3)));
        // Two entries swapped.
        assertFalse(chainVerifies(chain.get(0), chain.get(2), chain.get(1), chain.get(3)));
        // The first entry cannot be moved later in the chain either.
        assertFalse(chainVerifies(chain.get(1), chain.get(2), chain.get(3), chain.get(0)));
    }

    @Test
    void verificationUsesTheStoredMicrosecondResolution() {
        // The store keeps microseconds, so an instant read back without its nanoseconds must still verify.
        AuditEntry sealedWithNanos = sealed(1, 42L, 1L, "CREATE", AT.plusNanos(999), 7, null, "{}", null, HashChain.GENESIS);

        assertTrue(chainVerifies(with(sealedWithNanos, "changedAt", AT)));
    }
}
