package io.timetravel.domain.access;

import java.time.Instant;
import java.util.Set;

/**
 * A registered user: the id is the actor id used in every version, audit entry and event.
 *
 * @param osUser    the operating-system account mapped to this user, whose workbench sessions are verified; may be {@code null}
 * @param createdBy who registered the user (0 = the command line on the database host)
 */
public record User(long id, String name, Set<Role> roles, boolean pii, String osUser, boolean active,
                   Instant createdAt, long createdBy) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** What this user may do when the identity is {@code verified} or only declared. */
    public Caller caller(boolean verified) {
        return new Caller(new Actor(id, verified), roles, pii);
    }
}
