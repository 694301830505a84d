package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.SystemTool;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.WriteLoad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's runbook works against a busy server (issue 10, item 7): its {@code sqlite3}
 * statements, run with the {@code sqlite3} program exactly as shown, and {@code flags set} all
 * succeed while 8 writers keep the server's writer busy. Without a busy timeout the same
 * {@code UPDATE} failed with "database is locked" in 330 of 414 runs.
 */
class RunbookUnderLoadTest {

    private static final int WRITERS = 8;
    /** Per writer before the runbook starts, so that the load is real. */
    private static final int WARM_UP_WRITES = 20;
    private static final int SQLITE_ROUNDS = 40;
    private static final int FLAGS_ROUNDS = 8;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path home;

    @Test
    void theRunbooksSqliteStatementsSucceedWhileEightWritersRun() throws Exception {
        Path sqlite3 = SystemTool.require("sqlite3", "apt-get install sqlite3");
        runUnderLoad("sqlite3 runbook statements", Runbook.fromReadme().sqlite(), SQLITE_ROUNDS, (statement, db) -> {
            List<String> words = new ArrayList<>(statement.on(db));
            words.set(0, sqlite3.toString());
            Result result = run(words);
            return result.status() == 0 && result.err().isEmpty() ? null : result.toString();
        });
    }

    @Test
    void flagsSetSucceedsWhileEightWritersRun() throws Exception {
        runUnderLoad("flags set", Runbook.fromReadme().flags(), FLAGS_ROUNDS, (command, db) -> {
            CommandRun run = CommandRun.in(home, command.arguments(db));
            return run.status() == 0 ? null : run.toString();
        });
    }

    /** Runs a runbook command on the database; answers why it failed, {@code null} when it succeeded. */
    @FunctionalInterface
    private interface Step {
        String failure(Runbook.Command command, Path database) throws Exception;
    }

    /** Runs {@code commands} {@code rounds} times in order while 8 writers run, and checks that all of them and every write succeeded. */
    private void runUnderLoad(String what, List<Runbook.Command> commands, int rounds, Step step) throws Exception {
        assertTrue(commands.size() >= 2, "the README shows " + what + ": " + commands);
        Path db = home.resolve("db").resolve("busy.db");
        List<String> failed = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        long written;
        try (TestServer server = TestServer.start(db); WriteLoad load = startLoad(server)) {
            for (int round = 0; round < rounds; round++) {
                for (Runbook.Command command : commands) {
                    long started = System.nanoTime();
                    String failure = step.failure(command, db);
                    millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    if (failure != null) {
                        failed.add(String.join(" ", command.words()) + ": " + failure);
                    }
                }
            }
            written = load.acknowledgedInAll();
            assertEquals(List.of(), load.failures(), "every write of the load succeeded");
        }
        assertEquals(List.of(), failed);
        report(what, millis, written);
    }

    /**
     * 8 writers through v1, which the runbook's switch of {@code enable_v2_api} does not touch,
     * each on a record of its own; returns once each has 20 writes acknowledged.
     */
    private static WriteLoad startLoad(TestServer server) {
        WriteLoad load = WriteLoad.start(server.baseUrl(), WRITERS, writer -> "/api/v1/records/" + (writer + 1));
        load.awaitAcknowledged(WARM_UP_WRITES, DEADLINE);
        return load;
    }

    private record Result(int status, String err) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "sqlite3 did not finish: " + command);
        return new Result(process.exitValue(), err);
    }

    private static void report(String what, List<Long> millis, long written) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d runs, all succeeded, while %d writers had %d writes acknowledged;"
                        + " per run median %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                what, sorted.length, WRITERS, written, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
                sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
    }
}
