package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.Page;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit browser: every audit entry across records, newest first, under filters typed by the
 * user; the selected entry's values and hashes; opening its record in the timeline; exporting
 * what the filters select to CSV; and verifying the chain, naming and selecting the first broken
 * entry. Entries are read a page at a time as the table shows them ({@link AuditRows}), so the
 * trail may be of any length. Answers to an older filter are dropped (a generation counter).
 */
public final class AuditViewModel {

    /** Rows per page the table reads. */
    public static final int PAGE_SIZE = 100;
    /** New entries read at once by a live update; more than this and the list is read again. */
    static final int NEWER_LIMIT = 1_000;
    /** The view's name in the access log ("desktop audit"). */
    static final String VIEW = "audit";

    /** What the last verification found. */
    public enum Outcome { NONE, RUNNING, INTACT, BROKEN, FAILED }

    private final AuditService audit;
    private final LedgerService ledger;
    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Clock clock;
    private final AuditExport exporter;

    private final StringProperty record = new SimpleStringProperty("");
    private final StringProperty actor = new SimpleStringProperty("");
    private final ObjectProperty<String> operation = new SimpleObjectProperty<>("");
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ObjectProperty<AuditFilters.Verified> verified = new SimpleObjectProperty<>(AuditFilters.Verified.ALL);
    private final ObservableList<String> operations = FXCollections.observableArrayList(
            Stream.concat(Stream.of(""), AuditService.EVENT_TYPES.stream()).toList());
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper("");

    private final AuditRows rows = new AuditRows(PAGE_SIZE, this::pageWanted);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<AuditRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Integer> reveal = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper focusFilters = new ReadOnlyIntegerWrapper();

    private final ObservableList<FieldRow> detailRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(Messages.get("audit.noSelection"));
    private final ReadOnlyStringWrapper detailChanged = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailActor = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailHash = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailPrevHash = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailProblem = new ReadOnlyStringWrapper("");
    private final BooleanBinding canOpen = Bindings.createBooleanBinding(
            () -> selected.get() != null && selected.get().loaded() && selected.get().entry().recordId() != null, selected);

    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");
    private AtomicBoolean exportCancel = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<Outcome> verifyOutcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyDoubleWrapper verifyProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper verifyStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper pagesRead = new ReadOnlyIntegerWrapper();

    private AuditQuery applied;
    /** The window's upper bound: entries with a smaller id were there when the list was read. */
    private Long windowBefore;
    private long generation;
    private long detailGeneration;
    private int selectedIndex = -1;
    private final Set<Integer> inFlight = new HashSet<>();
    private boolean newerInFlight;
    private Long pendingReveal;
    private boolean quiet;

