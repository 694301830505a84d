package io.timetravel.service;

import io.timetravel.domain.access.Role;
import java.util.Set;

/** A change to a user; {@code null} parts stay as they are. An empty {@code osUser} removes the mapping. */
public record UserChange(String name, Set<Role> roles, Boolean pii, String osUser, Boolean active) {

    public static UserChange disable() {
        return new UserChange(null, null, null, null, false);
    }
}
