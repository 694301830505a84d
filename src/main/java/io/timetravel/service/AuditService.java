package io.timetravel.service;

import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Operation;
import io.timetravel.domain.Page;
import io.timetravel.domain.StoredAuditEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Browsing the audit trail across records, and checking that nobody has edited it. */
public final class AuditService {

    /** The event types audit entries carry: the record operations, and changes to flags. */
    public static final List<String> EVENT_TYPES = Stream.concat(
            Arrays.stream(Operation.values()).map(Operation::name), Stream.of("FLAG_UPDATE")).toList();

    /** Entries read per query while verifying: memory stays flat however long the chain is. */
    static final int VERIFY_PAGE = 1_000;

    private final AuditLog log;

    public AuditService(AuditLog log) {
        this.log = log;
    }

    /** Entries matching the query, newest first. */
    public Page<AuditEntry> list(AuditQuery query) {
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
        return log.find(new AuditQuery(query.recordId(), query.actor(), eventType, query.from(), query.to(),
                query.limit(), query.offset()));
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
     * {@link LedgerService#verify()} checks it together with everything else stored.
     */
    public AuditVerification verify() {
        AuditChainCheck check = new AuditChainCheck();
        long after = 0;
        while (true) {
            List<StoredAuditEntry> page = log.chainAfter(after, VERIFY_PAGE);
            for (StoredAuditEntry entry : page) {
                Optional<AuditChainCheck.Break> broken = check.check(entry);
                if (broken.isPresent()) {
                    return new AuditVerification(false, check.checked(), check.head(), broken.get());
                }
            }
            if (page.size() < VERIFY_PAGE) {
                return new AuditVerification(true, check.checked(), check.head(), null);
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
