package io.timetravel.gui.audit;

import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import io.timetravel.service.LedgerService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The audit browser: every audit entry across records, newest first, under the filters of its
 * {@link AuditFilterForm}; the selected entry's {@link AuditDetailViewModel detail}; opening its
 * record in the timeline; the {@link AuditExportViewModel CSV export} of what the filters select;
 * and the {@link AuditVerificationViewModel verification} of the chain, whose first broken entry
 * is selected here. Entries are read a page at a time as the table shows them ({@link AuditRows}),
 * so the trail may be of any length. Answers to an older filter are dropped ({@link LatestOnly}).
 */
public final class AuditViewModel {

    /** Rows per page the table reads. */
    public static final int PAGE_SIZE = 100;
    /** New entries read at once by a live update; more than this and the list is read again. */
    static final int NEWER_LIMIT = 1_000;
    /** The view's name in the access log ("desktop audit"). */
    static final String VIEW = "audit";

    private final AuditTrailReader trail;
    private final WorkspaceState state;
    private final AuditFilterForm filters;
    private final AuditDetailViewModel detail;
    private final AuditExportViewModel exports;
    private final AuditVerificationViewModel verification;

    private final AuditRows rows = new AuditRows(PAGE_SIZE, this::pageWanted);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<AuditRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Integer> reveal = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canOpen = Bindings.createBooleanBinding(
            () -> selected.get() != null && selected.get().loaded() && selected.get().entry().recordId() != null, selected);
    private final ReadOnlyIntegerWrapper pagesRead = new ReadOnlyIntegerWrapper();

    /** The window's upper bound: entries with a smaller id were there when the list was read. */
    private Long windowBefore;
    private final LatestOnly reads;
    private int selectedIndex = -1;
    private final Set<Integer> inFlight = new HashSet<>();
    private boolean newerInFlight;
    private Long pendingReveal;

    public AuditViewModel(AuditService audit, LedgerService ledger, WorkbenchAccess access, WorkspaceState state,
                          BackgroundTasks tasks, DialogService dialogs, ZoneId zone, Clock clock) {
        this.trail = new AuditTrailReader(audit, zone);
        this.state = state;
        this.reads = new LatestOnly(tasks);
        this.filters = new AuditFilterForm(zone, this::applyFilters);
        this.detail = new AuditDetailViewModel(access, state, tasks);
        this.exports = new AuditExportViewModel(audit, access, state, tasks, dialogs, zone, clock);
        this.verification = new AuditVerificationViewModel(audit, ledger, state, tasks, this::reveal);
        selected.addListener((observable, old, row) -> detail.show(row, selectedIndex >= 0));
        // What is masked depends on who looks.
        state.callerProperty().addListener((observable, old, caller) -> {
            if (!Objects.equals(old, caller)) {
                refresh();
            }
        });
        state.commandProperty().addListener((observable, old, command) -> obey(command));
        applyFilters();
    }

    private void obey(WorkbenchCommand command) {
        if (command == null) {
            return;
        }
        boolean visible = state.visibleViewProperty().get() == DeskView.AUDIT;
        switch (command) {
            case REFRESH -> {
                if (visible) {
                    refresh();
                }
            }
            case FIND -> {
                if (visible) {
                    filters.requestFocus();
                }
            }
            case VERIFY_CHAIN -> verification.verify();
            case EXPORT_AUDIT -> export();
            default -> { }
        }
    }

    // --- filters and the list ----------------------------------------------------------------

    /** Reads the filters as typed; when they make a query, the list shows its entries, else the form says what is wrong. */
    public boolean applyFilters() {
        if (!filters.apply()) {
            return false;
        }
        reload();
        return true;
    }

    /** Empties every filter and shows the whole trail. */
    public void clearFilters() {
        filters.clear();
        applyFilters();
    }

    /** Reads the list again under the filters last applied (F5), keeping the selected entry selected when it still shows. */
    public void refresh() {
        AuditRow shown = selected.get();
        if (shown != null && shown.loaded() && pendingReveal == null) {
            pendingReveal = shown.id();
        }
        reload();
    }

    private void reload() {
        AuditQuery query = filters.applied();
        if (query == null) {
            return;
        }
        reads.supersede();
        inFlight.clear();
        newerInFlight = false;
        String whyNot = Permissions.whyNot(state.caller(), Permission.READ);
        if (!whyNot.isEmpty()) {
            windowBefore = null;
            selectedIndex = -1;
            selected.set(null);
            rows.reset(0, List.of());
            loading.set(false);
            status.set(whyNot);
            return;
        }
        loading.set(true);
        status.set(Messages.get("audit.loading"));
        reads.more(() -> trail.first(query), window -> {
            windowBefore = window.before();
            selectedIndex = -1;
            selected.set(null);
            rows.reset((int) Math.min(window.total(), Integer.MAX_VALUE - NEWER_LIMIT), window.first());
            loading.set(false);
            updateStatus();
            Long wanted = pendingReveal;
            pendingReveal = null;
            if (wanted != null) {
                reveal(wanted, false);
            }
        }, failure -> {
            loading.set(false);
            status.set(Messages.get("audit.loadFailed", failure.getMessage()));
        });
    }

