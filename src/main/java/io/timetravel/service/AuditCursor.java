package io.timetravel.service;

import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.StoredAuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * One lane of the audit trail read forward by id, a page at a time, for the seals the lane's
 * ledger names in ascending order.
 */
final class AuditCursor implements LedgerCheck.AuditHashes {

    private final LedgerStore.View view;
    private final long lane;
    private List<StoredAuditEntry> page = List.of();
    private int index;
    private long after;
    private boolean exhausted;

    AuditCursor(LedgerStore.View view, long lane) {
        this.view = view;
        this.lane = lane;
    }

    @Override
    public Optional<String> hashOf(long id) {
        StoredAuditEntry entry = seek(id);
        return entry != null && entry.id() == id ? Optional.ofNullable(entry.hash()) : Optional.empty();
    }

    /** The first audit entry with an id greater than {@code id}. */
    Optional<StoredAuditEntry> firstAfter(long id) {
        return Optional.ofNullable(seek(id + 1));
    }

    /** The entry with the smallest id not below {@code id}, or {@code null}. */
    private StoredAuditEntry seek(long id) {
        while (true) {
            while (index < page.size() && page.get(index).id() < id) {
                index++;
            }
            if (index < page.size()) {
                return page.get(index);
            }
            if (exhausted) {
                return null;
            }
            page = view.auditAfter(lane, after, LedgerService.PAGE);
            index = 0;
            exhausted = page.size() < LedgerService.PAGE;
            if (page.isEmpty()) {
                return null;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
