package io.timetravel.service;

import io.timetravel.domain.access.Role;
import java.util.Set;

/**
 * A user to register.
 *
 * @param osUser the operating-system account whose workbench sessions act as this user, verified; may be {@code null}
 */
public record NewUser(long id, String name, Set<Role> roles, boolean pii, String osUser) {

    public NewUser {
        roles = Set.copyOf(roles);
    }
}
