package io.timetravel.gui.audit;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The audit browser's CSV export: asks where to, writes the entries a query selects in the
 * background ({@link AuditExport}) with progress, and may be cancelled.
 */
public final class AuditExportViewModel {

    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Clock clock;
    private final AuditExport exporter;

    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private AtomicBoolean cancel = new AtomicBoolean();

    AuditExportViewModel(AuditService audit, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                         DialogService dialogs, ZoneId zone, Clock clock) {
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.clock = clock;
        this.exporter = new AuditExport(audit, access);
    }

    /**
     * Asks where to, then writes the entries {@code query} selects to CSV in the background, with
     * progress; with no query, the status says {@code whyNoQuery}.
     */
    void export(AuditQuery query, String whyNoQuery) {
        if (exporting.get()) {
            return;
        }
        String whyNot = Permissions.whyNot(state.caller(), Permission.READ);
        if (!whyNot.isEmpty()) {
            status.set(whyNot);
            return;
        }
        if (query == null) {
            status.set(whyNoQuery);
            return;
        }
        String suggested = "audit-trail-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(clock.instant().atZone(zone)) + ".csv";
        Optional<Path> target = dialogs.chooseSaveFile(Messages.get("audit.exportTitle"), suggested, ".csv");
        if (target.isEmpty()) {
            return;
        }
        Caller caller = state.caller();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        exporting.set(true);
        progress.set(0);
        status.set(Messages.get("audit.exportStarting"));
        AtomicLong shown = new AtomicLong(-1);
        tasks.run(() -> exporter.run(query, caller, target.get(), (written, total) -> {
            if (shown.getAndSet(written) != written) {
                tasks.ui(() -> {
                    if (exporting.get() && !cancelled.get()) {
                        progress.set(total == 0 ? 1 : (double) written / total);
                        status.set(Messages.get("audit.exportProgress", written, total));
                    }
                });
            }
        }, cancelled), outcome -> {
            exporting.set(false);
            progress.set(outcome.cancelled() ? 0 : 1);
            status.set(outcome.cancelled() ? Messages.get("audit.exportCancelled")
                    : Messages.get("audit.exported", outcome.entries(), outcome.file().toString()));
        }, failure -> {
            exporting.set(false);
            status.set(Messages.get("audit.exportFailed", failure.getMessage()));
        });
    }

    /** Stops a running export; no file is written. */
    public void cancel() {
        cancel.set(true);
        if (exporting.get()) {
            status.set(Messages.get("audit.exportCancelling"));
        }
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
