package io.timetravel.app;

import io.timetravel.app.bench.BenchReport;
import io.timetravel.app.bench.BenchRun;
import io.timetravel.app.bench.BenchStore;
import io.timetravel.app.bench.InstalledServer;
import io.timetravel.app.bench.Scale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench}: the benchmark of docs/decisions/0033-benchmark.md, on a scratch database. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures, on a scratch database in a temporary folder, a bare JDK HTTP server answering a fixed"
                + " body (the ceiling) and the headless server side by side with one load generator: GET v1, GET v2"
                + " latest and at an instant on 10 and 10,000 versions, durable POST at 50 connections, /metrics;"
                + " bytes per version for small and for 10 KB records; the workbench timeline's step on 10,000 versions"
                + " and the window's open time (with a display); the server's peak memory.",
            "Prints one table (each figure, its ratio to the ceiling, its target) and writes it to --out as JSON."
                    + " Takes 5 to 8 minutes on two cores; --quick under 2."},
        footer = {"", "Exit status: 0 measured (targets missed are reported, not failed, unless --strict),"
                + " 1 it could not measure or (--strict) a target was missed, 2 the command line makes no sense."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "shorter runs (3 s each): under 2 minutes, noisier figures")
    boolean quick;

    @Option(names = "--smoke", hidden = true, description = "tiny runs that only prove every figure is measured (tests)")
    boolean smoke;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the figures as JSON (default bench.json)")
    Path out = Path.of("bench.json");

    @Option(names = "--keep", description = "keep the scratch folder (database, logs) and print where it is")
    boolean keep;

    @Option(names = "--strict", description = "exit with status 1 when a target is missed")
    boolean strict;

    @Option(names = "--server-jvm", paramLabel = "OPTIONS",
            description = {"the JVM options of the measured server and of the ceiling, one string",
                "(default: those of the installed server, " + InstalledServer.JVM_OPTIONS_LINE
                    + "; its environment, MALLOC_ARENA_MAX=2, always)"})
    String serverJvm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TimetravelCommand root = TimetravelCommand.root(spec);
        PrintStream stdout = root.out();
        PrintStream err = root.err();
        if (quick && smoke) {
            throw new ParameterException(spec.commandLine(), "--quick and --smoke exclude each other");
        }
        List<String> jvm = serverJvm == null ? InstalledServer.JVM_OPTIONS
                : Arrays.stream(serverJvm.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        Scale scale = smoke ? Scale.SMOKE : quick ? Scale.QUICK : Scale.FULL;
        Path dir;
        try {
            dir = Files.createTempDirectory("timetravel-bench-");
        } catch (IOException e) {
            err.println("error: cannot create a scratch folder: " + e.getMessage());
            return 1;
        }
        BenchReport report;
        try {
            report = new BenchRun(scale, jvm, args -> command(root, args), BenchCommand::openStore, stdout).run(dir);
        } catch (IOException | RuntimeException e) {
            err.println("error: the benchmark stopped: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        } finally {
            finish(dir, stdout, err);
        }
        stdout.println();
        report.print(stdout);
        try {
            report.write(out);
        } catch (IOException e) {
            err.println("error: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        stdout.println();
        stdout.println("server JVM options: " + String.join(" ", jvm) + "; environment " + InstalledServer.environment()
                + "; figures written to " + out.toAbsolutePath());
        if (!report.allPass()) {
            stdout.println("some targets were missed (FAIL above)" + (strict ? "" : "; --strict makes that exit status 1"));
        }
        return strict && !report.allPass() ? 1 : 0;
    }

    private void finish(Path dir, PrintStream stdout, PrintStream err) {
        if (keep) {
            stdout.println("bench: the scratch folder is kept: " + dir);
            return;
        }
        try {
            BenchRun.delete(dir);
        } catch (IOException e) {
            err.println("warning: could not delete the scratch folder " + dir + ": " + e.getMessage());
        }
    }

    /** One of the program's own commands, in this process; what it printed, or an exception with its error. */
    private static String command(TimetravelCommand root, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
            status = TimetravelCommand.commandLine(root.system(), out, err).execute(args);
        }
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed (" + status + "): "
                    + errors.toString(StandardCharsets.UTF_8).strip());
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The timeline's services on the scratch database, opened as {@code serve} opens them. */
    private static BenchStore openStore(Path db) {
        AppContext context = AppContext.open(Options.parse("serve", "--db", db.toString()), Clock.systemUTC());
        return new BenchStore(context.records(), context.access(), context::close);
    }
}
