package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Walking the audit chain on the stored text: every kind of tampering names the first entry it touches. */
class AuditChainCheckTest {

    /** A chain of {@code n} entries sealed the way the writer seals them. */
    private static List<StoredAuditEntry> chain(int n) {
        List<StoredAuditEntry> entries = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            String changedAt = "2026-05-01T10:00:0" + (i % 10) + ".000000Z";
            String newValue = "{\"n\":" + i + "}";
            String content = AuditEntry.canonicalContent(7L, (long) i, "UPDATE", changedAt, 3, null, newValue, null);
            String hash = HashChain.link(prev, content);
            entries.add(new StoredAuditEntry(i, "7", String.valueOf(i), "UPDATE", changedAt, "3", null, newValue, null, prev, hash));
            prev = hash;
        }
        return entries;
    }

    private static Optional<AuditChainCheck.Break> walk(List<StoredAuditEntry> entries, AuditChainCheck check) {
        for (StoredAuditEntry entry : entries) {
            Optional<AuditChainCheck.Break> broken = check.check(entry);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }

    private static StoredAuditEntry with(StoredAuditEntry e, String column, String value) {
        return new StoredAuditEntry(e.id(),
                column.equals("record_id") ? value : e.recordId(),
                column.equals("version") ? value : e.version(),
                e.eventType(),
                column.equals("changed_at") ? value : e.changedAt(),
                column.equals("actor") ? value : e.actor(),
                e.oldValue(),
                column.equals("new_value") ? value : e.newValue(),
                e.reason(), e.prevHash(), e.hash());
    }

    @Test
    void anUntouchedChainVerifiesAndEndsAtItsLastHash() {
        List<StoredAuditEntry> entries = chain(5);
        AuditChainCheck check = new AuditChainCheck();

        assertTrue(walk(entries, check).isEmpty());
        assertEquals(5, check.checked());
        assertEquals(entries.get(4).hash(), check.head());
    }

    @Test
    void anEditedValueIsNamedAsContentThatNoLongerMatches() {
        List<StoredAuditEntry> entries = new ArrayList<>(chain(5));
        entries.set(2, with(entries.get(2), "new_value", "{\"n\":300}"));
        AuditChainCheck check = new AuditChainCheck();

        AuditChainCheck.Break broken = walk(entries, check).orElseThrow();

        assertEquals(new AuditChainCheck.Break(3, 7L, 3L, AuditChainCheck.CONTENT_CHANGED), broken);
        assertEquals(3, check.checked());
        assertEquals(entries.get(1).hash(), check.head(), "the head stays at the last entry that verified");
    }

    @Test
    void aRemovedEntryIsNoticedAtItsSuccessor() {
        List<StoredAuditEntry> entries = new ArrayList<>(chain(5));
        entries.remove(1);

        AuditChainCheck.Break broken = walk(entries, new AuditChainCheck()).orElseThrow();

        assertEquals(3, broken.id());
        assertEquals(AuditChainCheck.LINK_BROKEN, broken.reason());
    }

    @Test
    void swappedEntriesAreNoticed() {
        List<StoredAuditEntry> entries = new ArrayList<>(chain(4));
        StoredAuditEntry second = entries.get(1);
        entries.set(1, entries.get(2));
        entries.set(2, second);

        assertEquals(3, walk(entries, new AuditChainCheck()).orElseThrow().id());
    }

    @Test
    void valuesThatCannotBeReadAreReportedAsUnreadableNotThrown() {
        String[][] edits = {
                {"changed_at", "garbage", "entry is unreadable: changed_at \"garbage\" is not an instant"},
                {"changed_at", "2026-13-45T99:00:00.000000Z", "entry is unreadable: changed_at \"2026-13-45T99:00:00.000000Z\" is not an instant"},
                {"actor", "seven", "entry is unreadable: actor \"seven\" is not a user id"},
                {"actor", "3.0", "entry is unreadable: actor \"3.0\" is not a user id"},
                {"record_id", "x", "entry is unreadable: record_id \"x\" is not an id"},
                {"version", "-2", "entry is unreadable: version \"-2\" is not a version number"},
        };
        for (String[] edit : edits) {
            List<StoredAuditEntry> entries = new ArrayList<>(chain(3));
            entries.set(1, with(entries.get(1), edit[0], edit[1]));

            AuditChainCheck.Break broken = walk(entries, new AuditChainCheck()).orElseThrow();

            assertEquals(2, broken.id(), edit[1]);
            assertEquals(edit[2], broken.reason());
        }
    }

    @Test
    void anInstantInAnotherNotationIsStillAChangeToTheStoredText() {
        List<StoredAuditEntry> entries = new ArrayList<>(chain(3));
        entries.set(1, with(entries.get(1), "changed_at", "2026-05-01T10:00:02Z"));

        assertEquals(AuditChainCheck.CONTENT_CHANGED, walk(entries, new AuditChainCheck()).orElseThrow().reason());
    }

    @Test
    void afterTheFirstBreakTheCheckKeepsReportingIt() {
        List<StoredAuditEntry> entries = new ArrayList<>(chain(3));
        entries.set(0, with(entries.get(0), "new_value", "{}"));
        AuditChainCheck check = new AuditChainCheck();

        walk(entries, check);

        assertEquals(1, check.check(entries.get(2)).orElseThrow().id());
        assertEquals(1, check.checked());
    }
}
