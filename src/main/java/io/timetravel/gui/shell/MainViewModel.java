package io.timetravel.gui.shell;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.RecordQuery;
import io.timetravel.service.SampleData;
import java.time.Clock;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 *
 * <p>Who the user is: a registered, active user mapped to the operating-system account acts
 * verified and is not asked; otherwise the user types an id (remembered for the next start) and
 * acts declared. A verified identity cannot be swapped for a typed one: "Change user" then says
 * where the identity comes from.
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
    private final ReadOnlyBooleanWrapper fromOsAccount = new ReadOnlyBooleanWrapper();
    private final ObservableStringValue user;
    private final StringBinding userDetail;
    private final StringBinding sampleDataBlocked;
    private final BooleanBinding canLoadSampleData;
    private final boolean listenerDown;
    private boolean resolving;

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
        user = Bindings.createStringBinding(() -> describe(state.caller()), state.callerProperty());
        userDetail = Bindings.createStringBinding(() -> detail(state.caller()), state.callerProperty(), fromOsAccount);
        sampleDataBlocked = Permissions.whyNot(state.callerProperty(), Permission.WRITE);
        canLoadSampleData = sampleDataBlocked.isEmpty();
        // The hint to select a record first goes once one is selected.
        state.selectedRecordProperty().addListener((observable, old, id) -> {
            if (id != null && work.get().equals(Messages.get("menu.noRecord"))) {
                work.set("");
            }
        });
    }

    /** "User 7 · auditor · verified". */
    static String describe(Caller caller) {
        if (caller.equals(WorkspaceState.NOBODY)) {
            return Messages.get("status.noUser");
        }
        String roles = caller.roles().equals(EnumSet.allOf(Role.class)) ? Messages.get("status.everyRole")
                : caller.roles().stream().sorted().map(Role::key).collect(Collectors.joining(", "));
        return Messages.get("status.user", caller.id(), roles,
                Messages.get(caller.verified() ? "status.verified" : "status.declared"));
    }

    private String detail(Caller caller) {
        if (caller.equals(WorkspaceState.NOBODY)) {
            return Messages.get("status.noUserDetail");
        }
        String identity = caller.verified() ? Messages.get("status.verifiedDetail", caller.id(), workbench.osUser())
                : Messages.get("status.declaredDetail");
        return identity + " " + Messages.get(caller.pii() ? "status.piiDetail" : "status.maskedDetail");
    }

    /**
     * At start: the user mapped to the OS account, else the remembered id, else asks. Runs in the
     * background (each step reads the users table); the views show nothing personal until then.
     */
    public void ensureUser() {
        if (resolving || !state.caller().equals(WorkspaceState.NOBODY)) {
            return;
        }
        resolving = true;
        String osUser = workbench.osUser();
        tasks.run(() -> startingIdentity(osUser), start -> {
            resolving = false;
            if (start.caller() != null) {
                act(start.caller(), start.fromOs());
            } else {
                ask(start.problem() != null ? start.problem() : Messages.get("user.first"));
            }
        }, failure -> {
            resolving = false;
            ask(Messages.get("user.failed", failure.getMessage()));
        });
    }

    /** Who the user is at start, as far as it can be known without asking. */
    private record Start(Caller caller, boolean fromOs, String problem) {
    }

    private Start startingIdentity(String osUser) {
        var mapped = workbench.access().osAccount(osUser);
        if (mapped.isPresent()) {
            return new Start(mapped.get(), true, null);
        }
        OptionalLong remembered = preferences.userId();
        if (remembered.isEmpty()) {
            return new Start(null, false, null);
        }
        try {
            return new Start(workbench.access().declared(remembered.getAsLong()), false, null);
        } catch (AccessDeniedException e) {
            return new Start(null, false, Messages.get("user.disabled", remembered.getAsLong()));
        }
    }

    /** Another sample than the standard one (tests use a small one). */
    void useSampleData(java.util.function.Supplier<SampleData> sample) {
        this.sampleData = sample;
    }

    /**
     * Asks for another user id; with an identity from the OS account, says so instead: letting a
     * verified user type another id would let anyone at that desk pick any role.
     */
    public void changeUser() {
        if (fromOsAccount.get()) {
            dialogs.showInfo(Messages.get("user.title"), Messages.get("user.fromOs", state.caller().id(), workbench.osUser()));
            return;
        }
        ask(Messages.get("user.change"));
    }

    /** Asks for a user id until one is accepted or the user cancels; a disabled user is refused. */
    private void ask(String message) {
        dialogs.askUserId(message).ifPresent(id -> tasks.run(() -> workbench.access().declared(id), caller -> {
            preferences.setUserId(id);
            act(caller, false);
        }, failure -> ask(failure instanceof AccessDeniedException ? Messages.get("user.disabled", id)
                : Messages.get("user.failed", failure.getMessage()))));
    }

    private void act(Caller caller, boolean fromOs) {
        fromOsAccount.set(fromOs);
        state.callerProperty().set(caller);
    }

    /**
     * {@code --demo}: fills an empty database with the sample policyholders once the window shows,
     * with progress in the status bar; says nothing when the database already has records.
     */
    public void loadSampleDataAtStart() {
        load(true);
    }

    /** Fills an empty database with the sample policyholders, showing progress; refuses a non-empty one. */
    public void loadSampleData() {
        load(false);
    }

    private void load(boolean atStart) {
        if (busy.get()) {
            return;
        }
        if (!canLoadSampleData.get() && !atStart) {
            dialogs.showInfo(Messages.get("sample.title"), sampleDataBlocked.get());
            return;
        }
        busy.set(true);
        progress.set(-1);
        work.set(Messages.get("sample.checking"));
        tasks.run(() -> workbench.records().list(RecordQuery.all(1, 0)).total(), total -> {
            if (total > 0) {
                finish("");
                if (atStart) {
                    return;
                }
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

    /** "User 7 · auditor · verified", or that no user is set. */
    public ObservableStringValue userProperty() {
        return user;
    }

    /** Where the identity comes from and whether personal data is masked, for the status bar's tooltip. */
    public StringBinding userDetailProperty() {
        return userDetail;
    }

    /** Whether the identity comes from the operating-system account (verified; cannot be changed here). */
    public ReadOnlyBooleanProperty fromOsAccountProperty() {
        return fromOsAccount.getReadOnlyProperty();
    }

    public BooleanBinding canLoadSampleDataProperty() {
        return canLoadSampleData;
    }

    /** Why sample data cannot be loaded by this user, or empty. */
    public StringBinding sampleDataBlockedProperty() {
        return sampleDataBlocked;
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

    /** Brings {@code view} forward. */
    public void showView(DeskView view) {
        state.showView(view);
    }

    /** The view a menu last asked for, which the window shows. */
    public ObjectProperty<DeskView> requestedViewProperty() {
        return state.requestedViewProperty();
    }

    /** The view the window shows now. */
    public ObjectProperty<DeskView> visibleViewProperty() {
        return state.visibleViewProperty();
    }

    /**
     * Hands a menu command to the view that carries it out, bringing that view forward first
     * (the Records view for a command about the selected record, the Audit view to verify the
     * chain). A command about the record says what to do when no record is selected.
     */
    public void command(WorkbenchCommand command) {
        command.view().ifPresent(state::showView);
        if (command.aboutRecord() && state.selectedRecordProperty().get() == null) {
            work.set(Messages.get("menu.noRecord"));
            return;
        }
        state.command(command);
    }

    public void showShortcuts() {
        dialogs.showInfo(Messages.get("help.shortcutsTitle"), Messages.get("help.shortcuts"));
    }

    public void showAbout() {
        dialogs.showInfo(Messages.get("help.aboutTitle"),
                Messages.get("help.about", workbench.appVersion(), workbench.databasePath()));
    }

}
