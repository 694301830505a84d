package io.timetravel.gui.shell;

import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Messages;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.SampleData;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * The window frame: title, status bar (database, listener, user, long work in progress) and the
 * application-wide commands (sample data, who the user is).
 */
public final class MainViewModel {

    private final Workbench workbench;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final Clock clock;
    private java.util.function.Supplier<SampleData> sampleData = SampleData::standard;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper listener = new ReadOnlyStringWrapper();
    private final StringProperty work = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableStringValue user;
    private final boolean listenerDown;

    public MainViewModel(Workbench workbench, WorkspaceState state, BackgroundTasks tasks, DialogService dialogs,
                         UserPreferences preferences, Clock clock) {
        this.workbench = workbench;
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.clock = clock;
        title.set(Messages.get("app.title", workbench.appVersion()));
        database.set(Messages.get("status.database", workbench.databasePath()));
        if (workbench.listenerUrl() != null) {
            listener.set(Messages.get("status.listener", workbench.listenerUrl()));
            listenerDown = false;
        } else {
            listener.set(workbench.listenerProblem() != null
                    ? Messages.get("status.listenerProblem", workbench.listenerProblem()) : Messages.get("status.listenerOff"));
            listenerDown = true;
        }
        user = Bindings.createStringBinding(() -> state.userProperty().get() > 0
                ? Messages.get("status.user", state.userProperty().get()) : Messages.get("status.noUser"), state.userProperty());
        preferences.userId().ifPresent(state.userProperty()::set);
    }

    /** On first start: asks who is at the desk, once, and remembers it. */
    public void ensureUser() {
        if (state.userProperty().get() <= 0) {
            changeUser(Messages.get("user.first"));
        }
    }

    /** Another sample than the standard one (tests use a small one). */
    void useSampleData(java.util.function.Supplier<SampleData> sample) {
        this.sampleData = sample;
    }

    public void changeUser() {
        changeUser(Messages.get("user.change"));
    }

    private void changeUser(String message) {
        dialogs.askUserId(message).ifPresent(id -> {
            preferences.setUserId(id);
            state.userProperty().set(id);
        });
    }

    /** Fills an empty database with the sample policyholders, showing progress; refuses a non-empty one. */
    public void loadSampleData() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        progress.set(-1);
        work.set(Messages.get("sample.checking"));
        tasks.run(() -> workbench.records().list(RecordQuery.all(1, 0)).total(), total -> {
            if (total > 0) {
                finish("");
                dialogs.showInfo(Messages.get("sample.title"), Messages.get("sample.notEmpty", total));
                return;
            }
            SampleData sample = sampleData.get();
            Consumer<SampleData.Progress> report = step -> tasks.ui(() -> {
                progress.set((double) step.recordsDone() / step.recordsTotal());
                work.set(Messages.get("sample.progress", step.recordsDone(), step.recordsTotal(), step.versionsWritten()));
            });
            work.set(Messages.get("sample.loading"));
            tasks.run(() -> sample.load(workbench.records(), SampleData.defaultUntil(clock.instant()), report),
                    versions -> finish(Messages.get("sample.done", versions)),
                    failure -> {
                        finish("");
                        dialogs.showError(Messages.get("sample.title"), Messages.get("sample.failed", failure.getMessage()));
                    });
        }, failure -> {
            finish("");
            dialogs.showError(Messages.get("sample.title"), Messages.get("sample.failed", failure.getMessage()));
        });
    }

    private void finish(String message) {
        busy.set(false);
        progress.set(-1);
        work.set(message);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty listenerProperty() {
        return listener.getReadOnlyProperty();
    }

    public ObservableStringValue userProperty() {
        return user;
    }

    /** What long work is doing, or empty. */
    public StringProperty workProperty() {
        return work;
    }

    /** Progress of long work from 0 to 1, or -1 when unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public boolean listenerDown() {
        return listenerDown;
    }

    WorkspaceState state() {
        return state;
    }

}
