package io.timetravel.domain;

import java.time.DateTimeException;
import java.util.Optional;

/**
 * Walks the audit hash chain entry by entry, in id order, holding only the previous hash: each
 * entry must be readable, name the previous entry's hash as its {@code prev_hash}, and carry the
 * hash of that and its own canonical content. Feed it any number of entries, page by page.
 */
public final class AuditChainCheck {

    public static final String CONTENT_CHANGED = "hash does not match the entry's content";
    public static final String LINK_BROKEN = "prev_hash does not match the previous entry";
    public static final String UNREADABLE = "entry is unreadable: ";

    /** The first entry that does not fit the chain and why; ids are {@code null} when unreadable. */
    public record Break(long id, Long recordId, Long version, String reason) {
    }

    private String head = HashChain.GENESIS;
    private long checked;
    private Break broken;

    /**
     * Checks the next entry of the chain. Once an entry is broken, the chain is not checked further.
     *
     * @return the break when this entry does not fit, else empty
     */
    public Optional<Break> check(StoredAuditEntry entry) {
        if (broken != null) {
            return Optional.of(broken);
        }
        checked++;
        Long recordId = optionalId(entry.recordId(), false);
        Long version = optionalId(entry.version(), false);
        Long actor = optionalId(entry.actor(), true);
        String problem = null;
        if (entry.recordId() != null && recordId == null) {
            problem = UNREADABLE + "record_id " + quote(entry.recordId()) + " is not an id";
        } else if (entry.version() != null && version == null) {
            problem = UNREADABLE + "version " + quote(entry.version()) + " is not a version number";
        } else if (actor == null) {
            problem = UNREADABLE + "actor " + quote(entry.actor()) + " is not a user id";
        } else if (entry.eventType() == null || entry.prevHash() == null || entry.hash() == null) {
            problem = UNREADABLE + "event_type, prev_hash and hash are required";
        } else if (entry.actorVerified() != null && !entry.actorVerified().equals("0") && !entry.actorVerified().equals("1")) {
            problem = UNREADABLE + "actor_verified " + quote(entry.actorVerified()) + " is not 0 or 1";
        } else if (!isStoredInstant(entry.changedAt())) {
            problem = UNREADABLE + "changed_at " + quote(entry.changedAt()) + " is not an instant";
        } else if (!entry.prevHash().equals(head)) {
            problem = LINK_BROKEN;
        } else {
            String content = AuditEntry.canonicalContent(recordId, version, entry.eventType(), entry.changedAt(), actor,
                    entry.oldValue(), entry.newValue(), entry.reason(),
                    entry.actorVerified() == null ? null : entry.actorVerified().equals("1"));
            if (!HashChain.link(entry.prevHash(), content).equals(entry.hash())) {
                problem = CONTENT_CHANGED;
            }
        }
        if (problem != null) {
            broken = new Break(entry.id(), recordId, version, problem);
            return Optional.of(broken);
        }
        head = entry.hash();
        return Optional.empty();
    }

    /** Entries checked so far, including a broken one. */
    public long checked() {
        return checked;
    }

    /** The hash of the last entry that verified ({@link HashChain#GENESIS} before the first). */
    public String head() {
        return head;
    }

    public Optional<Break> broken() {
        return Optional.ofNullable(broken);
    }

    /** The id in {@code text}, {@code null} when there is none or it is not one; 0 only when allowed. */
    static Long optionalId(String text, boolean zeroAllowed) {
        if (text == null) {
            return null;
        }
        if (zeroAllowed && text.equals("0")) {
            return 0L;
        }
        long value = Ids.parsePositiveLong(text);
        return value > 0 ? value : null;
    }

    static boolean isStoredInstant(String text) {
        if (text == null) {
            return false;
        }
        try {
            Instants.parseStored(text);
            return true;
        } catch (IllegalArgumentException | DateTimeException e) {
            return false;
        }
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "\"";
    }
}
