package io.timetravel.domain.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whoever a request or a workbench session acts for: the actor, its roles and whether it may
 * see personal data unmasked.
 */
public record Caller(Actor actor, Set<Role> roles, boolean pii) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * A declared identity on a listener without authentication that names no registered user:
     * trusted with everything, as the legacy service trusted every caller. Registered users keep
     * their own roles even there (see {@code docs/decisions/0018-identity-and-access.md}).
     */
    public static Caller trustedDeclared(long id) {
        return new Caller(Actor.declared(id), EnumSet.allOf(Role.class), true);
    }

    /**
     * The same once users are registered, but for administration: who may do what is then
     * decided by registered admins only, so a declared stranger cannot issue itself a token.
     */
    public static Caller trustedDeclaredNotAdmin(long id) {
        return new Caller(Actor.declared(id), EnumSet.complementOf(EnumSet.of(Role.ADMIN)), true);
    }

    public long id() {
        return actor.id();
    }

    public boolean verified() {
        return actor.verified();
    }

    public boolean allows(Permission permission) {
        for (Role role : roles) {
            if (role.allows(permission)) {
                return true;
            }
        }
        return false;
    }
}
