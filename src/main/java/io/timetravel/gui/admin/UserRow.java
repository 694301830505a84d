package io.timetravel.gui.admin;

import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import java.time.ZoneId;
import java.util.stream.Collectors;

/** A user as the Access view's table shows it. */
public record UserRow(User user, String roles, String personalData, String osAccount, String status, String created) {

    static UserRow of(User user, ZoneId zone) {
        return new UserRow(user,
                user.roles().stream().sorted().map(Role::key).collect(Collectors.joining(", ")),
                Messages.get(user.pii() ? "admin.piiYes" : "admin.piiNo"),
                user.osUser() == null ? "" : user.osUser(),
                Messages.get(user.active() ? "admin.active" : "admin.disabled"),
                Formats.localMinutes(user.createdAt(), zone));
    }

    public long id() {
        return user.id();
    }

    public String name() {
        return user.name();
    }

    public boolean active() {
        return user.active();
    }
}
