package io.timetravel.gui.recalculations;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.JobList;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.RecalculationRequest;
import io.timetravel.service.RecalculationService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * The Recalculations view: starting a job that prices every record with the engines chosen (as
 * the workbench's user, who needs the WRITE permission), the jobs with their live progress
 * (polled while any runs), cancelling a running one, and the selected job's result.
 */
public final class RecalculationsViewModel {

    /** Jobs listed: the newest ones. */
    static final int LIST_LIMIT = 200;

    private final RecalculationService recalculations;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final RecalculationFormViewModel form;
    private final JobResultViewModel result;
    private final JobList<JobRow> jobs;
    private final ObjectProperty<JobRow> selected;
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringBinding writeBlocked;
    private final BooleanBinding canStart;
    private final StringBinding cancelBlocked;
    private final BooleanBinding canCancel;

    public RecalculationsViewModel(RecalculationService recalculations, PremiumEngines engines, WorkspaceState state,
                                   BackgroundTasks tasks, DialogService dialogs, ZoneId zone, Clock clock) {
        this.recalculations = recalculations;
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        jobs = new JobList<>(tasks, () -> recalculations.list(LIST_LIMIT).stream().map(job -> JobRow.of(job, zone)).toList(),
                JobRow::id, JobRow::running, this::listed,
                failure -> status.set(Messages.get("recalc.loadFailed", failure.getMessage())));
        selected = jobs.selectedProperty();
        form = new RecalculationFormViewModel(engines, zone, clock);
        result = new JobResultViewModel(state, zone);
        writeBlocked = Permissions.whyNot(state.callerProperty(), Permission.WRITE);
        canStart = Bindings.createBooleanBinding(() -> writeBlocked.get().isEmpty() && form.validProperty().get()
                && !starting.get(), writeBlocked, form.validProperty(), starting);
        cancelBlocked = Bindings.createStringBinding(() -> {
            JobRow row = selected.get();
            if (row == null || !row.running()) {
                return Messages.get("recalc.cancelNotRunning");
            }
            return writeBlocked.get();
        }, selected, writeBlocked);
        canCancel = Bindings.createBooleanBinding(() -> cancelBlocked.get().isEmpty(), cancelBlocked);
        selected.addListener((observable, old, row) -> result.show(row));
        state.onRefresh(DeskView.RECALCULATIONS, this::reload);
        // Jobs started elsewhere (the API) show when the user comes back to the view.
        state.visibleViewProperty().addListener((observable, old, view) -> {
            if (view == DeskView.RECALCULATIONS) {
                reload();
            }
        });
        reload();
    }

    /** Reads the jobs again (the newest {@link #LIST_LIMIT}); the selection is kept. */
    public void reload() {
        jobs.reload();
    }

    private void listed(List<JobRow> loaded) {
        long runningNow = loaded.stream().filter(JobRow::running).count();
        status.set(runningNow > 0 ? Messages.get("recalc.countRunning", loaded.size(), runningNow)
                : Messages.get("recalc.count", loaded.size()));
    }

    /** Says how the job started here ended, once the list shows it ended. */
    private void tellEnd(JobRow row) {
        Recalculation job = row.job();
        message.set(Messages.get("recalc.ended", job.id(), row.statusText().toLowerCase(java.util.Locale.ROOT),
                row.progressText()));
    }


    /** Starts the job the form describes, in the background, as the workbench's user; needs WRITE. */
    public void start() {
        Caller caller = state.caller();
        if (!writeBlocked.get().isEmpty()) {
            message.set(Messages.get("recalc.startBlocked", writeBlocked.get()));
            return;
        }
        if (!form.validProperty().get() || starting.get()) {
            form.touchAll();
            return;
        }
        RecalculationRequest request = form.request(caller.actor().id());
        starting.set(true);
        tasks.run(() -> recalculations.request(request).join(), job -> {
            starting.set(false);
            form.clearReason();
            message.set(Messages.get("recalc.started", job.id(), String.join(", ", job.engines())));
            jobs.started(job.id(), this::tellEnd);
            reload();
        }, failure -> {
            starting.set(false);
            failed("recalc.startFailed", failure);
        });
    }

    /** Cancels the selected running job, once the user confirms. */
    public void cancelSelected() {
        JobRow row = selected.get();
        if (!canCancel.get() || row == null) {
            message.set(cancelBlocked.get());
            return;
        }
        long id = row.id();
        if (!dialogs.confirm(Messages.get("recalc.cancelTitle"), Messages.get("recalc.cancelQuestion", id, row.progressText()))) {
            return;
        }
        long actor = state.caller().actor().id();
        tasks.run(() -> recalculations.cancel(id, actor).join(), job -> {
            message.set(Messages.get("recalc.cancelled", id));
            reload();
        }, failure -> {
            failed("recalc.cancelFailed", failure);
            reload();
        });
    }

    private void failed(String key, Throwable failure) {
        String text = Messages.get(key, failure.getMessage());
        message.set(text);
        dialogs.showError(Messages.get("recalc.title"), text);
    }

    /** The form that starts a job. */
    public RecalculationFormViewModel form() {
        return form;
    }

    /** The selected job's facts and result. */
    public JobResultViewModel result() {
        return result;
    }

    /** The jobs, newest first. */
    public ObservableList<JobRow> rows() {
        return jobs.rows();
    }

    public ObjectProperty<JobRow> selectedProperty() {
        return selected;
    }

    /**
     * The list behind {@link #rows}: whether it is loading, and whether a job runs (the view then
     * {@linkplain JobList#poll polls} it every half second).
     */
    public JobList<JobRow> jobs() {
        return jobs;
    }

    /** "3 recalculations · 1 running", or a load failure. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The outcome of the last action (started, ended, cancelled, refused and why), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** Why the user may not start (or cancel) jobs, or empty. */
    public StringBinding startBlockedProperty() {
        return writeBlocked;
    }

    public BooleanBinding canCancelProperty() {
        return canCancel;
    }

    /** Why the selected job cannot be cancelled, or empty. */
    public StringBinding cancelBlockedProperty() {
        return cancelBlocked;
    }
}
