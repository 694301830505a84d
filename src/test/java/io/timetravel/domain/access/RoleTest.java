package io.timetravel.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The four roles of the issue, and the separate pii grant. */
class RoleTest {

    @Test
    void anAuditorReadsAndTakesSnapshotsButWritesNothing() {
        Caller auditor = new Caller(Actor.verified(1), Set.of(Role.AUDITOR), false);

        assertTrue(auditor.allows(Permission.READ));
        assertTrue(auditor.allows(Permission.SNAPSHOTS));
        assertTrue(auditor.allows(Permission.ACCESS_LOG));
        assertFalse(auditor.allows(Permission.WRITE));
        assertFalse(auditor.allows(Permission.CHANGE_FLAGS));
        assertFalse(auditor.allows(Permission.ADMINISTER));
    }

    @Test
    void anUnderwriterIsAnAuditorWhoWrites() {
        Caller underwriter = new Caller(Actor.verified(2), Set.of(Role.UNDERWRITER), false);

        assertTrue(underwriter.allows(Permission.READ));
        assertTrue(underwriter.allows(Permission.WRITE));
        assertFalse(underwriter.allows(Permission.CHANGE_FLAGS));
        assertFalse(underwriter.allows(Permission.METRICS));
    }

    @Test
    void anOperatorRunsTheServiceWithoutWritingRecords() {
        Caller operator = new Caller(Actor.verified(3), Set.of(Role.OPERATOR), false);

        assertTrue(operator.allows(Permission.CHANGE_FLAGS));
        assertTrue(operator.allows(Permission.METRICS));
        assertTrue(operator.allows(Permission.SNAPSHOTS));
        assertFalse(operator.allows(Permission.WRITE));
        assertFalse(operator.allows(Permission.ADMINISTER));
    }

    @Test
    void anAdminMayDoEverythingButSeesPersonalDataOnlyWithTheGrant() {
        Caller admin = new Caller(Actor.verified(4), Set.of(Role.ADMIN), false);

        for (Permission permission : Permission.values()) {
            assertTrue(admin.allows(permission), permission.name());
        }
        assertFalse(admin.pii(), "no role implies seeing personal data");
    }

    @Test
    void rolesCombine() {
        Caller both = new Caller(Actor.declared(5), EnumSet.of(Role.AUDITOR, Role.OPERATOR), true);

        assertTrue(both.allows(Permission.ACCESS_LOG));
        assertTrue(both.allows(Permission.METRICS));
        assertFalse(both.allows(Permission.WRITE));
    }

    @Test
    void refusalsNameTheRolesThatWouldDo() {
        assertEquals("underwriter or admin", Role.namesAllowing(Permission.WRITE));
        assertEquals("operator or admin", Role.namesAllowing(Permission.CHANGE_FLAGS));
        assertEquals("auditor, underwriter, operator or admin", Role.namesAllowing(Permission.READ));
        assertEquals("admin", Role.namesAllowing(Permission.ADMINISTER));
    }

    @Test
    void rolesAreReadInAnyCase() {
        assertEquals(Optional.of(Role.UNDERWRITER), Role.of(" Underwriter "));
        assertEquals(Optional.empty(), Role.of("root"));
    }
}