    private void pageWanted(int page) {
        AuditQuery applied = filters.applied();
        if (applied == null || !inFlight.add(page)) {
            return;
        }
        AuditQuery query = applied.between(null, windowBefore).page(PAGE_SIZE, page * PAGE_SIZE);
        reads.more(() -> trail.page(query), loaded -> {
            inFlight.remove(page);
            rows.pageLoaded(page, loaded);
            pagesRead.set(pagesRead.get() + 1);
            if (selected.get() == null && selectedIndex >= 0 && rows.pageOf(selectedIndex) == page) {
                AuditRow row = rows.peek(selectedIndex);
                if (row.loaded()) {
                    selected.set(row);
                }
            }
        }, failure -> {
            inFlight.remove(page);
            status.set(Messages.get("audit.loadFailed", failure.getMessage()));
        });
    }

    /**
     * Reads the entries that arrived after those listed and puts them on top, keeping the selected
     * entry selected: after a change anywhere, and while the view is visible, now and then.
     */
    public void loadNewer() {
        AuditQuery applied = filters.applied();
        if (applied == null || loading.get() || newerInFlight || !Permissions.whyNot(state.caller(), Permission.READ).isEmpty()) {
            return;
        }
        long newest = rows.newestArrivedId();
        // Nothing listed yet: whatever matches now is new.
        Long after = newest >= 0 ? Long.valueOf(newest) : windowBefore == null ? null : windowBefore - 1;
        newerInFlight = true;
        AuditQuery query = applied.between(after, null).page(NEWER_LIMIT, 0);
        reads.more(() -> trail.list(query), page -> {
            newerInFlight = false;
            if (page.total() > NEWER_LIMIT) {
                refresh();
                return;
            }
            if (page.items().isEmpty()) {
                return;
            }
            if (windowBefore == null && rows.size() == 0) {
                // The first entries of an empty list: they make its window.
                refresh();
                return;
            }
            rows.prepend(trail.rows(page.items()));
            if (selectedIndex >= 0) {
                selectedIndex += page.items().size();
            }
            updateStatus();
        }, failure -> {
            newerInFlight = false;
            status.set(Messages.get("audit.loadFailed", failure.getMessage()));
        });
    }

    private void updateStatus() {
        status.set(Messages.get(filters.filtered() ? "audit.countFiltered" : "audit.count", rows.size()));
    }

    /** The user selected list row {@code index} (-1: none); its entry shows once its page is there. */
    public void select(int index) {
        selectedIndex = index;
        if (index < 0 || index >= rows.size()) {
            selectedIndex = -1;
            selected.set(null);
            return;
        }
        AuditRow row = rows.get(index);
        selected.set(row.loaded() ? row : null);
    }

    /** Opens the selected entry's record in the Records view's timeline, at the entry's version. */
    public void openInTimeline() {
        AuditRow row = selected.get();
        if (row == null || !row.loaded() || row.entry().recordId() == null) {
            return;
        }
        state.openRecord(row.entry().recordId(), row.entry().version());
    }

    // --- showing one entry -------------------------------------------------------------------

    /**
     * Selects entry {@code id} and scrolls to it: where it stands under the filters, or, when
     * they hide it, in the whole trail once they are cleared.
     */
    public void reveal(long id) {
        reveal(id, true);
    }

    private void reveal(long id, boolean mayClearFilters) {
        AuditQuery applied = filters.applied();
        if (applied == null) {
            // The filters as typed make no query: show it in the whole trail.
            pendingReveal = id;
            clearFilters();
            return;
        }
        for (int i = 0; i < rows.newerCount(); i++) {
            if (rows.peek(i).id() == id) {
                showIndex(i);
                return;
            }
        }
        AuditQuery query = applied.between(null, windowBefore);
        reads.more(() -> windowBefore == null ? OptionalLong.empty() : trail.position(query, id), position -> {
            if (position.isPresent()) {
                showIndex(rows.newerCount() + (int) position.getAsLong());
            } else if (mayClearFilters && filters.filtered()) {
                pendingReveal = id;
                clearFilters();
            } else {
                status.set(Messages.get("audit.notListed", id));
            }
        }, failure -> status.set(Messages.get("audit.loadFailed", failure.getMessage())));
    }

    private void showIndex(int index) {
        select(index);
        reveal.set(null);
        reveal.set(index);
    }

    /** Asks where to, then writes the entries the filters select to CSV in the background, with progress. */
    public void export() {
        exports.export(filters.applied(), filters.problemProperty().get());
    }

    // --- properties --------------------------------------------------------------------------

    /** The filters as typed. */
    public AuditFilterForm filters() {
        return filters;
    }

    /** The entries, newest first, read as they are shown. */
    public AuditRows rows() {
        return rows;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The entry whose detail shows, or {@code null}. */
    public ReadOnlyObjectProperty<AuditRow> selectedProperty() {
        return selected;
    }

    /** A list index the view is asked to select and scroll to; passes through {@code null} so each request is heard. */
    public ReadOnlyObjectProperty<Integer> revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    /** The selected entry's detail. */
    public AuditDetailViewModel detail() {
        return detail;
    }

    /** Whether the selected entry is about a record, to open in the timeline. */
    public BooleanBinding canOpenProperty() {
        return canOpen;
    }

    /** The CSV export of what the filters select. */
    public AuditExportViewModel exports() {
        return exports;
    }

    /** The verification of the chain. */
    public AuditVerificationViewModel verification() {
        return verification;
    }

    /** How many pages the table has had read (a test's view of the paging). */
    public ReadOnlyIntegerProperty pagesReadProperty() {
        return pagesRead.getReadOnlyProperty();
    }
}
