package io.timetravel.app;

import io.timetravel.domain.access.FieldPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code policies set|list|remove}: how personal fields are masked for callers without the pii grant. */
@Command(name = "policies", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {PoliciesCommand.Set.class, PoliciesCommand.ListPolicies.class, PoliciesCommand.Remove.class},
        description = {"Sets, lists and removes field policies: which record fields are personal data and how they"
                + " are masked for users without the pii grant. A running server applies a change within a second."},
        footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
final class PoliciesCommand {

    /** {@code policies set}. */
    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Sets the policy of a field (replacing the one it had)."},
            footer = {"", "Example: policies set --path contact.phone --masking partial --visible-chars 3",
                AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
    static final class Set implements Callable<Integer> {

        private static final int DEFAULT_VISIBLE_CHARS = 4;

        @Mixin
        AccessAdmin admin;

        @Option(names = "--path", required = true, paramLabel = "P",
                description = "the field's dotted path, as email or contact.phone; a policy on an object covers"
                        + " every field inside it")
        String path;

        @Option(names = "--masking", required = true, paramLabel = "partial|full|hash",
                converter = AccessConverters.MaskingName.class,
                description = {"partial: **** and the last characters;", "full: ****;",
                    "hash: a keyed hash, so equal values still match"})
        FieldPolicy.Masking masking;

        @Option(names = "--visible-chars", paramLabel = "N",
                description = "partial only: how many trailing characters stay visible (default "
                        + DEFAULT_VISIBLE_CHARS + ", at most " + FieldPolicy.MAX_VISIBLE_CHARS + ")")
        Integer visibleChars;

        @Override
        public Integer call() {
            FieldPolicy policy = policy();
            return admin.run((access, out) -> {
                out.println("set " + describe(access.setPolicy(policy, AccessAdmin.ACTOR).join()));
                return 0;
            });
        }

        /** The policy asked for; checked before the database is opened. */
        private FieldPolicy policy() {
            if (visibleChars != null && masking != FieldPolicy.Masking.PARTIAL) {
                throw new ParameterException(admin.command.commandLine(), "--visible-chars goes with --masking partial only");
            }
            int visible = masking != FieldPolicy.Masking.PARTIAL ? 0 : visibleChars == null ? DEFAULT_VISIBLE_CHARS : visibleChars;
            if (masking == FieldPolicy.Masking.PARTIAL && (visible < 1 || visible > FieldPolicy.MAX_VISIBLE_CHARS)) {
                throw new ParameterException(admin.command.commandLine(),
                        "--visible-chars must be a whole number from 1 to " + FieldPolicy.MAX_VISIBLE_CHARS);
            }
            try {
                return new FieldPolicy(path, masking, visible);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(admin.command.commandLine(), e.getMessage(), e);
            }
        }
    }

    /** {@code policies list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Lists the field policies in force: path, masking, visible characters."},
            footer = {"", AccessAdmin.EXIT_STATUS})
    static final class ListPolicies implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Override
        public Integer call() {
            return admin.run((access, out) -> {
                TextTable table = new TextTable("PATH", "MASKING", "VISIBLE");
                for (FieldPolicy policy : access.policies().list()) {
                    table.row(policy.path(), policy.masking().key(),
                            policy.masking() == FieldPolicy.Masking.PARTIAL ? Integer.toString(policy.visibleChars()) : "-");
                }
                table.printOr(out, "no field policies; every field is shown as stored");
                return 0;
            });
        }
    }

    /** {@code policies remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Removes the policy of a field: it is shown as stored again."},
            footer = {"", AccessAdmin.AUDITED, AccessAdmin.EXIT_STATUS})
    static final class Remove implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Option(names = "--path", required = true, paramLabel = "P", description = "the field's dotted path")
        String path;

        @Override
        public Integer call() {
            if (!FieldPolicy.isValidPath(path)) {
                throw new ParameterException(admin.command.commandLine(), "invalid field path \"" + path
                        + "\"; use dotted field names such as email or contact.phone");
            }
            return admin.run((access, out) -> {
                out.println("removed " + describe(access.removePolicy(path, AccessAdmin.ACTOR).join()));
                return 0;
            });
        }
    }

    private static String describe(FieldPolicy policy) {
        return "the policy of " + policy.path() + ": " + policy.masking().key()
                + (policy.masking() == FieldPolicy.Masking.PARTIAL ? ", last " + policy.visibleChars() + " characters visible" : "");
    }
}
