package io.timetravel.gui.admin;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.User;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.AccessService;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * Runs the Access view's changes, one at a time, in the background as the workbench's user, once
 * the store confirms that user may still administer (refusing, with the reason, a change that may
 * not start or that needs a selected user when none is); and holds the one message that tells how
 * the last action went (done, failed, or refused and why).
 */
final class AccessChanges {

    private final AccessService access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final BooleanBinding allowed;
    private final StringBinding whyNot;
    private final ObservableValue<UserRow> selectedUser;

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    AccessChanges(AccessService access, WorkspaceState state, BackgroundTasks tasks, BooleanBinding allowed, StringBinding whyNot,
                  ObservableValue<UserRow> selectedUser) {
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        this.allowed = allowed;
        this.whyNot = whyNot;
        this.selectedUser = selectedUser;
    }

    /** Whether a change may be started now; if not, says why. */
    boolean mayChange() {
        if (!allowed.get()) {
            fail(whyNot.get());
            return false;
        }
        if (busy.get()) {
            fail(Messages.get("admin.busy"));
            return false;
        }
        return true;
    }

    /** The selected user, when a change may be made now and a user is selected; else {@code null}, after saying why. */
    UserRow userToChange() {
        UserRow row = selectedUser.getValue();
        if (!mayChange()) {
            return null;
        }
        if (row == null) {
            fail(Messages.get("admin.noUserSelected"));
            return null;
        }
        return row;
    }

    /**
     * Runs a change in the background as the workbench's user, once the store confirms that user
     * is still an active admin; then {@code done} on the UI thread, or the failure in the view.
     */
    <T> void change(Function<Caller, T> work, Consumer<T> done, String failureKey) {
        Caller caller = state.caller();
        busy.set(true);
        tasks.run(() -> work.apply(stillAdmin(caller)), result -> {
            busy.set(false);
            done.accept(result);
        }, failure -> {
            busy.set(false);
            fail(Messages.get(failureKey, failure.getMessage()));
        });
    }

    /** {@code caller} as the store knows it now; refused unless it may still administer. Background thread. */
    private Caller stillAdmin(Caller caller) {
        Optional<User> user = access.user(caller.id());
        Caller now;
        if (user.isPresent()) {
            if (!user.get().active()) {
                throw new AccessDeniedException(Messages.get("admin.selfDisabled", caller.id()));
            }
            now = user.get().caller(caller.verified());
        } else {
            now = access.declared(caller.id());
        }
        if (!now.allows(Permission.ADMINISTER)) {
            throw new AccessDeniedException(Permissions.whyNot(now, Permission.ADMINISTER));
        }
        return now;
    }

    void succeed(String text) {
        failed.set(false);
        message.set(text);
    }

    void fail(String text) {
        failed.set(true);
        message.set(text);
    }

    /** The outcome of the last action, or empty. */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} reports a failure or refused input. */
    ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Whether a change is being made (further changes wait for it). */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
