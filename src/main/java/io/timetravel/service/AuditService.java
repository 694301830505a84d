package io.timetravel.service;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Lanes;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.StoredAuditEntry;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Browsing the audit trail across records, and checking that nobody has edited it. */
public final class AuditService {

    /** The event types audit entries carry: the record operations, changes to flags, and access administration. */
    public static final List<String> EVENT_TYPES = Stream.concat(
            Arrays.stream(Operation.values()).map(Operation::name), Stream.of(FlagService.AUDIT_FLAG_UPDATE,
                    AccessService.AUDIT_USER_ADDED, AccessService.AUDIT_USER_CHANGED, AccessService.AUDIT_TOKEN_ISSUED,
                    AccessService.AUDIT_TOKENS_REVOKED, AccessService.AUDIT_POLICY_SET, AccessService.AUDIT_POLICY_REMOVED))
            .toList();

    /** Entries read per query while verifying: memory stays flat however long the chain is. */
    static final int VERIFY_PAGE = 1_000;

    private final AuditLog log;

    public AuditService(AuditLog log) {
        this.log = log;
    }

    /** Entries matching the query, newest first. */
    public Page<AuditEntry> list(AuditQuery query) {
        return log.find(validated(query));
    }

    /** {@link #list}'s entries without counting the matches: a page of a list already counted. */
    public List<AuditEntry> entries(AuditQuery query) {
        return log.entries(validated(query));
    }

    /** How many entries match the query's filters and id window. */
    public long count(AuditQuery query) {
        return log.count(validated(query.page(1, 0)));
    }

    /**
     * Every entry matching the query's filters (its page ignored), newest first, as pages of
     * {@code pageSize} read one at a time as the iterator is advanced: memory stays flat however
     * many match. Each page is read after the last id of the previous one, and only entries older
     * than the newest one when the walk began are read, so entries appended meanwhile neither
     * shift nor join the walk. Stop iterating to stop reading.
     */
    public Iterator<List<AuditEntry>> pages(AuditQuery query, int pageSize) {
        AuditQuery first = validated(query.page(pageSize, 0));
        return new Iterator<>() {
            private List<AuditEntry> next = log.entries(first);

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<AuditEntry> next() {
                if (next.isEmpty()) {
                    throw new NoSuchElementException();
                }
                List<AuditEntry> page = next;
                next = page.size() < pageSize ? List.of()
                        : log.entries(first.between(first.afterId(), page.get(page.size() - 1).id()));
                return page;
            }
        };
    }

    /**
     * Where entry {@code id} stands in the newest-first list of the query's filters and id window
     * (0 = first), or empty when it does not match them.
     */
    public OptionalLong position(AuditQuery query, long id) {
        AuditQuery checked = validated(query.page(1, 0));
        boolean inWindow = (checked.afterId() == null || id > checked.afterId()) && (checked.beforeId() == null || id < checked.beforeId());
        if (!inWindow || log.count(checked.between(id - 1, id + 1)) == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(log.count(checked.between(id, checked.beforeId())));
    }

    /** The newest audit entry about a record's version, for a break named by its record and version. */
    public Optional<Long> entryOf(long recordId, long version) {
        return log.idOf(recordId, version);
    }

    private static AuditQuery validated(AuditQuery query) {
        RecordService.validatePage(query.limit(), query.offset());
        if (query.recordId() != null) {
            RecordService.validateId(query.recordId());
        }
        if (query.actor() != null) {
            RecordService.validateActor(query.actor());
        }
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw new InvalidRequestException("invalid range; from is after to");
        }
        String eventType = query.eventType() == null ? null : eventType(query.eventType());
        return new AuditQuery(query.recordId(), query.actor(), eventType, query.from(), query.to(), query.actorVerified(),
                query.afterId(), query.beforeId(), query.limit(), query.offset());
    }

    /** The event type named by {@code text} in any case, else 400 listing the known ones. */
    public static String eventType(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (!EVENT_TYPES.contains(upper)) {
            throw new InvalidRequestException("invalid operation; use one of " + String.join(", ", EVENT_TYPES));
        }
        return upper;
    }

    /**
     * Walks the audit trail's own chain in id order, a page at a time, recomputing every hash;
     * stops at the first entry that does not verify. Entries appended meanwhile are checked too.
     * Each lane is a chain of its own (docs/decisions/0030), walked in turn: the entries are
     * counted over all, a break names its lane when there is any but lane 0, and the head is
     * {@link Lanes#joinedHead joined} over the lanes.
     * {@link LedgerService#verify()} checks it together with everything else stored.
     */
    public AuditVerification verify() {
        return verify(VerificationProgress.NONE);
    }

    /** {@link #verify()}, telling {@code progress} after each page how many entries are checked, of about how many. */
    public AuditVerification verify(VerificationProgress progress) {
        long total = progress == VerificationProgress.NONE ? 0 : log.count(AuditQuery.all(1, 0));
        List<Long> lanes = log.lanes();
        boolean named = Lanes.named(lanes);
        TreeMap<Long, String> heads = new TreeMap<>();
        long checked = 0;
        for (long lane : lanes.isEmpty() ? List.of(0L) : lanes) {
            AuditChainCheck check = new AuditChainCheck();
            long after = 0;
            while (true) {
                List<StoredAuditEntry> page = log.chainAfter(lane, after, VERIFY_PAGE);
                for (StoredAuditEntry entry : page) {
                    Optional<AuditChainCheck.Break> broken = check.check(entry);
                    if (broken.isPresent()) {
                        AuditChainCheck.Break at = broken.get();
                        return new AuditVerification(false, checked + check.checked(), check.head(),
                                new AuditChainCheck.Break(at.id(), at.recordId(), at.version(), Lanes.prefix(named, lane) + at.reason()));
                    }
                }
                progress.checked(checked + check.checked(), Math.max(total, checked + check.checked()));
                if (page.size() < VERIFY_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
            checked += check.checked();
            heads.put(lane, check.head());
        }
        return new AuditVerification(true, checked, Lanes.joinedHead(heads), null);
    }
}
