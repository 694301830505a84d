package io.timetravel.domain.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The four roles and what each allows. Seeing personal data unmasked is not a role but a
 * separate grant ({@link Caller#pii()}), so that no role implies it.
 */
public enum Role {
    /** Reads everything an audit needs and takes snapshots; writes nothing. */
    AUDITOR(EnumSet.of(Permission.READ, Permission.SNAPSHOTS, Permission.ACCESS_LOG)),
    /** An auditor who also writes and restores records. */
    UNDERWRITER(EnumSet.of(Permission.READ, Permission.SNAPSHOTS, Permission.WRITE)),
    /** Runs the service: reads, flags, snapshots, metrics. */
    OPERATOR(EnumSet.of(Permission.READ, Permission.CHANGE_FLAGS, Permission.SNAPSHOTS, Permission.METRICS)),
    /** Everything, including users, tokens and field policies. */
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The name used in the API, the CLI and the {@code users.roles} column, e.g. {@code auditor}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code key} (any case), if there is one. */
    public static Optional<Role> of(String key) {
        for (Role role : values()) {
            if (role.key().equalsIgnoreCase(key.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The roles that allow {@code permission}, for messages such as "needs role operator or admin". */
    public static String namesAllowing(Permission permission) {
        StringBuilder names = new StringBuilder();
        Role[] roles = values();
        int count = 0;
        for (Role role : roles) {
            if (role.allows(permission)) {
                count++;
            }
        }
        int seen = 0;
        for (Role role : roles) {
            if (role.allows(permission)) {
                seen++;
                if (seen > 1) {
                    names.append(seen == count ? " or " : ", ");
                }
                names.append(role.key());
            }
        }
        return names.toString();
    }
}
