package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.FlagService;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flags set} as an operator runs it: with and without a server on the database, judged by output and exit status. */
class FlagsCommandTest {

    /** Generous: a running server sees a change within a second; a busy machine only makes the wait longer. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private Path db() {
        return home.resolve("db").resolve("t.db");
    }

    private CommandRun flagsSet(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "flags";
        all[1] = "set";
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 2] = "--db";
        all[all.length - 1] = db().toString();
        return CommandRun.in(home, all);
    }

    @Test
    void setChangesOnlyWhatIsGivenAuditsItAsTheCommandLineAndPrintsTheFlag() {
        CommandRun run = flagsSet("enable_v2_api", "--rollout", "25", "--regions", "eu, UK", "--reason", "staged rollout");

        assertEquals(0, run.status(), run::toString);
        assertEquals("enable_v2_api: on, rollout 25%, regions EU,UK (was on, rollout 100%, all regions)\n", run.out());
        assertEquals("", run.err(), "no start-up chatter from Flyway or jOOQ");
        assertEquals(List.of(List.of("1", "25", "EU,UK", "0")),
                Sql.query(db(), "SELECT enabled, rollout_percentage, regions, updated_by FROM feature_flags WHERE flag_key = 'enable_v2_api'"));
        assertEquals(List.of(List.of("FLAG_UPDATE", "0", "0", "staged rollout")),
                Sql.query(db(), "SELECT event_type, actor, actor_verified, reason FROM audit_history"));
        assertEquals(List.of(List.of(FlagService.EVENT_FLAG_CHANGED, "0")), Sql.query(db(), "SELECT event_type, actor FROM event_logs"));

        CommandRun everywhere = flagsSet("enable_v2_api", "--regions", "", "--enabled", "false");
        assertEquals("enable_v2_api: off, rollout 25%, all regions (was on, rollout 25%, regions EU,UK)\n", everywhere.out());
    }

    @Test
    void theRunbooksFlagCommandsPrintWhatTheReadmeShows() {
        List<Runbook.Command> commands = Runbook.fromReadme().flags();
        assertFalse(commands.isEmpty());
        for (Runbook.Command command : commands) {
            CommandRun run = CommandRun.in(home, command.arguments(db()));

            assertEquals(0, run.status(), run::toString);
            assertEquals(command.output(), run.out().lines().toList(), String.join(" ", command.words()));
        }
    }

    @Test
    void whatTheApiRefusesExitsTwoWithTheReasonAndChangesNothing() {
        assertRefused(flagsSet("enable_v2_api", "--rollout", "101"), "error: --rollout must be a whole number from 0 to 100");
        assertRefused(flagsSet("enable_v2_api", "--rollout", "-1"), "error: --rollout must be a whole number from 0 to 100");
        assertRefused(flagsSet("enable_v2_api", "--regions", "EU,E U"), "error: invalid region \"E U\"; use letters, digits");
        assertRefused(flagsSet("enable_v2_api"), "error: nothing to change; give --enabled, --rollout or --regions");
        assertRefused(flagsSet("enable_v2_api", "--enabled", "maybe"), "error: Invalid value for option '--enabled'");
        assertFalse(Files.exists(db()), "refused before the database was opened");

        assertRefused(flagsSet("enable_everything", "--enabled", "false"),
                "error: unknown flag \"enable_everything\"; flags are enable_audit_logging, enable_metrics, enable_v2_api");
        assertEquals(0, Sql.count(db(), "SELECT count(*) FROM audit_history"));
        assertEquals("1|100|", String.join("|", Sql.query(db(),
                "SELECT enabled, rollout_percentage, regions FROM feature_flags WHERE flag_key = 'enable_v2_api'").get(0)));
    }

    private static void assertRefused(CommandRun run, String error) {
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith(error), run.err());
        assertTrue(run.err().contains("flags set --help"), "points to the help: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void aRunningServerAppliesTheChangeAndDoesNotTakeItForAnExternalOne() {
        try (TestServer server = TestServer.start(db())) {
            assertEquals(201, server.post("/api/v2/records/1", "{\"name\":\"Ada\"}", "X-User-ID", "42").status());

            CommandRun run = flagsSet("enable_v2_api", "--enabled", "false", "--reason", "incident 4711");

            assertEquals(0, run.status(), run::toString);
            Wait.until(DEADLINE, () -> server.get("/api/v2/records/1", "X-User-ID", "42").status() == 404, () -> "v2 switched off");
            // A change by hand afterwards: once the server has recorded it, it has compared every flag.
            Sql.update(db(), "UPDATE feature_flags SET enabled = 0 WHERE flag_key = 'enable_metrics'");
            Wait.until(DEADLINE, () -> Sql.count(db(), "SELECT count(*) FROM audit_history WHERE event_type = 'FLAG_UPDATE'") == 2,
                    () -> "the change by hand recorded");
            assertEquals(List.of(List.of("enable_v2_api", "0", "incident 4711"),
                            List.of("enable_metrics", "0", FlagService.EXTERNAL_CHANGE_REASON)),
                    Sql.query(db(), "SELECT json_extract(new_value, '$.flag_key'), actor, reason FROM audit_history"
                            + " WHERE event_type = 'FLAG_UPDATE' ORDER BY id"));
            assertTrue(server.context().audit().verify().ok(), "the two processes' entries form one chain");
        }
    }
}
