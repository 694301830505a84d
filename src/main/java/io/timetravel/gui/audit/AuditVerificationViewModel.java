package io.timetravel.gui.audit;

import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.access.Permission;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AuditService;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The audit browser's verification of the audit chain, the ledger and the signed digests: runs
 * in the background with progress, and names the first broken entry and has it revealed.
 */
public final class AuditVerificationViewModel {

    /** What the last verification found. */
    public enum Outcome { NONE, RUNNING, INTACT, BROKEN, FAILED }

    private final AuditService audit;
    private final LedgerService ledger;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final LongConsumer reveal;

    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /** A verification that hands the id of a broken audit entry to {@code reveal}. */
    AuditVerificationViewModel(AuditService audit, LedgerService ledger, WorkspaceState state, BackgroundTasks tasks,
                               LongConsumer reveal) {
        this.audit = audit;
        this.ledger = ledger;
        this.state = state;
        this.tasks = tasks;
        this.reveal = reveal;
    }

    /** Verifies the audit chain, the ledger and the signed digests in the background, with progress. */
    public void verify() {
        if (outcome.get() == Outcome.RUNNING) {
            return;
        }
        String whyNot = Permissions.whyNot(state.caller(), Permission.READ);
        if (!whyNot.isEmpty()) {
            outcome.set(Outcome.FAILED);
            status.set(whyNot);
            return;
        }
        outcome.set(Outcome.RUNNING);
        progress.set(0);
        status.set(Messages.get("audit.verifying"));
        tasks.run(() -> ledger.verify(List.of(), (checked, total) -> tasks.ui(() -> {
            if (outcome.get() == Outcome.RUNNING) {
                progress.set(total == 0 ? 1 : (double) checked / total);
                status.set(Messages.get("audit.verifyProgress", checked, total));
            }
        })), this::verified, failure -> {
            outcome.set(Outcome.FAILED);
            status.set(Messages.get("audit.verifyFailed", failure.getMessage()));
        });
    }

    private void verified(LedgerVerification result) {
        progress.set(1);
        if (result.ok()) {
            outcome.set(Outcome.INTACT);
            status.set(Messages.get("audit.intact", result.auditEntries(), result.ledgerEntries(), result.digestsChecked()));
            return;
        }
        outcome.set(Outcome.BROKEN);
        ChainBreak broken = result.broken();
        status.set(Messages.get("audit.broken", where(broken), broken.reason()));
        if (broken.auditId() != null) {
            reveal.accept(broken.auditId());
        } else if (broken.recordId() != null && broken.version() != null) {
            long recordId = broken.recordId();
            long version = broken.version();
            tasks.run(() -> audit.entryOf(recordId, version), id -> id.ifPresent(reveal::accept), failure -> { });
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

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
