package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Page;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

/**
 * The audit browser's reads of the trail, made on a background thread: the first page of a query
 * and the window it fixes, further pages of that window, the entries newer than it, and where an
 * entry stands in it; entries come back as rows in the user's zone.
 */
final class AuditTrailReader {

    /** The first page of a list, its window's upper bound ({@code null} when empty) and how many entries it holds. */
    record Window(List<AuditRow> first, Long before, long total) {
    }

    private final AuditService audit;
    private final ZoneId zone;

    AuditTrailReader(AuditService audit, ZoneId zone) {
        this.audit = audit;
        this.zone = zone;
    }

    /** Reads the first page of {@code query}; its newest entry fixes the window the further pages are read in. */
    Window first(AuditQuery query) {
        Page<AuditEntry> first = audit.list(query.page(AuditViewModel.PAGE_SIZE, 0));
        Long before = first.items().isEmpty() ? null : first.items().get(0).id() + 1;
        long total = before == null ? 0 : audit.count(query.between(null, before));
        return new Window(rows(first.items()), before, total);
    }

    /** Reads page {@code query}'s rows (a page of a window). */
    List<AuditRow> page(AuditQuery query) {
        return rows(audit.entries(query));
    }

    /** Reads the entries {@code query} selects, with their total. */
    Page<AuditEntry> list(AuditQuery query) {
        return audit.list(query);
    }

    /** Where entry {@code id} stands among those {@code query} selects, if it is there. */
    OptionalLong position(AuditQuery query, long id) {
        return audit.position(query, id);
    }

    List<AuditRow> rows(List<AuditEntry> entries) {
        return entries.stream().map(entry -> AuditRow.of(entry, zone)).toList();
    }
}