    public AuditViewModel(AuditService audit, LedgerService ledger, WorkbenchAccess access, WorkspaceState state,
                          BackgroundTasks tasks, DialogService dialogs, ZoneId zone, Clock clock) {
        this.audit = audit;
        this.ledger = ledger;
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.clock = clock;
        this.exporter = new AuditExport(audit, access);
        selected.addListener((observable, old, row) -> showDetail(row));
        // What is masked depends on who looks.
        state.callerProperty().addListener((observable, old, caller) -> {
            if (!Objects.equals(old, caller)) {
                refresh();
            }
        });
        state.commandProperty().addListener((observable, old, command) -> obey(command));
        operation.addListener((observable, old, value) -> {
            if (!quiet) {
                applyFilters();
            }
        });
        verified.addListener((observable, old, value) -> {
            if (!quiet) {
                applyFilters();
            }
        });
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
                    focusFilters.set(focusFilters.get() + 1);
                }
            }
            case VERIFY_CHAIN -> verify();
            case EXPORT_AUDIT -> export();
            default -> { }
        }
    }

    // --- filters and the list ----------------------------------------------------------------

    /** Reads the filters as typed; when they make a query, the list shows its entries, else the line says what is wrong. */
    public boolean applyFilters() {
        AuditFilters.Parsed parsed = AuditFilters.parse(record.get(), actor.get(), operation.get(), from.get(), to.get(),
                verified.get(), zone);
        if (!parsed.ok()) {
            filterProblem.set(parsed.problem());
            return false;
        }
        filterProblem.set("");
        applied = parsed.query();
        reload();
        return true;
    }

    /** Empties every filter and shows the whole trail. */
    public void clearFilters() {
        record.set("");
        actor.set("");
        from.set("");
        to.set("");
        // The choices apply the filters when they change: set quietly, then applied once.
        quiet = true;
        try {
            operation.set("");
            verified.set(AuditFilters.Verified.ALL);
        } finally {
            quiet = false;
        }
        applyFilters();
    }

    /** Whether any filter is set. */
    boolean filtered() {
        return applied != null && (applied.recordId() != null || applied.actor() != null || applied.eventType() != null
                || applied.from() != null || applied.to() != null || applied.actorVerified() != null);
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
        if (applied == null) {
            return;
        }
        long current = ++generation;
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
        AuditQuery query = applied;
        tasks.run(() -> {
            Page<AuditEntry> first = audit.list(query.page(PAGE_SIZE, 0));
            Long before = first.items().isEmpty() ? null : first.items().get(0).id() + 1;
            long total = before == null ? 0 : audit.count(query.between(null, before));
            return new Window(first.items().stream().map(entry -> AuditRow.of(entry, zone)).toList(), before, total);
        }, window -> {
            if (current != generation) {
                return;
            }
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
            if (current == generation) {
                loading.set(false);
                status.set(Messages.get("audit.loadFailed", failure.getMessage()));
            }
        });
    }

    private record Window(List<AuditRow> first, Long before, long total) {
    }

    private void pageWanted(int page) {
        if (applied == null || !inFlight.add(page)) {
            return;
        }
        long current = generation;
        AuditQuery query = applied.between(null, windowBefore).page(PAGE_SIZE, page * PAGE_SIZE);
        tasks.run(() -> audit.entries(query).stream().map(entry -> AuditRow.of(entry, zone)).toList(), loaded -> {
            if (current != generation) {
                return;
            }
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
            if (current == generation) {
                inFlight.remove(page);
                status.set(Messages.get("audit.loadFailed", failure.getMessage()));
            }
        });
    }

    /**
     * Reads the entries that arrived after those listed and puts them on top, keeping the selected
     * entry selected: after a change anywhere, and while the view is visible, now and then.
     */
    public void loadNewer() {
        if (applied == null || loading.get() || newerInFlight || !mayRead()) {
            return;
        }
        long newest = rows.newestArrivedId();
        // Nothing listed yet: whatever matches now is new.
        Long after = newest >= 0 ? Long.valueOf(newest) : windowBefore == null ? null : windowBefore - 1;
        newerInFlight = true;
        long current = generation;
        AuditQuery query = applied.between(after, null).page(NEWER_LIMIT, 0);
        tasks.run(() -> audit.list(query), page -> {
            if (current != generation) {
                return;
            }
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
            rows.prepend(page.items().stream().map(entry -> AuditRow.of(entry, zone)).toList());
            if (selectedIndex >= 0) {
                selectedIndex += page.items().size();
            }
            updateStatus();
        }, failure -> {
            if (current == generation) {
                newerInFlight = false;
                status.set(Messages.get("audit.loadFailed", failure.getMessage()));
            }
        });
    }

    private boolean mayRead() {
        return Permissions.whyNot(state.caller(), Permission.READ).isEmpty();
    }

    private void updateStatus() {
        status.set(Messages.get(filtered() ? "audit.countFiltered" : "audit.count", rows.size()));
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

    // --- the selected entry ------------------------------------------------------------------

    private void showDetail(AuditRow row) {
        long current = ++detailGeneration;
        detailProblem.set("");
        if (row == null || !row.loaded()) {
            detailRows.clear();
            detailTitle.set(Messages.get(selectedIndex >= 0 ? "audit.detailLoading" : "audit.noSelection"));
            detailChanged.set("");
            detailActor.set("");
            detailReason.set("");
            detailHash.set("");
            detailPrevHash.set("");
            return;
        }
        AuditEntry entry = row.entry();
        detailTitle.set(entry.recordId() == null ? Messages.get("audit.detailOther", entry.id(), row.operation())
                : Messages.get("audit.detailRecord", entry.id(), row.operation(), entry.recordId(),
                entry.version() == null ? "?" : entry.version()));
        detailChanged.set(row.changedExactly());
        detailActor.set(Messages.get("audit.detailActor", row.actor(), row.verified()));
        detailReason.set(row.reason().isEmpty() ? Messages.get("audit.noReason") : row.reason());
        detailHash.set("");
        detailPrevHash.set("");
        detailRows.clear();
        Caller caller = state.caller();
        tasks.run(() -> access.disclose(caller, VIEW, disclosure -> AuditDetail.of(entry, disclosure)), detail -> {
            if (current == detailGeneration) {
                detailRows.setAll(detail.rows());
                detailHash.set(detail.hash());
                detailPrevHash.set(detail.prevHash());
            }
        }, failure -> {
            if (current == detailGeneration) {
                detailProblem.set(Messages.get("audit.detailFailed", failure.getMessage()));
            }
        });
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
        long current = generation;
        tasks.run(() -> windowBefore == null ? OptionalLong.empty() : audit.position(query, id), position -> {
            if (current != generation) {
                return;
            }
            if (position.isPresent()) {
                showIndex(rows.newerCount() + (int) position.getAsLong());
            } else if (mayClearFilters && filtered()) {
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

    // --- export ------------------------------------------------------------------------------

    /** Asks where to, then writes the entries the filters select to CSV in the background, with progress. */
    public void export() {
        if (exporting.get()) {
            return;
        }
        if (!mayRead()) {
            exportStatus.set(Permissions.whyNot(state.caller(), Permission.READ));
            return;
        }
        if (applied == null) {
            exportStatus.set(filterProblem.get());
            return;
        }
        String suggested = "audit-trail-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(clock.instant().atZone(zone)) + ".csv";
        Optional<Path> target = dialogs.chooseSaveFile(Messages.get("audit.exportTitle"), suggested, ".csv");
        if (target.isEmpty()) {
            return;
        }
        AuditQuery query = applied;
        Caller caller = state.caller();
        AtomicBoolean cancel = new AtomicBoolean();
        exportCancel = cancel;
        exporting.set(true);
        exportProgress.set(0);
        exportStatus.set(Messages.get("audit.exportStarting"));
        AtomicLong shown = new AtomicLong(-1);
        tasks.run(() -> exporter.run(query, caller, target.get(), (written, total) -> {
            if (shown.getAndSet(written) != written) {
                tasks.ui(() -> {
                    if (exporting.get() && !cancel.get()) {
                        exportProgress.set(total == 0 ? 1 : (double) written / total);
                        exportStatus.set(Messages.get("audit.exportProgress", written, total));
                    }
                });
            }
        }, cancel), outcome -> {
            exporting.set(false);
            exportProgress.set(outcome.cancelled() ? 0 : 1);
            exportStatus.set(outcome.cancelled() ? Messages.get("audit.exportCancelled")
                    : Messages.get("audit.exported", outcome.entries(), outcome.file().toString()));
        }, failure -> {
            exporting.set(false);
            exportStatus.set(Messages.get("audit.exportFailed", failure.getMessage()));
        });
    }

    /** Stops a running export; no file is written. */
    public void cancelExport() {
        exportCancel.set(true);
        if (exporting.get()) {
            exportStatus.set(Messages.get("audit.exportCancelling"));
        }
    }

    // --- verification ------------------------------------------------------------------------

    /** Verifies the audit chain, the ledger and the signed digests in the background, with progress. */
    public void verify() {
        if (verifyOutcome.get() == Outcome.RUNNING) {
            return;
        }
        if (!mayRead()) {
            verifyOutcome.set(Outcome.FAILED);
            verifyStatus.set(Permissions.whyNot(state.caller(), Permission.READ));
            return;
        }
        verifyOutcome.set(Outcome.RUNNING);
        verifyProgress.set(0);
        verifyStatus.set(Messages.get("audit.verifying"));
        tasks.run(() -> ledger.verify(List.of(), (checked, total) -> tasks.ui(() -> {
            if (verifyOutcome.get() == Outcome.RUNNING) {
                verifyProgress.set(total == 0 ? 1 : (double) checked / total);
                verifyStatus.set(Messages.get("audit.verifyProgress", checked, total));
            }
        })), this::verified, failure -> {
            verifyOutcome.set(Outcome.FAILED);
            verifyStatus.set(Messages.get("audit.verifyFailed", failure.getMessage()));
        });
    }

    private void verified(LedgerVerification result) {
        verifyProgress.set(1);
        if (result.ok()) {
            verifyOutcome.set(Outcome.INTACT);
            verifyStatus.set(Messages.get("audit.intact", result.auditEntries(), result.ledgerEntries(), result.digestsChecked()));
            return;
        }
        verifyOutcome.set(Outcome.BROKEN);
        ChainBreak broken = result.broken();
        verifyStatus.set(Messages.get("audit.broken", where(broken), broken.reason()));
        if (broken.auditId() != null) {
            reveal(broken.auditId());
        } else if (broken.recordId() != null && broken.version() != null) {
            long recordId = broken.recordId();
            long version = broken.version();
            tasks.run(() -> audit.entryOf(recordId, version), id -> id.ifPresent(this::reveal), failure -> { });
        }
    }

    /** The first broken thing, named as precisely as the verification could. */
    static String where(ChainBreak broken) {
        if (broken.auditId() != null) {
            return Messages.get("audit.brokenEntry", broken.auditId());
        }
        if (broken.recordId() != null && broken.version() != null) {
            return Messages.get("audit.brokenVersion", broken.recordId(), broken.version());
        }
        if (broken.eventId() != null) {
            return Messages.get("audit.brokenEvent", broken.eventId());
        }
        return Messages.get("audit.brokenElsewhere");
    }

    // --- properties --------------------------------------------------------------------------

    public StringProperty recordProperty() {
        return record;
    }

    public StringProperty actorProperty() {
        return actor;
    }

    /** The event type to show ("" = any). */
    public ObjectProperty<String> operationProperty() {
        return operation;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public ObjectProperty<AuditFilters.Verified> verifiedProperty() {
        return verified;
    }

    /** The event types to filter by, "" first for any. */
    public ObservableList<String> operations() {
        return operations;
    }

    /** What is wrong with the filters as typed, or empty. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
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

    /** Counts the requests to put the keyboard in the first filter (Ctrl+F). */
    public ReadOnlyIntegerProperty focusFiltersProperty() {
        return focusFilters.getReadOnlyProperty();
    }

    public ObservableList<FieldRow> detailRows() {
        return detailRows;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailChangedProperty() {
        return detailChanged.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailActorProperty() {
        return detailActor.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailReasonProperty() {
        return detailReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailHashProperty() {
        return detailHash.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailPrevHashProperty() {
        return detailPrevHash.getReadOnlyProperty();
    }

    /** Why the selected entry's values could not be shown, or empty. */
    public ReadOnlyStringProperty detailProblemProperty() {
        return detailProblem.getReadOnlyProperty();
    }

    /** Whether the selected entry is about a record, to open in the timeline. */
    public BooleanBinding canOpenProperty() {
        return canOpen;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> verifyOutcomeProperty() {
        return verifyOutcome.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty verifyProgressProperty() {
        return verifyProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verifyStatusProperty() {
        return verifyStatus.getReadOnlyProperty();
    }

    /** How many pages the table has had read (a test's view of the paging). */
    public ReadOnlyIntegerProperty pagesReadProperty() {
        return pagesRead.getReadOnlyProperty();
    }
}
