package io.timetravel.gui.admin;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.AccessService;
import io.timetravel.service.IssuedToken;
import io.timetravel.service.NewUser;
import io.timetravel.service.UserChange;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Access view, for admins: the users with their roles, personal-data grant, OS account and
 * status (add, change, disable, enable), their bearer tokens (issue, with the secret shown once;
 * revoke all) and the field policies (set, remove). Every change goes through
 * {@link AccessService} as the workbench's user, who must still be an admin when it is made (the
 * store is asked again, so a demotion elsewhere takes effect here too); destructive changes ask
 * first; bad input is refused with a message and changes nothing.
 */
public final class AccessViewModel {

    /** What the expiry field starts with: a token that outlives a quarter only when asked. */
    static final String DEFAULT_EXPIRY_DAYS = "90";
    static final String DEFAULT_VISIBLE_CHARS = "4";

    private final AccessService access;
    private final WorkspaceState state;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ZoneId zone;

    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final ObjectProperty<UserRow> selectedUser = new SimpleObjectProperty<>();
    private final StringProperty userId = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty osAccount = new SimpleStringProperty("");
    private final Map<Role, BooleanProperty> roles = new EnumMap<>(Role.class);
    private final BooleanProperty pii = new SimpleBooleanProperty();

    private final StringProperty expiryDays = new SimpleStringProperty(DEFAULT_EXPIRY_DAYS);
    private final ReadOnlyStringWrapper issuedToken = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper issuedTokenFacts = new ReadOnlyStringWrapper("");

    private final ObservableList<FieldPolicy> policies = FXCollections.observableArrayList();
    private final ObjectProperty<FieldPolicy> selectedPolicy = new SimpleObjectProperty<>();
    private final StringProperty policyPath = new SimpleStringProperty("");
    private final ObjectProperty<FieldPolicy.Masking> policyMasking = new SimpleObjectProperty<>(FieldPolicy.Masking.PARTIAL);
    private final StringProperty visibleChars = new SimpleStringProperty(DEFAULT_VISIBLE_CHARS);

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final BooleanBinding allowed;
    private final StringBinding whyNot;
    private long generation;
    /** The user to select once the list is loaded, or {@code null} to keep the selection. */
    private Long selectAfterLoad;

    public AccessViewModel(AccessService access, WorkspaceState state, BackgroundTasks tasks, DialogService dialogs, ZoneId zone) {
        this.access = access;
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        for (Role role : Role.values()) {
            roles.put(role, new SimpleBooleanProperty());
        }
        allowed = Permissions.allows(state.callerProperty(), Permission.ADMINISTER);
        whyNot = Permissions.whyNot(state.callerProperty(), Permission.ADMINISTER);
        selectedUser.addListener((observable, old, row) -> {
            fillUser(row);
            // A secret shown beside another user would be taken for theirs.
            if (old != null && (row == null || row.id() != old.id())) {
                dismissToken();
            }
        });
        selectedPolicy.addListener((observable, old, policy) -> fillPolicy(policy));
        state.callerProperty().addListener((observable, old, caller) -> {
            dismissToken();
            reload();
        });
        state.commandProperty().addListener((observable, old, command) -> {
            if (command == WorkbenchCommand.REFRESH && state.visibleViewProperty().get() == DeskView.ACCESS) {
                reload();
            }
        });
        reload();
    }

    // --- loading --------------------------------------------------------------------------------

    private record Loaded(List<User> users, List<FieldPolicy> policies) {
    }

