package io.timetravel.gui.snapshots;

import io.timetravel.domain.Snapshot;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.FormSpec;
import io.timetravel.gui.JobList;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.SnapshotService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Snapshots view: every snapshot with its status (running ones with their progress, polled
 * while any runs), taking a new one through a form, and exporting a completed one to a file the
 * user chooses, with progress, by {@link SnapshotExporter} in the background.
 */
public final class SnapshotsViewModel {

    /** Snapshots listed: the newest ones. */
    static final int LIST_LIMIT = 500;

    private final SnapshotService snapshots;
    private final WorkbenchAccess access;
    private final SnapshotExporter exporter;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Clock clock;

    private final JobList<SnapshotRow> jobs;
    private final ObservableList<SnapshotRow> rows;
    private final FilteredList<SnapshotRow> shown;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<SnapshotRow> selected;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<ExportCheck> lastExport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper focusRequest = new ReadOnlyStringWrapper();
    private final BooleanBinding canTake;
    private final StringBinding takeBlocked;
    private final BooleanBinding canExport;
    private final StringBinding exportBlocked;
    /** The form opened last (for tests, which fill it in as a user would). */
    private TakeSnapshotViewModel lastForm;

    public SnapshotsViewModel(SnapshotService snapshots, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                              DialogService dialogs, ZoneId zone, Clock clock) {
        this.snapshots = snapshots;
        this.access = access;
        this.exporter = new SnapshotExporter(snapshots, access);
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.clock = clock;
        jobs = new JobList<>(tasks, () -> snapshots.list(LIST_LIMIT).stream().map(view -> SnapshotRow.of(view, zone)).toList(),
                SnapshotRow::id, SnapshotRow::running, this::listed,
                failure -> status.set(Messages.get("snapshots.loadFailed", failure.getMessage())));
        rows = jobs.rows();
        shown = new FilteredList<>(rows);
        selected = jobs.selectedProperty();
        canTake = Permissions.allows(state.callerProperty(), Permission.SNAPSHOTS);
        takeBlocked = Permissions.whyNot(state.callerProperty(), Permission.SNAPSHOTS);
        exportBlocked = Bindings.createStringBinding(() -> {
            String why = takeBlocked.get();
            if (!why.isEmpty()) {
                return why;
            }
            SnapshotRow row = selected.get();
            if (row == null) {
                return Messages.get("snapshots.exportSelect");
            }
            if (!row.exportable()) {
                return Messages.get("snapshots.exportNotReady", row.statusText().toLowerCase(Locale.ROOT));
            }
            if (!row.snapshot().masked() && !state.caller().pii()) {
                return Messages.get("snapshots.exportNeedsPii");
            }
            return exporting.get() ? Messages.get("snapshots.exportBusy") : "";
        }, takeBlocked, selected, exporting, state.callerProperty());
        canExport = Bindings.createBooleanBinding(() -> exportBlocked.get().isEmpty(), exportBlocked);
        filter.addListener((observable, old, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(row -> needle.isEmpty() || matches(row, needle));
        });
        state.commandProperty().addListener((observable, old, command) -> obey(command));
        // Snapshots requested elsewhere (the API) show when the user comes back to the view.
        state.visibleViewProperty().addListener((observable, old, view) -> {
            if (view == DeskView.SNAPSHOTS) {
                reload();
            }
        });
        reload();
    }

    private static boolean matches(SnapshotRow row, String needle) {
        return Long.toString(row.id()).equals(needle) || row.snapshot().reason().toLowerCase(Locale.ROOT).contains(needle)
                || row.statusText().toLowerCase(Locale.ROOT).contains(needle) || row.sha256().startsWith(needle)
                || row.requestedBy().toLowerCase(Locale.ROOT).contains(needle);
    }

    private void obey(WorkbenchCommand command) {
        if (command == WorkbenchCommand.TAKE_SNAPSHOT) {
            // The menu shows this view first; the form opens once the click that asked is done.
            tasks.ui(this::take);
            return;
        }
        if (command == null || state.visibleViewProperty().get() != DeskView.SNAPSHOTS) {
            return;
        }
        if (command == WorkbenchCommand.REFRESH) {
            reload();
        } else if (command == WorkbenchCommand.FIND) {
            focusRequest.set(null);
            focusRequest.set("filter");
        }
    }

    /** Reads the list again (the newest {@link #LIST_LIMIT}); the selection is kept. */
    public void reload() {
        jobs.reload();
    }

