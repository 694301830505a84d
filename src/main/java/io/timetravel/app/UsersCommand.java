package io.timetravel.app;

import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.service.NewUser;
import io.timetravel.service.UserChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code users add|list|disable|enable}: who may use the API and the workbench, and with which roles. */
@Command(name = "users", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class, UsersCommand.Enable.class},
        description = {"Registers users and their roles, lists them, disables and enables them, on the database"
                + " directly: a server running on it sees the change within a second."},
        footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
final class UsersCommand {

    /** {@code users add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Registers a user. Its id is the actor id of everything it changes."},
            footer = {"", "Example: users add --id 1 --name \"Ada Admin\" --role admin --pii", AccessAdmin.AUDITED,
                AccessAdmin.EXIT_STATUS})
    static final class Add implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Option(names = "--id", required = true, paramLabel = "N", converter = AccessConverters.UserId.class,
                description = "the user's id, a positive whole number")
        long id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the user's name, as shown to people")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", split = ",", converter = AccessConverters.RoleName.class,
                description = {"auditor, underwriter, operator or admin; repeat it", "or separate roles with commas"})
        List<Role> roles;

        @Option(names = "--pii", description = "may see personal data unmasked (no role implies it)")
        boolean pii;

        @Option(names = "--os-user", paramLabel = "NAME",
                description = "the operating-system account whose workbench sessions act as this user, verified")
        String osUser;

        @Override
        public Integer call() {
            return admin.run((access, out) -> {
                User added = access.addUser(new NewUser(id, name, EnumSet.copyOf(roles), pii, osUser), AccessAdmin.ACTOR).join();
                out.println("added " + describe(added));
                return 0;
            });
        }
    }

    /** {@code users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Lists every user: id, name, roles, pii, active, os user, created."},
            footer = {"", AccessAdmin.EXIT_STATUS})
    static final class ListUsers implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Override
        public Integer call() {
            return admin.run((access, out) -> {
                TextTable table = new TextTable("ID", "NAME", "ROLES", "PII", "ACTIVE", "OS USER", "CREATED");
                for (User user : access.users()) {
                    table.row(Long.toString(user.id()), user.name(), roles(user), yesNo(user.pii()), yesNo(user.active()),
                            user.osUser() == null ? "-" : user.osUser(), seconds(user.createdAt()));
                }
                table.printOr(out, "no users yet; add the first with: users add --id 1 --name NAME --role admin");
                return 0;
            });
        }
    }

    /** {@code users disable} and {@code users enable}: the same change, in two directions. */
    abstract static class ActiveSwitch implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Option(names = "--id", required = true, paramLabel = "N", converter = AccessConverters.UserId.class,
                description = "the user's id")
        long id;

        private final boolean active;
        private final String done;

        ActiveSwitch(boolean active, String done) {
            this.active = active;
            this.done = done;
        }

        @Override
        public Integer call() {
            return admin.run((access, out) -> {
                Optional<User> before = access.user(id);
                User after = access.changeUser(id, new UserChange(null, null, null, null, active), AccessAdmin.ACTOR).join();
                String who = "user " + after.id() + " (" + after.name() + ")";
                out.println(before.isPresent() && before.get().active() == active ? who + " was already " + done : done + " " + who);
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Disables a user: its tokens stop working and its declared id is refused, on a running"
                    + " server within a second. Its history stays."},
            footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
    static final class Disable extends ActiveSwitch {
        Disable() {
            super(false, "disabled");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Enables a disabled user again; tokens it had that were not revoked work again."},
            footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
    static final class Enable extends ActiveSwitch {
        Enable() {
            super(true, "enabled");
        }
    }

    static String describe(User user) {
        return "user " + user.id() + " (" + user.name() + "): roles " + roles(user) + ", pii " + yesNo(user.pii())
                + (user.osUser() == null ? "" : ", os user " + user.osUser()) + (user.active() ? "" : ", disabled");
    }

    private static String roles(User user) {
        return user.roles().stream().sorted().map(Role::key).collect(Collectors.joining(","));
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** An instant to the second, as people read it: 2026-05-01T10:00:00Z. */
    static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
