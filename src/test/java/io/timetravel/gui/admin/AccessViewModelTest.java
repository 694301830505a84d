package io.timetravel.gui.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Access view's model on a real database: users, tokens and policies, as an admin and as others. */
class AccessViewModelTest {

    private static final long ADMIN = 1;

    @TempDir
    Path dir;
    StoreFixture fixture;
    AccessService access;
    WorkspaceState state;
    RecordingDialogs dialogs;
    AccessViewModel model;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("access.db"));
        access = TestWorkbench.accessService(fixture);
        access.addUser(new NewUser(ADMIN, "Alice Admin", Set.of(Role.ADMIN), true, null), Actor.ANONYMOUS).join();
        state = new WorkspaceState();
        state.callerProperty().set(access.declared(ADMIN));
        dialogs = new RecordingDialogs();
        model = new AccessViewModel(access, state, BackgroundTasks.inline(), dialogs, ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void fillNewUser(String id, String name, Role... roles) {
        model.userForm().newUser();
        model.userForm().userIdProperty().set(id);
        model.userForm().nameProperty().set(name);
        for (Role role : roles) {
            model.userForm().roleProperty(role).set(true);
        }
    }

    private UserRow select(long id) {
        UserRow row = model.users().stream().filter(user -> user.id() == id).findFirst().orElseThrow();
        model.selectedUserProperty().set(row);
        return row;
    }

    private long audited(String operation) {
        return Sql.count(fixture.database().file(), "SELECT count(*) FROM audit_history WHERE event_type = '" + operation + "'");
    }

    @Test
    void anAdminAddsAUserWhoIsThenListedSelectedAndAudited() {
        assertEquals(1, model.users().size());

        fillNewUser(" 7 ", "Nora Auditor", Role.AUDITOR);
        model.userForm().osAccountProperty().set("nora");
        model.userForm().addUser();

        User stored = access.user(7).orElseThrow();
        assertEquals("Nora Auditor", stored.name());
        assertEquals(Set.of(Role.AUDITOR), stored.roles());
        assertEquals("nora", stored.osUser());
        assertEquals(ADMIN, stored.createdBy());
        assertEquals(2, model.users().size());
        assertEquals(7, model.selectedUserProperty().get().id(), "the new user is selected");
        assertEquals("auditor", model.selectedUserProperty().get().roles());
        assertFalse(model.failedProperty().get());
        assertEquals("User 7 (Nora Auditor) added", model.messageProperty().get());
        assertEquals(2, audited(AccessService.AUDIT_USER_ADDED), "the admin's own registration and this one");
    }

    @Test
    void changingRolesNameAndAccountSavesThemAndClearingTheAccountRemovesIt() {
        access.addUser(new NewUser(7, "Nora", Set.of(Role.AUDITOR), false, "nora"), Actor.ANONYMOUS).join();
        model.reload();
        select(7);
        assertEquals("Nora", model.userForm().nameProperty().get(), "the form shows the selected user");
        assertTrue(model.userForm().roleProperty(Role.AUDITOR).get());

        model.userForm().nameProperty().set("Nora Underwriter");
        model.userForm().roleProperty(Role.AUDITOR).set(false);
        model.userForm().roleProperty(Role.UNDERWRITER).set(true);
        model.userForm().piiProperty().set(true);
        model.userForm().osAccountProperty().set("");
        model.userForm().saveUser();

        User stored = access.user(7).orElseThrow();
        assertEquals("Nora Underwriter", stored.name());
        assertEquals(Set.of(Role.UNDERWRITER), stored.roles());
        assertTrue(stored.pii());
        assertNull(stored.osUser());
        assertEquals("underwriter", model.selectedUserProperty().get().roles());
        assertEquals(1, audited(AccessService.AUDIT_USER_CHANGED));
    }

    @Test
    void disablingAsksFirstAndACancelChangesNothing() {
        access.addUser(new NewUser(7, "Nora", Set.of(Role.AUDITOR), false, null), Actor.ANONYMOUS).join();
        model.reload();
        select(7);

        dialogs.confirmAnswer = false;
        model.userForm().disableUser();
        assertTrue(access.user(7).orElseThrow().active(), "cancelled");
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).startsWith("confirm: Access: Disable user 7 (Nora)?"));

        dialogs.confirmAnswer = true;
        model.userForm().disableUser();
        assertFalse(access.user(7).orElseThrow().active());
        assertEquals("Disabled", model.selectedUserProperty().get().status());

        model.userForm().enableUser();
        assertTrue(access.user(7).orElseThrow().active());
    }

    @Test
    void aTokenIsShownOnceWorksAndIsRevokedAfterAsking() {
        access.addUser(new NewUser(7, "Nora", Set.of(Role.AUDITOR), false, null), Actor.ANONYMOUS).join();
        model.reload();
        select(7);

        model.tokens().expiryDaysProperty().set("30");
        model.tokens().issueToken();

        String token = model.tokens().issuedTokenProperty().get();
        assertTrue(token.startsWith(AccessService.TOKEN_PREFIX), token);
        assertEquals(7, access.authenticate(token).orElseThrow().id(), "the token shown is the one issued");
        assertTrue(model.tokens().issuedTokenFactsProperty().get().startsWith("Token for user 7 (Nora), expires "),
                model.tokens().issuedTokenFactsProperty().get());
        model.tokens().dismissToken();
        assertEquals("", model.tokens().issuedTokenProperty().get(), "gone once dismissed");

        model.tokens().revokeTokens();
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).startsWith("confirm: Access: Revoke every token of user 7"));
        assertEquals("1 token of user 7 revoked", model.messageProperty().get());
        assertTrue(access.authenticate(token).isEmpty(), "refused after revocation");
    }

    @Test
    void policiesAreSetListedAndRemovedAfterAsking() {
        model.policyForm().policyPathProperty().set("contact.email");
        model.policyForm().policyMaskingProperty().set(FieldPolicy.Masking.PARTIAL);
        model.policyForm().visibleCharsProperty().set("3");
        model.policyForm().setPolicy();
        model.policyForm().policyPathProperty().set("ssn");
        model.policyForm().policyMaskingProperty().set(FieldPolicy.Masking.HASH);
        model.policyForm().setPolicy();

        assertEquals(2, model.policies().size());
        assertEquals(new FieldPolicy("contact.email", FieldPolicy.Masking.PARTIAL, 3), access.policies().policyFor("contact.email").orElseThrow());
        assertEquals("partial (last 3)", PolicyFormViewModel.maskingName(model.policies().get(0)));

        model.selectedPolicyProperty().set(model.policies().get(1));
        assertEquals("ssn", model.policyForm().policyPathProperty().get(), "the form shows the selected policy");
        dialogs.confirmAnswer = false;
        model.policyForm().removePolicy();
        assertEquals(2, access.policies().list().size(), "cancelled");
        dialogs.confirmAnswer = true;
        model.policyForm().removePolicy();
        assertEquals(1, access.policies().list().size());
        assertEquals(1, model.policies().size());
        assertEquals("Policy on \u201cssn\u201d removed", model.messageProperty().get());
    }

    @Test
    void badInputIsRefusedWithAMessageAndChangesNothing() {
        fillNewUser("seven", "Nora", Role.AUDITOR);
        model.userForm().addUser();
        assertTrue(model.failedProperty().get());
        assertEquals("\u201cseven\u201d is not a user id: use a positive whole number", model.messageProperty().get());

        fillNewUser("7", "  ", Role.AUDITOR);
        model.userForm().addUser();
        assertEquals("A user needs a name of 1 to 200 characters", model.messageProperty().get());

        fillNewUser("7", "Nora");
        model.userForm().addUser();
        assertEquals("A user needs at least one role", model.messageProperty().get());

        fillNewUser("1", "Again", Role.AUDITOR);
        model.userForm().addUser();
        assertEquals("User 1 already exists: select it to change it", model.messageProperty().get());
        assertEquals(1, access.users().size(), "no user added");

        select(ADMIN);
        model.tokens().expiryDaysProperty().set("0");
        model.tokens().issueToken();
        assertTrue(model.messageProperty().get().startsWith("\u201c0\u201d is not a number of days"), model.messageProperty().get());
        assertEquals("", model.tokens().issuedTokenProperty().get());

        model.policyForm().policyPathProperty().set("a..b");
        model.policyForm().setPolicy();
        assertTrue(model.messageProperty().get().startsWith("\u201ca..b\u201d is not a field path"), model.messageProperty().get());
        model.policyForm().policyPathProperty().set("email");
        model.policyForm().visibleCharsProperty().set("99");
        model.policyForm().setPolicy();
        assertEquals("\u201c99\u201d visible characters: use a whole number from 1 to 64", model.messageProperty().get());
        assertTrue(access.policies().isEmpty());

        model.policyForm().policyPathProperty().set("nothing.here");
        model.policyForm().removePolicy();
        assertEquals("There is no policy on \u201cnothing.here\u201d", model.messageProperty().get());
    }

    @Test
    void aNonAdminSeesWhyAndCanChangeNothing() {
        state.callerProperty().set(new Caller(Actor.declared(9), EnumSet.of(Role.AUDITOR, Role.OPERATOR), false));

        assertFalse(model.allowedProperty().get());
        assertEquals("Needs the role admin", model.whyNotProperty().get());
        assertTrue(model.users().isEmpty(), "nothing about users is loaded for them");

        fillNewUser("7", "Nora", Role.AUDITOR);
        model.userForm().addUser();
        assertTrue(model.failedProperty().get());
        assertEquals("Needs the role admin", model.messageProperty().get());
        assertTrue(access.user(7).isEmpty());
    }

    @Test
    void anAdminDemotedElsewhereIsRefusedAtTheNextChange() {
        // The workbench still holds the admin's roles; another admin (the command line) removes them meanwhile.
        access.changeUser(ADMIN, new io.timetravel.service.UserChange(null, Set.of(Role.AUDITOR), null, null, null), Actor.ANONYMOUS)
                .join();

        fillNewUser("7", "Nora", Role.AUDITOR);
        model.userForm().addUser();

        assertTrue(model.failedProperty().get());
        assertEquals("Could not add the user: Needs the role admin", model.messageProperty().get());
        assertTrue(access.user(7).isEmpty());
    }

    @Test
    void removingTheAdminRoleFromYourselfAsksAndThenTheViewClosesToYou() {
        select(ADMIN);
        model.userForm().roleProperty(Role.ADMIN).set(false);
        model.userForm().roleProperty(Role.AUDITOR).set(true);

        dialogs.confirmAnswer = false;
        model.userForm().saveUser();
        assertEquals(Set.of(Role.ADMIN), access.user(ADMIN).orElseThrow().roles(), "cancelled");

        dialogs.confirmAnswer = true;
        model.userForm().saveUser();
        assertEquals(Set.of(Role.AUDITOR), access.user(ADMIN).orElseThrow().roles());
        assertEquals(Set.of(Role.AUDITOR), state.caller().roles(), "the workbench acts with the new roles at once");
        assertFalse(model.allowedProperty().get());
    }
}