    private void listed(List<SnapshotRow> loaded) {
        long runningNow = loaded.stream().filter(SnapshotRow::running).count();
        status.set(runningNow > 0 ? Messages.get("snapshots.countRunning", loaded.size(), runningNow)
                : Messages.get("snapshots.count", loaded.size()));
    }

    /** Says how the snapshot taken here ended, once the list shows it ended. */
    private void tellEnd(SnapshotRow row) {
        Snapshot s = row.snapshot();
        message.set("failed".equals(row.status()) ? Messages.get("snapshots.failedJob", s.id(), s.error())
                : Messages.get("snapshots.completed", s.id(), s.recordCount(), row.sha256()));
    }


    /** Opens the form that takes a snapshot (Tools ▸ Take snapshot, or the button); needs the SNAPSHOTS permission. */
    public void take() {
        Caller caller = state.caller();
        if (!caller.allows(Permission.SNAPSHOTS)) {
            message.set(Messages.get("snapshots.takeBlocked", takeBlocked.get()));
            return;
        }
        TakeSnapshotViewModel form = new TakeSnapshotViewModel(snapshots, access, tasks, caller, zone, clock, this::taken,
                failure -> failed("snapshots.takeFailed", failure));
        lastForm = form;
        dialogs.showForm(new FormSpec(Messages.get("snapshots.takeTitle"), "/fxml/snapshots/TakeSnapshot.fxml",
                () -> new TakeSnapshotView(form), Messages.get("snapshots.takeOk"), form.check().validProperty(), form::submit));
    }

    private void taken(Snapshot snapshot) {
        message.set(Messages.get("snapshots.taken", snapshot.id()));
        jobs.started(snapshot.id(), this::tellEnd);
        reload();
    }

    private void failed(String key, Throwable failure) {
        String text = Messages.get(key, failure.getMessage());
        message.set(text);
        dialogs.showError(Messages.get("snapshots.title"), text);
    }

    /**
     * Exports the selected snapshot to a file the user chooses: streamed in the background with
     * progress, hashed while written, read back and checked against the recorded SHA-256.
     */
    public void exportSelected() {
        SnapshotRow row = selected.get();
        if (!canExport.get() || row == null) {
            if (!exportBlocked.get().isEmpty()) {
                message.set(exportBlocked.get());
            }
            return;
        }
        Caller caller = state.caller();
        long id = row.id();
        java.util.Optional<Path> chosen = dialogs.chooseSaveFile(Messages.get("snapshots.exportTitle", id),
                "snapshot-" + id + ".ndjson.gz", ".gz");
        if (chosen.isEmpty()) {
            return;
        }
        Path target = chosen.get();
        exporting.set(true);
        exportProgress.set(0);
        lastExport.set(null);
        message.set(Messages.get("snapshots.exporting", id, target));
        tasks.run(() -> exporter.export(caller, row.snapshot(), target, share -> tasks.ui(() -> exportProgress.set(share))), check -> {
            exporting.set(false);
            exportProgress.set(1);
            lastExport.set(check);
            message.set(Messages.get(check.verified() ? "snapshots.exportVerified" : "snapshots.exportMismatch", id,
                    check.file()));
        }, failure -> {
            exporting.set(false);
            failed("snapshots.exportFailed", failure);
        });
    }

    TakeSnapshotViewModel lastForm() {
        return lastForm;
    }

    public ObservableList<SnapshotRow> rows() {
        return rows;
    }

    /** The snapshots the filter lets through, newest first. */
    public FilteredList<SnapshotRow> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<SnapshotRow> selectedProperty() {
        return selected;
    }

    /**
     * The list behind {@link #rows}: whether it is loading, and whether a snapshot runs (the view then
     * {@linkplain JobList#poll polls} it every half second).
     */
    public JobList<SnapshotRow> jobs() {
        return jobs;
    }

    /** "12 snapshots · 1 running", or a load failure. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The outcome of the last action (taken, exported and verified, refused and why), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** How much of the file the running export has written, 0 to 1. */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    /** The digests of the last export and whether they agree, or {@code null}. */
    public ReadOnlyObjectProperty<ExportCheck> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    public BooleanBinding canTakeProperty() {
        return canTake;
    }

    /** Why the user may not take snapshots, or empty. */
    public StringBinding takeBlockedProperty() {
        return takeBlocked;
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** Why the selected snapshot cannot be exported now, or empty. */
    public StringBinding exportBlockedProperty() {
        return exportBlocked;
    }

    /** Set to a field's name when the view should focus it; passes through {@code null}. */
    public ReadOnlyStringProperty focusRequestProperty() {
        return focusRequest.getReadOnlyProperty();
    }
}
