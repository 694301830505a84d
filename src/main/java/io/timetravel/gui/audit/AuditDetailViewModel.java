package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit browser's detail of the selected entry: what it was, who did it and why at once,
 * then its values and hashes as the caller may see them, read in the background (an answer for
 * an entry no longer selected is dropped).
 */
public final class AuditDetailViewModel {

    private final WorkbenchAccess access;
    private final WorkspaceState state;
    private final LatestOnly reads;

    private final ObservableList<FieldRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("audit.noSelection"));
    private final ReadOnlyStringWrapper changed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actor = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hash = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper prevHash = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    AuditDetailViewModel(WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks) {
        this.access = access;
        this.state = state;
        this.reads = new LatestOnly(tasks);
    }

    /** Shows {@code row}'s entry; with none (or one not read yet), says whether a row is {@code pending}. */
    void show(AuditRow row, boolean pending) {
        problem.set("");
        if (row == null || !row.loaded()) {
            reads.supersede();
            rows.clear();
            title.set(Messages.get(pending ? "audit.detailLoading" : "audit.noSelection"));
            changed.set("");
            actor.set("");
            reason.set("");
            hash.set("");
            prevHash.set("");
            return;
        }
        AuditEntry entry = row.entry();
        title.set(entry.recordId() == null ? Messages.get("audit.detailOther", entry.id(), row.operation())
                : Messages.get("audit.detailRecord", entry.id(), row.operation(), entry.recordId(),
                entry.version() == null ? "?" : entry.version()));
        changed.set(row.changedExactly());
        actor.set(Messages.get("audit.detailActor", row.actor(), row.verified()));
        reason.set(row.reason().isEmpty() ? Messages.get("audit.noReason") : row.reason());
        hash.set("");
        prevHash.set("");
        rows.clear();
        Caller caller = state.caller();
        reads.run(() -> access.disclose(caller, AuditViewModel.VIEW, disclosure -> AuditDetail.of(entry, disclosure)), detail -> {
            rows.setAll(detail.rows());
            hash.set(detail.hash());
            prevHash.set(detail.prevHash());
        }, failure -> problem.set(Messages.get("audit.detailFailed", failure.getMessage())));
    }

    /** The entry's values, as the caller may see them. */
    public ObservableList<FieldRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actorProperty() {
        return actor.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hashProperty() {
        return hash.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty prevHashProperty() {
        return prevHash.getReadOnlyProperty();
    }

    /** Why the selected entry's values could not be shown, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
