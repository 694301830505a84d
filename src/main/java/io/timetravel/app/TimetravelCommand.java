package io.timetravel.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The top of the command line: lists the sub-commands and, given none, opens the desktop (or
 * serves, with {@code --headless} or {@code -Dtimetravel.headless=true}). A sub-command is a class
 * of its own in this package, named in {@code subcommands} below; it finds the streams and system
 * properties through {@link #root(CommandSpec)}.
 */
@Command(name = TimetravelCommand.JAR_COMMAND,
        mixinStandardHelpOptions = true,
        versionProvider = TimetravelCommand.Version.class,
        sortOptions = false,
        synopsisSubcommandLabel = "[COMMAND]",
        subcommands = {GuiCommand.class, ServeCommand.class, RebuildCommand.class, VerifyCommand.class, MigrateCommand.class, UsersCommand.class,
            TokensCommand.class, PoliciesCommand.class, FlagsCommand.class, KeysCommand.class, BenchCommand.class, HelpCommand.class},
        description = {
            "Starts the Timetravel workbench (a desktop window) with its embedded HTTP listener, or, with"
                    + " --headless or the serve command, only the record store and the listener.",
            "Without a command the options below are those of gui (or of serve with --headless); after a"
                    + " command, that command's own --help lists them."},
        footer = {
            "",
            "With -Dtimetravel.home=DIR the defaults are DIR/db/timetravel.db and DIR/logs",
            "(the installed launchers set DIR to ~/.local/share/timetravel).",
            "With -Dtimetravel.headless=true (as the timetravel-server launcher sets) no",
            "command means serve.",
            "Exit status: 0 done, 1 failed, 2 the command line makes no sense."})
final class TimetravelCommand implements Callable<Integer>, OptionsCommand {

    /** The exit status of a command line that makes no sense. */
    static final int USAGE = 2;

    /** How help names the program when it runs from the jar. */
    static final String JAR_COMMAND = "java -jar target/timetravel.jar";

    /** System property: the launcher's own path, which jpackage's launchers set. */
    static final String LAUNCHER_PROPERTY = "jpackage.app-path";

    @Option(names = "--headless", description = "run without a window (the same as the serve command)")
    boolean headless;

    @Option(names = "--no-listen", description = "do not start the HTTP listener (desktop only)")
    boolean noListen;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    private final Properties system;
    private final PrintStream out;
    private final PrintStream err;

    TimetravelCommand(Properties system, PrintStream out, PrintStream err) {
        this.system = system;
        this.out = out;
        this.err = err;
    }

    /** The command line with every sub-command, writing help to {@code out} and errors to {@code err}. */
    static CommandLine commandLine(Properties system, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new TimetravelCommand(system, out, err));
        line.setCommandName(programName(system));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        // --auth tokens: the value, not the tokens command.
        line.setAllowSubcommandsAsOptionParameters(true);
        line.setParameterExceptionHandler(TimetravelCommand::invalid);
        line.setExecutionStrategy(result -> {
            checkPlacement(result);
            return new RunLast().execute(result);
        });
        return line;
    }

    /**
     * The name help and errors give the program: the installed launcher's file name (as in
     * {@code timetravel-server}) when run from one, else {@link #JAR_COMMAND}.
     */
    static String programName(Properties system) {
        String launcher = system.getProperty(LAUNCHER_PROPERTY, "");
        if (launcher.isBlank()) {
            return JAR_COMMAND;
        }
        Path name = Path.of(launcher).getFileName();
        return name == null ? JAR_COMMAND : name.toString();
    }

    /** Reads the arguments without running anything; see {@link Options#parse(String...)}. */
    static Options parse(Properties system, String... args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine line = commandLine(system, nowhere, nowhere);
        try {
            ParseResult result = line.parseArgs(args);
            checkPlacement(result);
            ParseResult leaf = result;
            while (!helpRequested(leaf) && leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            Object command = leaf.commandSpec().userObject();
            if (helpRequested(leaf) || command instanceof HelpCommand) {
                return Options.defaults(system).withCommand("help");
            }
            if (command instanceof OptionsCommand starts) {
                return starts.options();
            }
            throw new IllegalArgumentException(leaf.commandSpec().qualifiedName() + " is not read into Options");
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static boolean helpRequested(ParseResult result) {
        return result.isUsageHelpRequested() || result.isVersionHelpRequested();
    }

    /** The top-level command, from any (sub-)command's spec. */
    static TimetravelCommand root(CommandSpec spec) {
        return (TimetravelCommand) spec.root().userObject();
    }

    /**
     * Options before a command are the desktop's and the server's: {@code gui} and {@code serve}
     * combine them with their own, any other command would silently ignore them, so it refuses them.
     */
    private static void checkPlacement(ParseResult result) {
        if (!result.hasSubcommand() || result.matchedOptions().isEmpty()) {
            return;
        }
        ParseResult sub = result.subcommand();
        Object command = sub.commandSpec().userObject();
        if (command instanceof AppModeCommand) {
            return;
        }
        String given = result.matchedOptions().stream().map(option -> option.longestName()).collect(Collectors.joining(", "));
        throw new ParameterException(sub.commandSpec().commandLine(), "options before '" + sub.commandSpec().name() + "' (" + given
                + ") belong to the desktop and the server; give the command's own options after its name");
    }

    /**
     * Prints the problem, a "did you mean" suggestion and the command's synopsis, not its whole
     * help, so that the error stays in sight; status 2.
     */
    private static int invalid(ParameterException problem, String[] args) {
        CommandLine line = problem.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("error: " + problem.getMessage());
        List<String> suggestions = suggestions(problem);
        if (!suggestions.isEmpty()) {
            err.println("Did you mean " + String.join(" or ", suggestions) + "?");
        }
        if (!line.getSubcommands().isEmpty() && !(line.getCommand() instanceof Callable<?>)) {
            // A group such as users, which does nothing by itself: what may follow it.
            err.println("Its commands: " + String.join(", ", line.getSubcommands().keySet()));
        }
        err.println();
        CommandLine.Help help = line.getHelp();
        err.print(help.synopsisHeading());
        err.print(help.synopsis(help.synopsisHeadingLength()));
        err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    /**
     * The sub-commands picocli finds like an unknown word, or the options within two typing
     * mistakes of an unknown option (picocli only suggests options with the same first letters,
     * which misses {@code --prot}).
     */
    static List<String> suggestions(ParameterException problem) {
        if (!(problem instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return List.of();
        }
        String given = unmatched.getUnmatched().get(0);
        CommandSpec spec = problem.getCommandLine().getCommandSpec();
        if (!given.startsWith("-")) {
            // Only the closest: picocli offers users for serv as well as serve.
            List<String> commands = unmatched.getSuggestions().stream()
                    .filter(name -> spec.subcommands().containsKey(name)).collect(Collectors.toList());
            int closest = commands.stream().mapToInt(name -> typingDistance(given, name)).min().orElse(0);
            return commands.stream().filter(name -> typingDistance(given, name) == closest).collect(Collectors.toList());
        }
        String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
        return spec.options().stream().filter(option -> !option.hidden())
                .flatMap(option -> Stream.of(option.names()))
                .filter(option -> option.startsWith("--") && typingDistance(name, option) <= 2)
                .sorted(Comparator.comparingInt(option -> typingDistance(name, option)))
                .limit(3)
                .collect(Collectors.toList());
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
    private static int typingDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The desktop's or, with {@code --headless} or the headless property, the server's options. */
    @Override
    public Options options() {
        boolean serve = headless || Options.defaults(system).headless();
        if (serve && noListen) {
            throw new ParameterException(spec.commandLine(), "--no-listen makes no sense in headless mode");
        }
        return server.toOptions(serve ? "serve" : "gui", !noListen, system, spec);
    }

    @Override
    public Integer call() {
        Options options = options();
        return options.headless() ? ServeCommand.serve(options, err) : GuiCommand.open(options, err);
    }

    Properties system() {
        return system;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** {@code --version}: the jar's Implementation-Version. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Timetravel " + AppContext.version()};
        }
    }
}
