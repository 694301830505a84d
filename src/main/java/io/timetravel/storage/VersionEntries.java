package io.timetravel.storage;

import io.timetravel.domain.StoredVersionRow;
import io.timetravel.service.RecordService;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rows a record write makes, as stored, and how SQLite keeps them in one row of
 * {@code version_rows} (db/migration/V12 to V16, docs/decisions/0044 and 0048): its audit entry and
 * event in the columns V12 added, and each of the version's own values once (V13's {@code derived}
 * and V14's {@code derived_more}). Since V16 an event kept in the row stores neither its payload
 * nor its {@code version_sha256} when they are what the row gives: the payload of today's record
 * events, and the row's own digest, which the views leave empty and {@link LedgerRows} computes.
 *
 * <p>The views {@code policyholder_records}, {@code audit_history} and {@code event_logs} read the
 * row back. {@link #kept} is the one place that decides what goes in it, by the same rules the
 * views read it with: what the views would not read back exactly, text for text, is not kept
 * there, and the writer writes the entries as rows of their own instead. So no hash can depend on
 * which way a row was stored.
 */
final class VersionEntries {

    /** {@code entries_shown}: the audit entry is read from the row. */
    static final long AUDIT_SHOWN = 1;
    /** {@code entries_shown}: the event is read from the row. */
    static final long EVENT_SHOWN = 2;
    /** {@code derived} (V13): effective_at is recorded_at. */
    static final long EFFECTIVE_AT_RECORDED = 1;
    /** {@code derived}: updated_at is recorded_at. */
    static final long UPDATED_AT_RECORDED = 2;
    /** {@code derived}: applied_patch is patch. */
    static final long APPLIED_PATCH_IS_PATCH = 4;
    /** {@code derived}: data is patch. */
    static final long DATA_IS_PATCH = 8;
    /** {@code derived_more} (V14): applied_patch is data. */
    static final long APPLIED_PATCH_IS_DATA = 1;
    /** {@code derived_more}: metadata is the write's source, from a verified actor. */
    static final long METADATA_VERIFIED_SOURCE = 2;
    /** {@code derived_more}: metadata is the write's source, from an actor not verified. */
    static final long METADATA_UNVERIFIED_SOURCE = 4;
    /** {@code derived_more}: the audit entry's new value is patch. */
    static final long NEW_VALUE_IS_PATCH = 8;
    /** The bytes of a previous hash an entry keeps when the views read the rest from the entry before (V15). */
    static final int PREVIOUS_PREFIX = 4;

    /** The stored payload of a record event since V16, which the views give when neither payload nor state hash is kept (decision 0048). */
    static final String STORED_PAYLOAD = "{\"state_rule\":\"field-fold\",\"version_row\":true}";
    /** The stored payload of a record event before V16, which the views build from its state's hash (decision 0035). */
    private static final String PAYLOAD_BEFORE = "{\"state_rule\":\"field-fold\",\"state_sha256\":\"";
    private static final String PAYLOAD_AFTER = "\",\"version_row\":true}";
    private static final int SHA256_HEX = 64;
    /** The metadata the views build from a source (V14), each side of it, verified or not. */
    private static final String VERIFIED_BEFORE = "{\"actor_verified\":true,\"source\":\"";
    private static final String UNVERIFIED_BEFORE = "{\"actor_verified\":false,\"source\":\"";
    private static final String SOURCE_AFTER = "\"}";
    /** A source the views may put between quotes as it is: nothing JSON would escape. */
    private static final Pattern PLAIN_SOURCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final HexFormat HEX = HexFormat.of();

    private VersionEntries() {
    }

    /** A version row, its values in the order of {@code WriteStatements.VERSION_COLUMNS}. */
    record VersionRow(long recordId, long version, String data, String patch, long checkpointVersion, String effectiveAt,
                      String validTo, String recordedAt, String updatedAt, long actor, String operation, String reason,
                      String metadata, String appliedPatch) {

        Object[] values() {
            return new Object[] {recordId, version, data, patch, checkpointVersion, effectiveAt, validTo, recordedAt, updatedAt,
                actor, operation, reason, metadata, appliedPatch};
        }

        /** The row as the views read it back, every column as its text: what the ledger commits to. */
        StoredVersionRow stored() {
            return new StoredVersionRow(Long.toString(recordId), Long.toString(version), data, patch,
                    Long.toString(checkpointVersion), effectiveAt, validTo, recordedAt, updatedAt, Long.toString(actor), operation,
                    reason, metadata, appliedPatch);
        }
    }

    /**
     * An audit entry, its values in the order of {@code WriteStatements.AUDIT_COLUMNS}, and the id
     * of the entry whose hash {@code prevHash} is ({@code prevId}, 0 when none; not a column).
     */
    record AuditRow(Long recordId, Long version, String eventType, String changedAt, long actor, String oldValue,
                    String newValue, String reason, String prevHash, String hash, Long actorVerified, long lane, long prevId) {

        Object[] values() {
            return new Object[] {recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, prevHash, hash,
                actorVerified, lane};
        }
    }

    /**
     * An event, its values in the order of {@code WriteStatements.EVENT_COLUMNS}, and the id of the
     * event whose hash {@code prevHash} is ({@code prevId}, 0 when none; not a column).
     */
    record EventRow(String eventType, Long recordId, Long version, String occurredAt, Long actor, String payload,
                    String prevHash, String hash, String versionSha256, Long auditId, String auditHash, long lane, long prevId) {

        Object[] values() {
            return new Object[] {eventType, recordId, version, occurredAt, actor, payload, prevHash, hash, versionSha256, auditId,
                auditHash, lane};
        }
    }

    /**
     * The values of version_rows' {@code WriteStatements.VERSION_COLUMNS} and {@code ENTRY_COLUMNS}
     * for {@code version} (whose row's SHA-256, as the views read it back, is {@code digest})
     * keeping {@code audit} (with id {@code auditId}; {@code null} when the write has no audit
     * entry) and {@code event} (with id {@code eventId}): the version's columns that repeat another
     * empty, as {@code derived} and {@code derived_more} say. {@code null} when the views would not
     * read them back exactly as they are.
     */
    static Object[] kept(VersionRow version, String digest, long auditId, AuditRow audit, long eventId, EventRow event) {
        boolean newValueIsPatch = newValueIsPatch(version, audit);
        Object[] entries = entries(version, digest, auditId, audit, newValueIsPatch, eventId, event);
        if (entries == null) {
            return null;
        }
        boolean effectiveAtRecorded = version.effectiveAt().equals(version.recordedAt());
        boolean updatedAtRecorded = version.updatedAt().equals(version.recordedAt());
        boolean appliedPatchIsPatch = version.patch().equals(version.appliedPatch());
        boolean dataIsPatch = version.patch().equals(version.data());
        long derived = (effectiveAtRecorded ? EFFECTIVE_AT_RECORDED : 0) | (updatedAtRecorded ? UPDATED_AT_RECORDED : 0)
                | (appliedPatchIsPatch ? APPLIED_PATCH_IS_PATCH : 0) | (dataIsPatch ? DATA_IS_PATCH : 0);
        boolean appliedPatchIsData = !appliedPatchIsPatch && !dataIsPatch && version.data() != null
                && version.data().equals(version.appliedPatch());
        String source = source(version.metadata(), VERIFIED_BEFORE);
        String unverifiedSource = source == null ? source(version.metadata(), UNVERIFIED_BEFORE) : null;
        long derivedMore = (appliedPatchIsData ? APPLIED_PATCH_IS_DATA : 0) | (source != null ? METADATA_VERIFIED_SOURCE : 0)
                | (unverifiedSource != null ? METADATA_UNVERIFIED_SOURCE : 0) | (newValueIsPatch ? NEW_VALUE_IS_PATCH : 0);
        String metadata = source != null ? source : unverifiedSource != null ? unverifiedSource : version.metadata();
        Object[] own = new VersionRow(version.recordId(), version.version(), dataIsPatch ? "" : version.data(), version.patch(),
                version.checkpointVersion(), effectiveAtRecorded ? "" : version.effectiveAt(), version.validTo(),
                version.recordedAt(), updatedAtRecorded ? "" : version.updatedAt(), version.actor(), version.operation(),
                version.reason(), metadata, appliedPatchIsPatch || appliedPatchIsData ? "" : version.appliedPatch()).values();
        Object[] row = Arrays.copyOf(own, own.length + entries.length + 2);
        System.arraycopy(entries, 0, row, own.length, entries.length);
        row[row.length - 2] = derived;
        row[row.length - 1] = derivedMore;
        return row;
    }

    /** Whether the audit entry's new value is the version's patch and not its applied patch: V14's bit 8. */
    private static boolean newValueIsPatch(VersionRow version, AuditRow audit) {
        return audit != null && audit.newValue() != null && !audit.newValue().equals(version.appliedPatch())
                && audit.newValue().equals(version.patch());
    }

    /**
     * The source of {@code metadata} when it is exactly {@code before}, a plain source and its
     * closing: what the views build back from the source alone. Otherwise {@code null}.
     */
    private static String source(String metadata, String before) {
        String source = between(metadata, before, SOURCE_AFTER);
        return source != null && PLAIN_SOURCE.matcher(source).matches() ? source : null;
    }

    /** What {@code text} holds between {@code before} and {@code after} when it is made so, else {@code null}. */
    private static String between(String text, String before, String after) {
        if (text == null || text.length() < before.length() + after.length() || !text.startsWith(before) || !text.endsWith(after)) {
            return null;
        }
        return text.substring(before.length(), text.length() - after.length());
    }

    /**
     * The values of the entry columns, before {@code derived}, or {@code null}; {@code newValueIsPatch}
     * as {@link #newValueIsPatch} says of {@code version} and {@code audit}. The event's
     * {@code version_sha256} is left empty when it is {@code digest}, the row's own.
     */
    private static Object[] entries(VersionRow version, String digest, long auditId, AuditRow audit, boolean newValueIsPatch,
                                    long eventId, EventRow event) {
        byte[] auditPrevHash = null;
        byte[] auditHash = null;
        String newValue = null;
        if (audit != null) {
            if (!sharesVersion(version, audit.recordId(), audit.version(), audit.actor()) || !audit.eventType().equals(version.operation())
                    || !audit.changedAt().equals(version.recordedAt()) || !Objects.equals(audit.reason(), version.reason())
                    || audit.lane() != event.lane()) {
                return null;
            }
            auditPrevHash = previous(audit.prevHash(), audit.prevId(), auditId);
            auditHash = sha256(audit.hash());
            // The view reads a missing new value as the applied patch.
            if (auditPrevHash == null || auditHash == null || audit.newValue() == null && version.appliedPatch() != null) {
                return null;
            }
            // The view reads a missing new value as the applied patch, or as the patch when derived_more says so.
            boolean derivedNewValue = Objects.equals(audit.newValue(), version.appliedPatch()) || newValueIsPatch;
            newValue = derivedNewValue ? null : audit.newValue();
        }
        if (event.actor() == null || !sharesVersion(version, event.recordId(), event.version(), event.actor())
                || !event.eventType().equals(eventType(version.operation())) || !event.occurredAt().equals(version.recordedAt())) {
            return null;
        }
        // Today's payload is read back from nothing; one from before V16 from its state's hash, else kept as text.
        boolean storedPayload = STORED_PAYLOAD.equals(event.payload());
        byte[] stateSha256 = storedPayload ? null : statePayloadHash(event.payload());
        String payload = storedPayload || stateSha256 != null ? null : event.payload();
        byte[] eventPrevHash = previous(event.prevHash(), event.prevId(), eventId);
        byte[] eventHash = sha256(event.hash());
        boolean versionComputed = event.versionSha256() != null && event.versionSha256().equals(digest);
        byte[] versionSha256 = versionComputed ? null : sha256(event.versionSha256());
        if (eventPrevHash == null || eventHash == null || !versionComputed && versionSha256 == null) {
            return null;
        }
        boolean namesOwnEntry = audit != null && event.auditId() != null && event.auditId() == auditId;
        byte[] eventAuditHash = null;
        if (event.auditHash() == null) {
            if (namesOwnEntry) {
                return null; // the view would read the entry's own hash
            }
        } else if (!(namesOwnEntry && event.auditHash().equals(audit.hash()))) {
            eventAuditHash = sha256(event.auditHash());
            if (eventAuditHash == null) {
                return null;
            }
        }
        return new Object[] {audit == null ? null : auditId, audit == null ? null : audit.oldValue(), newValue,
            audit == null ? null : audit.actorVerified(), auditPrevHash, auditHash, eventId,
            payload, stateSha256, eventPrevHash, eventHash, versionSha256, event.auditId(),
            eventAuditHash, event.lane(), (audit == null ? 0 : AUDIT_SHOWN) | EVENT_SHOWN};
    }

    /**
     * What entry {@code id} keeps of the hash {@code prevHash} of entry {@code prevId} before it:
     * the first {@link #PREVIOUS_PREFIX} bytes when that entry has the id just before, from which
     * the views read the whole hash back (V15); else all 32. {@code null} when not SHA-256 hex.
     */
    private static byte[] previous(String prevHash, long prevId, long id) {
        byte[] hash = sha256(prevHash);
        return hash != null && prevId > 0 && prevId == id - 1 ? Arrays.copyOf(hash, PREVIOUS_PREFIX) : hash;
    }

    /** The event type of a version made by {@code operation}, as event_logs derives it. */
    private static String eventType(String operation) {
        return "RESTORE".equals(operation) ? RecordService.EVENT_RECORD_RESTORED : RecordService.EVENT_RECORD_WRITTEN;
    }

    private static boolean sharesVersion(VersionRow version, Long recordId, Long number, long actor) {
        return recordId != null && recordId == version.recordId() && number != null && number == version.version()
                && actor == version.actor();
    }

    /** The state's hash of a stored record event payload that the views can build, or {@code null}. */
    private static byte[] statePayloadHash(String payload) {
        return sha256(between(payload, PAYLOAD_BEFORE, PAYLOAD_AFTER));
    }

    /** The 32 bytes of a SHA-256 value in lower-case hex, which {@code lower(hex(...))} gives back; otherwise {@code null}. */
    static byte[] sha256(String hex) {
        if (hex == null || hex.length() != SHA256_HEX) {
            return null;
        }
        for (int i = 0; i < SHA256_HEX; i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return HEX.parseHex(hex);
    }
}