    /** Reads the users and policies again (nothing for a user who may not see them). */
    public void reload() {
        long current = ++generation;
        if (!allowed.get()) {
            users.clear();
            policies.clear();
            return;
        }
        loading.set(true);
        tasks.run(() -> new Loaded(access.users(), access.policies().list()), loaded -> {
            if (current == generation) {
                loading.set(false);
                show(loaded);
            }
        }, failure -> {
            if (current == generation) {
                loading.set(false);
                fail(Messages.get("admin.loadFailed", failure.getMessage()));
            }
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

    // --- users ----------------------------------------------------------------------------------

    private void fillUser(UserRow row) {
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
        fillUser(null);
    }

    /** Registers the user the form describes. */
    public void addUser() {
        if (!mayChange()) {
            return;
        }
        long id = Ids.parsePositiveLong(userId.get().strip());
        if (id <= 0) {
            fail(Messages.get("admin.badId", userId.get().strip()));
            return;
        }
        Optional<String> problem = userProblem();
        if (problem.isPresent()) {
            fail(problem.get());
            return;
        }
        if (users.stream().anyMatch(row -> row.id() == id)) {
            fail(Messages.get("admin.idTaken", id));
            return;
        }
        NewUser user = new NewUser(id, name.get().strip(), checkedRoles(), pii.get(), osAccount.get().strip());
        change(by -> access.addUser(user, by.actor()).join(), added -> {
            succeed(Messages.get("admin.userAdded", added.id(), added.name()));
            afterChange(added);
        }, "admin.addFailed");
    }

    /** Saves the form's name, roles, grant and OS account to the selected user. */
    public void saveUser() {
        UserRow row = selectedUser.get();
        if (!mayChange()) {
            return;
        }
        if (row == null) {
            fail(Messages.get("admin.noUserSelected"));
            return;
        }
        Optional<String> problem = userProblem();
        if (problem.isPresent()) {
            fail(problem.get());
            return;
        }
        Set<Role> chosen = checkedRoles();
        if (isSelf(row) && !chosen.contains(Role.ADMIN)
                && !dialogs.confirm(Messages.get("admin.confirmTitle"), Messages.get("admin.confirmSelfDemote"))) {
            return;
        }
        UserChange change = new UserChange(name.get().strip(), chosen, pii.get(), osAccount.get().strip(), null);
        change(by -> access.changeUser(row.id(), change, by.actor()).join(), changed -> {
            succeed(Messages.get("admin.userChanged", changed.id(), changed.name()));
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
        UserRow row = selectedUser.get();
        if (!mayChange()) {
            return;
        }
        if (row == null) {
            fail(Messages.get("admin.noUserSelected"));
            return;
        }
        if (!active) {
            String question = Messages.get("admin.confirmDisable", row.id(), row.name())
                    + (isSelf(row) ? " " + Messages.get("admin.confirmSelf") : "");
            if (!dialogs.confirm(Messages.get("admin.confirmTitle"), question)) {
                return;
            }
        }
        change(by -> access.changeUser(row.id(), new UserChange(null, null, null, null, active), by.actor()).join(), changed -> {
            succeed(Messages.get(active ? "admin.userEnabled" : "admin.userDisabled", changed.id(), changed.name()));
            afterChange(changed);
        }, active ? "admin.enableFailed" : "admin.disableFailed");
    }

    private Optional<String> userProblem() {
        String text = name.get().strip();
        if (text.isEmpty() || text.length() > AccessService.MAX_NAME_LENGTH) {
            return Optional.of(Messages.get("admin.badName", AccessService.MAX_NAME_LENGTH));
        }
        if (checkedRoles().isEmpty()) {
            return Optional.of(Messages.get("admin.noRoles"));
        }
        return Optional.empty();
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
        reloadSelecting(changed.id());
        if (changed.id() == caller.id()) {
            state.callerProperty().set(changed.active() ? new Caller(caller.actor(), changed.roles(), changed.pii())
                    : WorkspaceState.NOBODY);
        }
    }

    /** Reloads, then selects user {@code id} (one just added or changed). */
    private void reloadSelecting(long id) {
        selectAfterLoad = id;
        reload();
    }

    // --- tokens ---------------------------------------------------------------------------------

    /** Issues a token for the selected user; its secret is shown until dismissed, and never again. */
    public void issueToken() {
        UserRow row = selectedUser.get();
        if (!mayChange()) {
            return;
        }
        if (row == null) {
            fail(Messages.get("admin.noUserSelected"));
            return;
        }
        String text = expiryDays.get().strip();
        Integer days = null;
        if (!text.isEmpty()) {
            int parsed = Ids.parsePositiveInt(text);
            if (parsed < 1 || parsed > AccessService.MAX_EXPIRES_DAYS) {
                fail(Messages.get("admin.badExpiry", text, AccessService.MAX_EXPIRES_DAYS));
                return;
            }
            days = parsed;
        }
        Integer expires = days;
        dismissToken();
        change(by -> access.issueToken(row.id(), expires, by.actor()).join(), token -> {
            issuedToken.set(token.token());
            issuedTokenFacts.set(facts(token, row));
            succeed(Messages.get("admin.tokenIssued", row.id()));
        }, "admin.issueFailed");
    }

    private String facts(IssuedToken token, UserRow row) {
        return token.expiresAt() == null ? Messages.get("admin.tokenForever", row.id(), row.name())
                : Messages.get("admin.tokenUntil", row.id(), row.name(), Formats.localTime(token.expiresAt(), zone));
    }

    /** Forgets the secret just shown (after copying it, say). */
    public void dismissToken() {
        issuedToken.set("");
        issuedTokenFacts.set("");
    }

    /** The view copied the secret to the clipboard. */
    public void tokenCopied() {
        succeed(Messages.get("admin.tokenCopied"));
    }

    /** Revokes every token of the selected user, after asking. */
    public void revokeTokens() {
        UserRow row = selectedUser.get();
        if (!mayChange()) {
            return;
        }
        if (row == null) {
            fail(Messages.get("admin.noUserSelected"));
            return;
        }
        if (!dialogs.confirm(Messages.get("admin.confirmTitle"), Messages.get("admin.confirmRevoke", row.id(), row.name()))) {
            return;
        }
        change(by -> access.revokeTokens(row.id(), by.actor()).join(),
                revoked -> succeed(Messages.get("admin.tokensRevoked", revoked, row.id())), "admin.revokeFailed");
    }

    // --- field policies -------------------------------------------------------------------------

    private void fillPolicy(FieldPolicy policy) {
        if (policy == null) {
            return;
        }
        policyPath.set(policy.path());
        policyMasking.set(policy.masking());
        visibleChars.set(policy.masking() == FieldPolicy.Masking.PARTIAL ? Integer.toString(policy.visibleChars())
                : DEFAULT_VISIBLE_CHARS);
    }

    /** Sets (adds or replaces) the policy the form describes. */
    public void setPolicy() {
        if (!mayChange()) {
            return;
        }
        String path = policyPath.get().strip();
        FieldPolicy.Masking masking = policyMasking.get();
        int visible = 0;
        if (masking == FieldPolicy.Masking.PARTIAL) {
            visible = Ids.parsePositiveInt(visibleChars.get().strip());
            if (visible < 1 || visible > FieldPolicy.MAX_VISIBLE_CHARS) {
                fail(Messages.get("admin.badVisible", visibleChars.get().strip(), FieldPolicy.MAX_VISIBLE_CHARS));
                return;
            }
        }
        if (path.isEmpty() || !FieldPolicy.isValidPath(path)) {
            fail(Messages.get("admin.badPath", path));
            return;
        }
        if (masking == null) {
            fail(Messages.get("admin.noMasking"));
            return;
        }
        FieldPolicy policy = new FieldPolicy(path, masking, visible);
        change(by -> access.setPolicy(policy, by.actor()).join(), set -> {
            succeed(Messages.get("admin.policySet", set.path(), maskingName(set)));
            selectedPolicy.set(null);
            reload();
        }, "admin.policyFailed");
    }

    /** Removes the selected policy (or the one the path names), after asking: the field is then shown to everyone. */
    public void removePolicy() {
        if (!mayChange()) {
            return;
        }
        String path = selectedPolicy.get() != null ? selectedPolicy.get().path() : policyPath.get().strip();
        if (policies.stream().noneMatch(policy -> policy.path().equals(path))) {
            fail(Messages.get("admin.noPolicy", path));
            return;
        }
        if (!dialogs.confirm(Messages.get("admin.confirmTitle"), Messages.get("admin.confirmRemovePolicy", path))) {
            return;
        }
        change(by -> access.removePolicy(path, by.actor()).join(), removed -> {
            succeed(Messages.get("admin.policyRemoved", removed.path()));
            selectedPolicy.set(null);
            reload();
        }, "admin.removeFailed");
    }

    /** "partial (last 4)", "full", "hash". */
    public static String maskingName(FieldPolicy policy) {
        return policy.masking() == FieldPolicy.Masking.PARTIAL
                ? Messages.get("admin.maskingPartialN", policy.visibleChars())
                : Messages.get("admin.masking." + policy.masking().key());
    }

    // --- running changes ------------------------------------------------------------------------

    private boolean mayChange() {
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

    /**
     * Runs a change in the background as the workbench's user, once the store confirms that user
     * is still an active admin; then {@code done} on the UI thread, or the failure in the view.
     */
    private <T> void change(Function<Caller, T> work, Consumer<T> done, String failureKey) {
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

    private void succeed(String text) {
        failed.set(false);
        message.set(text);
    }

    private void fail(String text) {
        failed.set(true);
        message.set(text);
    }

    // --- properties -----------------------------------------------------------------------------

    public ObservableList<UserRow> users() {
        return users;
    }

    public ObjectProperty<UserRow> selectedUserProperty() {
        return selectedUser;
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

    public StringProperty expiryDaysProperty() {
        return expiryDays;
    }

    /** The secret of the token just issued, or empty. */
    public ReadOnlyStringProperty issuedTokenProperty() {
        return issuedToken.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty issuedTokenFactsProperty() {
        return issuedTokenFacts.getReadOnlyProperty();
    }

    public ObservableList<FieldPolicy> policies() {
        return policies;
    }

    public ObjectProperty<FieldPolicy> selectedPolicyProperty() {
        return selectedPolicy;
    }

    public StringProperty policyPathProperty() {
        return policyPath;
    }

    public ObjectProperty<FieldPolicy.Masking> policyMaskingProperty() {
        return policyMasking;
    }

    public StringProperty visibleCharsProperty() {
        return visibleChars;
    }

    /** The outcome of the last action, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} reports a failure or refused input. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Whether a change is being made (further changes wait for it). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
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
