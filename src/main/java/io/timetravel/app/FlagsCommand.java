package io.timetravel.app;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.InvalidRequestException;
import io.timetravel.storage.SqlFlagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code flags set}: changes a feature flag from the database host, as the API does, beside a running server. */
@Command(name = "flags", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {FlagsCommand.Set.class},
        description = {"Changes the feature flags (enable_v2_api, enable_audit_logging, enable_metrics). A running"
                + " server applies a change within a second."},
        footer = {"", AccessAdmin.AUDITED, FlagsCommand.EXIT_STATUS})
final class FlagsCommand {

    static final String EXIT_STATUS = "Exit status: 0 done, 1 failed (e.g. the database stayed busy), 2 the command line makes"
            + " no sense (e.g. an unknown flag, a rollout over 100).";

    /** {@code flags set}. */
    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Changes a flag: only the settings given change. Prints the flag as it is afterwards."},
            footer = {"", "Example: flags set enable_v2_api --rollout 25 --regions EU,UK --reason \"staged rollout\"",
                AccessAdmin.AUDITED, EXIT_STATUS})
    static final class Set implements Callable<Integer> {

        @Mixin
        AccessAdmin admin;

        @Parameters(index = "0", paramLabel = "KEY", description = "the flag, e.g. enable_v2_api")
        String key;

        @Option(names = "--enabled", arity = "1", paramLabel = "true|false", description = "switch the flag on or off")
        Boolean enabled;

        @Option(names = "--rollout", paramLabel = "N", description = "the percentage of users it is on for, 0 to 100")
        Integer rollout;

        @Option(names = "--regions", paramLabel = "A,B",
                description = "the region codes it is limited to, e.g. EU,UK; \"\" for everywhere")
        String regions;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit trail")
        String reason;

        @Override
        public Integer call() {
            if (enabled == null && rollout == null && regions == null) {
                throw new ParameterException(admin.command.commandLine(), "nothing to change; give --enabled, --rollout or --regions");
            }
            if (rollout != null && (rollout < 0 || rollout > 100)) {
                throw new ParameterException(admin.command.commandLine(), "--rollout must be a whole number from 0 to 100");
            }
            FlagChange change = new FlagChange(enabled, rollout, regions == null ? null : codes(regions), null, reason);
            try {
                FlagService.validate(change); // as the API does (region codes), before anything is opened
            } catch (InvalidRequestException e) {
                throw new ParameterException(admin.command.commandLine(), e.getMessage(), e);
            }
            return admin.runOnStore((store, out) -> {
                try (FlagService flags = FlagService.forChanges(new SqlFlagStore(store), store)) {
                    FeatureFlag before = flags.get(key).orElseThrow(() -> new InvalidRequestException("unknown flag \"" + key
                            + "\"; flags are " + String.join(", ", flags.list().stream().map(FeatureFlag::key).toList())));
                    FeatureFlag after = flags.update(key, change, AccessAdmin.ACTOR).join();
                    out.println(key + ": " + settings(after) + " (was " + settings(before) + ")");
                    return 0;
                }
            });
        }

        /** The codes of {@code A,B}, as typed (the service checks and normalizes them); empty for everywhere. */
        private static List<String> codes(String text) {
            List<String> codes = new ArrayList<>();
            if (!text.isBlank()) {
                for (String code : text.split(",", -1)) {
                    codes.add(code.strip());
                }
            }
            return codes;
        }
    }

    /** {@code on, rollout 25%, regions EU,UK}. */
    private static String settings(FeatureFlag flag) {
        return (flag.enabled() ? "on" : "off") + ", rollout " + flag.rolloutPercentage() + "%, "
                + (flag.regions().isEmpty() ? "all regions" : "regions " + String.join(",", flag.regions()));
    }
}
