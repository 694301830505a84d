package io.timetravel.gui.admin;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.service.UserChange;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Access view's user form: the selected user's id, name, roles, personal-data grant and OS
 * account, or a new user's; adds, saves, disables (after asking) and enables users. When the
 * user changed is the workbench's own, the workbench acts as who that user now is.
 */
public final class UserFormViewModel {

    private final AccessService access;
    private final WorkspaceState state;
    private final DialogService dialogs;
    private final AccessChanges changes;
    private final List<UserRow> users;
    private final ObjectProperty<UserRow> selectedUser;
    /** Reloads the list, then selects the user with that id (one just added or changed). */
    private final LongConsumer reloadSelecting;

    private final StringProperty userId = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty osAccount = new SimpleStringProperty("");
    private final Map<Role, BooleanProperty> roles = new EnumMap<>(Role.class);
    private final BooleanProperty pii = new SimpleBooleanProperty();

    UserFormViewModel(AccessService access, WorkspaceState state, DialogService dialogs, AccessChanges changes, List<UserRow> users,
                      ObjectProperty<UserRow> selectedUser, LongConsumer reloadSelecting) {
        this.access = access;
        this.state = state;
        this.dialogs = dialogs;
        this.changes = changes;
        this.users = users;
        this.selectedUser = selectedUser;
        this.reloadSelecting = reloadSelecting;
        for (Role role : Role.values()) {
            roles.put(role, new SimpleBooleanProperty());
        }
    }

    /** Shows {@code row}'s user in the form, or empties it for {@code null}. */
    void fill(UserRow row) {
        if (row == null) {
            userId.set("");
            name.set("");
            osAccount.set("");
            pii.set(false);
            roles.values().forEach(role -> role.set(false));
            return;
        }
        User user = row.user();
        userId.set(Long.toString(user.id()));
        name.set(user.name());
        osAccount.set(user.osUser() == null ? "" : user.osUser());
        pii.set(user.pii());
        roles.forEach((role, checked) -> checked.set(user.roles().contains(role)));
    }

    /** Empties the form for a new user. */
    public void newUser() {
        selectedUser.set(null);
        fill(null);
    }

    /** Registers the user the form describes. */
    public void addUser() {
        if (!changes.mayChange()) {
            return;
        }
        long id = Ids.parsePositiveLong(userId.get().strip());
        if (id <= 0) {
            changes.fail(Messages.get("admin.badId", userId.get().strip()));
            return;
        }
        if (!userValid()) {
            return;
        }
        if (users.stream().anyMatch(row -> row.id() == id)) {
            changes.fail(Messages.get("admin.idTaken", id));
            return;
        }
        NewUser user = new NewUser(id, name.get().strip(), checkedRoles(), pii.get(), osAccount.get().strip());
        changes.change(by -> access.addUser(user, by.actor()).join(), added -> {
            changes.succeed(Messages.get("admin.userAdded", added.id(), added.name()));
            afterChange(added);
        }, "admin.addFailed");
    }

    /** Saves the form's name, roles, grant and OS account to the selected user. */
    public void saveUser() {
        UserRow row = changes.userToChange();
        if (row == null) {
            return;
        }
        if (!userValid()) {
            return;
        }
        Set<Role> chosen = checkedRoles();
        if (isSelf(row) && !chosen.contains(Role.ADMIN)
                && !dialogs.confirm(Messages.get("admin.confirmTitle"), Messages.get("admin.confirmSelfDemote"))) {
            return;
        }
        UserChange change = new UserChange(name.get().strip(), chosen, pii.get(), osAccount.get().strip(), null);
        changes.change(by -> access.changeUser(row.id(), change, by.actor()).join(), changed -> {
            changes.succeed(Messages.get("admin.userChanged", changed.id(), changed.name()));
            afterChange(changed);
        }, "admin.changeFailed");
    }

    /** Disables the selected user, after asking: their tokens stop working and they can no longer act. */
    public void disableUser() {
        setActive(false);
    }

    /** Enables the selected user again. */
    public void enableUser() {
        setActive(true);
    }

    private void setActive(boolean active) {
        UserRow row = changes.userToChange();
        if (row == null) {
            return;
        }
        if (!active) {
            String question = Messages.get("admin.confirmDisable", row.id(), row.name())
                    + (isSelf(row) ? " " + Messages.get("admin.confirmSelf") : "");
            if (!dialogs.confirm(Messages.get("admin.confirmTitle"), question)) {
                return;
            }
        }
        changes.change(by -> access.changeUser(row.id(), new UserChange(null, null, null, null, active), by.actor()).join(), changed -> {
            changes.succeed(Messages.get(active ? "admin.userEnabled" : "admin.userDisabled", changed.id(), changed.name()));
            afterChange(changed);
        }, active ? "admin.enableFailed" : "admin.disableFailed");
    }

    /** Whether the form's name and roles make a user; if not, says why. */
    private boolean userValid() {
        String text = name.get().strip();
        if (text.isEmpty() || text.length() > AccessService.MAX_NAME_LENGTH) {
            changes.fail(Messages.get("admin.badName", AccessService.MAX_NAME_LENGTH));
            return false;
        }
        if (checkedRoles().isEmpty()) {
            changes.fail(Messages.get("admin.noRoles"));
            return false;
        }
        return true;
    }

    private Set<Role> checkedRoles() {
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        roles.forEach((role, checked) -> {
            if (checked.get()) {
                chosen.add(role);
            }
        });
        return chosen;
    }

    private boolean isSelf(UserRow row) {
        return row.id() == state.caller().id();
    }

    /**
     * After a user is added or changed: the list again, and, when it is the workbench's own user
     * (an admin registering the id it declared, say), who it now is.
     */
    private void afterChange(User changed) {
        Caller caller = state.caller();
        reloadSelecting.accept(changed.id());
        if (changed.id() == caller.id()) {
            state.callerProperty().set(changed.active() ? new Caller(caller.actor(), changed.roles(), changed.pii())
                    : WorkspaceState.NOBODY);
        }
    }

    public StringProperty userIdProperty() {
        return userId;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty osAccountProperty() {
        return osAccount;
    }

    public BooleanProperty roleProperty(Role role) {
        return roles.get(role);
    }

    public BooleanProperty piiProperty() {
        return pii;
    }
}
