package io.timetravel.app;

import io.timetravel.domain.access.User;
import io.timetravel.service.AccessService;
import io.timetravel.service.IssuedToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code tokens issue|revoke}: the bearer tokens API clients authenticate with. */
@Command(name = "tokens", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {TokensCommand.Issue.class, TokensCommand.Revoke.class},
        description = {"Issues and revokes the bearer tokens that API clients send as 'Authorization: Bearer TOKEN'."
                + " Only a token's hash is stored."},
        footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
final class TokensCommand {

    /** {@code tokens issue}. */
    @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Issues a token for an active user and prints it alone on the last line, the only time"
                    + " it is shown:", "  TOKEN=$(${ROOT-COMMAND-NAME} tokens issue --user 1 | tail -1)"},
            footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
    static final class Issue implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Option(names = "--user", required = true, paramLabel = "N", converter = AccessConverters.UserId.class,
                description = "the id of the user the token acts as")
        long user;

        @Option(names = "--expires-days", paramLabel = "D",
                description = "days until the token expires, 1 to " + AccessService.MAX_EXPIRES_DAYS + " (default: never)")
        Integer expiresDays;

        @Override
        public Integer call() {
            if (expiresDays != null && (expiresDays < 1 || expiresDays > AccessService.MAX_EXPIRES_DAYS)) {
                throw new ParameterException(admin.command.commandLine(),
                        "--expires-days must be a whole number from 1 to " + AccessService.MAX_EXPIRES_DAYS);
            }
            return admin.run((access, out) -> {
                IssuedToken issued = access.issueToken(user, expiresDays, AccessAdmin.ACTOR).join();
                String name = access.user(user).map(User::name).orElse("?");
                out.println("token for user " + user + " (" + name + "), "
                        + (issued.expiresAt() == null ? "does not expire" : "expires " + UsersCommand.seconds(issued.expiresAt()))
                        + "; it is not shown again:");
                out.println(issued.token());
                return 0;
            });
        }
    }

    /** {@code tokens revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Revokes every token of a user; a running server refuses them within a second."},
            footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
    static final class Revoke implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Option(names = "--user", required = true, paramLabel = "N", converter = AccessConverters.UserId.class,
                description = "the id of the user whose tokens are revoked")
        long user;

        @Override
        public Integer call() {
            return admin.run((access, out) -> {
                int revoked = access.revokeTokens(user, AccessAdmin.ACTOR).join();
                out.println("revoked " + revoked + (revoked == 1 ? " token" : " tokens") + " of user " + user);
                return 0;
            });
        }
    }
}
