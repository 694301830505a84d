package io.timetravel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a version row keeps of its audit entry and event (db/migration/V12), and what it refuses
 * because the views would read it back otherwise: the writer then writes rows of their own.
 */
class VersionEntriesTest {

    private static final String AT = "2026-05-01T10:00:00.000000Z";
    private static final String PATCH = "{\"premium\":120}";
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final String H3 = "ab".repeat(32);
    private static final String H4 = "0123456789abcdef".repeat(4);
    private static final String STATE = "fe".repeat(32);
    private static final String PAYLOAD = "{\"state_rule\":\"field-fold\",\"state_sha256\":\"" + STATE + "\",\"version_row\":true}";

    /** A digest other than the event's version_sha256: as for events written before V16, which stored it. */
    private static final String OLDER_DIGEST = "cd".repeat(32);

    /** The version's own columns come first, then the entries' ({@code WriteStatements.ENTRY_COLUMNS}). */
    private static final int E = 14;

    private static final VersionEntries.VersionRow VERSION = new VersionEntries.VersionRow(7, 2, null, PATCH, 1, AT, null, AT, AT, 3,
            "UPDATE", "renewal", "{\"source\":\"v2\"}", PATCH);
    private static final VersionEntries.AuditRow AUDIT = new VersionEntries.AuditRow(7L, 2L, "UPDATE", AT, 3, "{\"premium\":100}",
            PATCH, "renewal", H1, H2, 1L, 0, 0);
    private static final VersionEntries.EventRow EVENT = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, PAYLOAD, H3,
            H4, STATE, 40L, H2, 0, 0);

    @Test
    void aWriteWithItsAuditEntryKeepsOnlyWhatTheVersionDoesNotHold() {
        Object[] kept = VersionEntries.kept(VERSION, OLDER_DIGEST, 40, AUDIT, 41, EVENT);

        assertNotNull(kept);
        assertEquals(E + WriteStatements.ENTRY_COLUMNS.size(), kept.length);
        assertEquals(List.of(7L, 2L, "", PATCH, 1L, "", "", AT, "", 3L, "UPDATE", "renewal", "{\"source\":\"v2\"}", ""),
                java.util.Arrays.asList(kept).subList(0, E).stream().map(v -> v == null ? "" : v).toList(),
                "what repeats the recorded time or the patch is left empty");
        assertEquals(VersionEntries.EFFECTIVE_AT_RECORDED | VersionEntries.UPDATED_AT_RECORDED
                | VersionEntries.APPLIED_PATCH_IS_PATCH, kept[kept.length - 2]);
        assertEquals(40L, kept[E + 0]);
        assertEquals("{\"premium\":100}", kept[E + 1]);
        assertNull(kept[E + 2], "the new value is the applied patch");
        assertEquals(1L, kept[E + 3]);
        assertArrayEquals(bytes(H1), (byte[]) kept[E + 4]);
        assertArrayEquals(bytes(H2), (byte[]) kept[E + 5]);
        assertEquals(41L, kept[E + 6]);
        assertNull(kept[E + 7], "the payload is built from the state's hash");
        assertArrayEquals(bytes(STATE), (byte[]) kept[E + 8]);
        assertArrayEquals(bytes(H3), (byte[]) kept[E + 9]);
        assertArrayEquals(bytes(H4), (byte[]) kept[E + 10]);
        assertArrayEquals(bytes(STATE), (byte[]) kept[E + 11]);
        assertEquals(40L, kept[E + 12]);
        assertNull(kept[E + 13], "the event seals the row's own audit entry");
        assertEquals(0L, kept[E + 14]);
        assertEquals(VersionEntries.AUDIT_SHOWN | VersionEntries.EVENT_SHOWN, kept[E + 15]);
    }

    @Test
    void todaysEventLeavesItsPayloadAndTheRowsDigestToBeReadBackOrComputed() {
        String digest = VERSION.stored().sha256();
        VersionEntries.EventRow event = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, VersionEntries.STORED_PAYLOAD,
                H3, H4, digest, 40L, H2, 0, 0);

        Object[] kept = VersionEntries.kept(VERSION, digest, 40, AUDIT, 41, event);

        assertNotNull(kept);
        assertNull(kept[E + 7], "the views give today's payload");
        assertNull(kept[E + 8], "no state hash");
        assertNull(kept[E + 11], "the row's digest is computed");
        assertArrayEquals(bytes(H4), (byte[]) kept[E + 10], "the event's own hash is kept");

        VersionEntries.EventRow otherDigest = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L,
                VersionEntries.STORED_PAYLOAD, H3, H4, STATE, 40L, H2, 0, 0);
        Object[] stored = VersionEntries.kept(VERSION, digest, 40, AUDIT, 41, otherDigest);
        assertNotNull(stored);
        assertArrayEquals(bytes(STATE), (byte[]) stored[E + 11], "a digest other than the row's is stored as it is");
        VersionEntries.EventRow notHex = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, VersionEntries.STORED_PAYLOAD,
                H3, H4, "not a digest", 40L, H2, 0, 0);
        assertNull(VersionEntries.kept(VERSION, digest, 40, AUDIT, 41, notHex), "what the view cannot give back is not kept");
    }

    @Test
    void withoutAnAuditEntryTheEventStillNamesTheLastOneAndSealsNothing() {
        VersionEntries.EventRow event = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, PAYLOAD, H3, H4, STATE, 12L,
                null, 0, 0);
        Object[] kept = VersionEntries.kept(VERSION, OLDER_DIGEST, 0, null, 41, event);

        assertNotNull(kept);
        assertNull(kept[E + 0]);
        assertEquals(12L, kept[E + 12]);
        assertNull(kept[E + 13]);
        assertEquals(VersionEntries.EVENT_SHOWN, kept[E + 15]);
    }

    @Test
    void aBackDatedCheckpointKeepsItsEffectiveTimeAndTheStateItRepeatsOnce() {
        String effective = "2026-04-01T00:00:00.000000Z";
        VersionEntries.VersionRow checkpoint = new VersionEntries.VersionRow(7, 2, PATCH, PATCH, 2, effective, null, AT, AT, 3,
                "UPDATE", "renewal", "{\"source\":\"v2\"}", "{\"premium\":120,\"x\":null}");
        Object[] kept = VersionEntries.kept(checkpoint, OLDER_DIGEST, 40, new VersionEntries.AuditRow(7L, 2L, "UPDATE", AT, 3, null,
                "{\"premium\":120,\"x\":null}", "renewal", H1, H2, 1L, 0, 0), 41, EVENT);

        assertNotNull(kept);
        assertEquals("", kept[2], "data is the patch");
        assertEquals(effective, kept[5]);
        assertEquals("{\"premium\":120,\"x\":null}", kept[13]);
        assertEquals(VersionEntries.UPDATED_AT_RECORDED | VersionEntries.DATA_IS_PATCH, kept[kept.length - 2]);
    }

    @Test
    void aSmallCheckpointKeepsItsStateOnceItsSourceForItsMetadataAndNoNewValue() {
        String state = "{\"note\":\"x\",\"premium\":120}";
        VersionEntries.VersionRow small = new VersionEntries.VersionRow(7, 2, state, PATCH, 2, AT, null, AT, AT, 3, "UPDATE",
                "renewal", "{\"actor_verified\":true,\"source\":\"v2\"}", state);
        Object[] kept = VersionEntries.kept(small, OLDER_DIGEST, 40, AUDIT, 41, EVENT);

        assertNotNull(kept);
        assertEquals(state, kept[2]);
        assertEquals("v2", kept[12], "the view builds the metadata from the source");
        assertEquals("", kept[13], "the applied patch is the state");
        assertNull(kept[E + 2], "the new value is the patch");
        assertEquals(VersionEntries.APPLIED_PATCH_IS_DATA | VersionEntries.METADATA_VERIFIED_SOURCE
                | VersionEntries.NEW_VALUE_IS_PATCH, kept[kept.length - 1]);

        VersionEntries.VersionRow unverified = new VersionEntries.VersionRow(7, 2, state, PATCH, 2, AT, null, AT, AT, 3, "UPDATE",
                "renewal", "{\"actor_verified\":false,\"source\":\"desktop\"}", state);
        Object[] keptUnverified = VersionEntries.kept(unverified, OLDER_DIGEST, 40, AUDIT, 41, EVENT);
        assertEquals("desktop", keptUnverified[12]);
        assertEquals(VersionEntries.APPLIED_PATCH_IS_DATA | VersionEntries.METADATA_UNVERIFIED_SOURCE
                | VersionEntries.NEW_VALUE_IS_PATCH, keptUnverified[keptUnverified.length - 1]);
    }

    @Test
    void anEntryThatFollowsTheIdBeforeItsOwnKeepsTheFirstBytesOfItsPreviousHash() {
        VersionEntries.AuditRow follows = new VersionEntries.AuditRow(7L, 2L, "UPDATE", AT, 3, "{\"premium\":100}", PATCH, "renewal",
                H1, H2, 1L, 0, 39);
        VersionEntries.EventRow eventFollows = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, PAYLOAD, H3, H4, STATE,
                40L, H2, 0, 40);
        Object[] kept = VersionEntries.kept(VERSION, OLDER_DIGEST, 40, follows, 41, eventFollows);

        assertNotNull(kept);
        assertArrayEquals(java.util.Arrays.copyOf(bytes(H1), 4), (byte[]) kept[E + 4], "the audit entry follows entry 39");
        assertArrayEquals(java.util.Arrays.copyOf(bytes(H3), 4), (byte[]) kept[E + 9], "the event follows event 40");
        assertArrayEquals(bytes(H2), (byte[]) kept[E + 5]);
        assertArrayEquals(bytes(H4), (byte[]) kept[E + 10]);

        VersionEntries.AuditRow afterAGap = new VersionEntries.AuditRow(7L, 2L, "UPDATE", AT, 3, "{\"premium\":100}", PATCH,
                "renewal", H1, H2, 1L, 0, 38);
        VersionEntries.EventRow first = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, PAYLOAD, H3, H4, STATE, 1L, H2, 0,
                0);
        Object[] stored = VersionEntries.kept(VERSION, OLDER_DIGEST, 40, afterAGap, 1, first);
        assertArrayEquals(bytes(H1), (byte[]) stored[E + 4], "an id taken by a write rolled back lies between");
        assertArrayEquals(bytes(H3), (byte[]) stored[E + 9], "the first event follows none");
    }

    @Test
    void metadataTheViewsCouldNotBuildFromASourceIsKeptWhole() {
        for (String metadata : List.of("{\"actor_verified\":true,\"source\":\"v\\\"2\"}",
                "{\"actor_verified\":true,\"source\":\"\"}",
                "{\"actor_verified\":true,\"restored_from\":{\"version\":1},\"source\":\"v2\"}",
                "{\"source\":\"v2\",\"actor_verified\":true}")) {
            VersionEntries.VersionRow version = new VersionEntries.VersionRow(7, 2, null, PATCH, 1, AT, null, AT, AT, 3, "UPDATE",
                    "renewal", metadata, PATCH);
            Object[] kept = VersionEntries.kept(version, OLDER_DIGEST, 40, AUDIT, 41, EVENT);
            assertEquals(metadata, kept[12], metadata);
            assertEquals(0L, kept[kept.length - 1], metadata);
        }
    }

    @Test
    void whatTheViewsCannotDeriveIsKeptAsItIs() {
        VersionEntries.AuditRow narrower = new VersionEntries.AuditRow(7L, 2L, "UPDATE", AT, 3, "{\"premium\":100}",
                "{\"premium\":120,\"x\":null}", "renewal", H1, H2, 1L, 0, 0);
        VersionEntries.EventRow otherPayload = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, "{\"old\":true}", H3, H4,
                STATE, 40L, H1, 0, 0);
        Object[] kept = VersionEntries.kept(VERSION, OLDER_DIGEST, 40, narrower, 41, otherPayload);

        assertNotNull(kept);
        assertEquals("{\"premium\":120,\"x\":null}", kept[E + 2]);
        assertEquals("{\"old\":true}", kept[E + 7]);
        assertNull(kept[E + 8]);
        assertArrayEquals(bytes(H1), (byte[]) kept[E + 13], "it seals another entry than the row's own");
    }

    @Test
    void entriesTheViewsWouldReadBackOtherwiseAreRefused() {
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, audit("CREATE", AT, 3, "renewal", H2, PATCH), 41, EVENT), "event type");
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, audit("UPDATE", "2026-05-01T10:00:00Z", 3, "renewal", H2, PATCH), 41, EVENT),
                "time");
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, audit("UPDATE", AT, 4, "renewal", H2, PATCH), 41, EVENT), "actor");
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, audit("UPDATE", AT, 3, null, H2, PATCH), 41, EVENT), "reason");
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, audit("UPDATE", AT, 3, "renewal", H3.toUpperCase(), PATCH), 41, EVENT),
                "a hash lower(hex()) would not give back");
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, audit("UPDATE", AT, 3, "renewal", H2, null), 41, EVENT),
                "no new value, which the view would read as the patch");
        VersionEntries.EventRow restored = new VersionEntries.EventRow("record.restored", 7L, 2L, AT, 3L, PAYLOAD, H3, H4, STATE, 40L,
                H2, 0, 0);
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, AUDIT, 41, restored), "an update's event is record.written");
        VersionEntries.EventRow unsealed = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, PAYLOAD, H3, H4, STATE, 40L,
                null, 0, 0);
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, AUDIT, 41, unsealed), "the view would read the own entry's hash");
        VersionEntries.EventRow otherLane = new VersionEntries.EventRow("record.written", 7L, 2L, AT, 3L, PAYLOAD, H3, H4, STATE, 40L,
                H2, 1, 0);
        assertNull(VersionEntries.kept(VERSION, OLDER_DIGEST, 40, AUDIT, 41, otherLane), "both entries share the row's lane");
    }

    @Test
    void onlyLowerCaseSha256HexBecomesBytes() {
        assertArrayEquals(bytes(H4), VersionEntries.sha256(H4));
        assertNull(VersionEntries.sha256(H4.toUpperCase()));
        assertNull(VersionEntries.sha256(H4.substring(1)));
        assertNull(VersionEntries.sha256("g".repeat(64)));
        assertNull(VersionEntries.sha256(null));
    }

    private static VersionEntries.AuditRow audit(String type, String at, long actor, String reason, String hash, String newValue) {
        return new VersionEntries.AuditRow(7L, 2L, type, at, actor, "{\"premium\":100}", newValue, reason, H1, hash, 1L, 0, 0);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
