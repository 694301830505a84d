package io.timetravel.gui.admin;

import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.User;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessService;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Access view, for admins: the users with their roles, personal-data grant, OS account and
 * status (add, change, disable, enable: {@link UserFormViewModel}), their bearer tokens (issue,
 * with the secret shown once; revoke all: {@link TokensViewModel}) and the field policies (set,
 * remove: {@link PolicyFormViewModel}). This class loads the lists and keeps the selections;
 * every change goes through {@link AccessService} as the workbench's user, who must still be an
 * admin when it is made (the store is asked again, so a demotion elsewhere takes effect here too:
 * {@link AccessChanges}); destructive changes ask first; bad input is refused with a message and
 * changes nothing.
 */
public final class AccessViewModel {

    private final AccessService access;
    private final LatestOnly reads;
    private final ZoneId zone;

    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final ObjectProperty<UserRow> selectedUser = new SimpleObjectProperty<>();
    private final ObservableList<FieldPolicy> policies = FXCollections.observableArrayList();
    private final ObjectProperty<FieldPolicy> selectedPolicy = new SimpleObjectProperty<>();

    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final BooleanBinding allowed;
    private final StringBinding whyNot;
    private final AccessChanges changes;
    private final UserFormViewModel userForm;
    private final TokensViewModel tokens;
    private final PolicyFormViewModel policyForm;
    /** The user to select once the list is loaded, or {@code null} to keep the selection. */
    private Long selectAfterLoad;

    public AccessViewModel(AccessService access, WorkspaceState state, BackgroundTasks tasks, DialogService dialogs, ZoneId zone) {
        this.access = access;
        this.reads = new LatestOnly(tasks);
        this.zone = zone;
        allowed = Permissions.allows(state.callerProperty(), Permission.ADMINISTER);
        whyNot = Permissions.whyNot(state.callerProperty(), Permission.ADMINISTER);
        changes = new AccessChanges(access, state, tasks, allowed, whyNot, selectedUser);
        userForm = new UserFormViewModel(access, state, dialogs, changes, users, selectedUser, this::reloadSelecting);
        tokens = new TokensViewModel(access, dialogs, changes, zone);
        policyForm = new PolicyFormViewModel(access, dialogs, changes, policies, selectedPolicy, this::reload);
        selectedUser.addListener((observable, old, row) -> {
            userForm.fill(row);
            // A secret shown beside another user would be taken for theirs.
            if (old != null && (row == null || row.id() != old.id())) {
                tokens.dismissToken();
            }
        });
        selectedPolicy.addListener((observable, old, policy) -> policyForm.fill(policy));
        state.callerProperty().addListener((observable, old, caller) -> {
            tokens.dismissToken();
            reload();
        });
        state.onRefresh(DeskView.ACCESS, this::reload);
        reload();
    }

    private record Loaded(List<User> users, List<FieldPolicy> policies) {
    }

    /** Reads the users and policies again (nothing for a user who may not see them). */
    public void reload() {
        if (!allowed.get()) {
            reads.supersede();
            users.clear();
            policies.clear();
            return;
        }
        loading.set(true);
        reads.run(() -> new Loaded(access.users(), access.policies().list()), loaded -> {
            loading.set(false);
            show(loaded);
        }, failure -> {
            loading.set(false);
            changes.fail(Messages.get("admin.loadFailed", failure.getMessage()));
        });
    }

    private void show(Loaded loaded) {
        Long keptUser = selectAfterLoad != null ? selectAfterLoad : selectedUser.get() == null ? null : selectedUser.get().id();
        selectAfterLoad = null;
        String keptPolicy = selectedPolicy.get() == null ? null : selectedPolicy.get().path();
        users.setAll(loaded.users().stream().sorted(Comparator.comparingLong(User::id)).map(user -> UserRow.of(user, zone)).toList());
        policies.setAll(loaded.policies());
        selectedUser.set(users.stream().filter(row -> keptUser != null && row.id() == keptUser).findFirst().orElse(null));
        selectedPolicy.set(policies.stream().filter(policy -> policy.path().equals(keptPolicy)).findFirst().orElse(null));
    }

    /** Reloads, then selects user {@code id} (one just added or changed). */
    private void reloadSelecting(long id) {
        selectAfterLoad = id;
        reload();
    }

    public ObservableList<UserRow> users() {
        return users;
    }

    public ObjectProperty<UserRow> selectedUserProperty() {
        return selectedUser;
    }

    /** The form of the selected (or a new) user. */
    public UserFormViewModel userForm() {
        return userForm;
    }

    /** The selected user's tokens. */
    public TokensViewModel tokens() {
        return tokens;
    }

    public ObservableList<FieldPolicy> policies() {
        return policies;
    }

    public ObjectProperty<FieldPolicy> selectedPolicyProperty() {
        return selectedPolicy;
    }

    /** The form of the selected (or a new) field policy. */
    public PolicyFormViewModel policyForm() {
        return policyForm;
    }

    /** The outcome of the last action, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return changes.messageProperty();
    }

    /** Whether {@link #messageProperty()} reports a failure or refused input. */
    public ReadOnlyBooleanProperty failedProperty() {
        return changes.failedProperty();
    }

    /** Whether a change is being made (further changes wait for it). */
    public ReadOnlyBooleanProperty busyProperty() {
        return changes.busyProperty();
    }

    /** Whether the users and policies are being read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanBinding allowedProperty() {
        return allowed;
    }

    public StringBinding whyNotProperty() {
        return whyNot;
    }
}
