package io.timetravel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.testing.Sql;
import io.timetravel.testing.TestServer.Reply;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.Wait;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code users}, {@code tokens} and {@code policies} as an operator runs them: on a real database
 * file, with and without a server running on it, judged by their output and exit status.
 */
class AccessCommandsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Pattern CREATED = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    @TempDir
    Path home;

    private Path db() {
        return home.resolve("db").resolve("t.db");
    }

    // --- users --------------------------------------------------------------------------------

    @Test
    void usersAreAddedListedDisabledAndEnabledAgain() {
        String db = db().toString();
        CommandRun ada = run("users", "add", "--db", db, "--id", "1", "--name", "Ada Admin", "--role", "admin", "--pii");
        assertEquals(0, ada.status(), ada::toString);
        assertEquals("added user 1 (Ada Admin): roles admin, pii yes\n", ada.out());
        CommandRun bo = run("users", "add", "--db", db, "--id", "5", "--name", "Bo", "--role", "Auditor,underwriter", "--role", "operator",
                "--os-user", "bo");
        assertEquals(0, bo.status(), bo::toString);
        assertEquals("added user 5 (Bo): roles auditor,underwriter,operator, pii no, os user bo\n", bo.out());

        List<String> table = lines(run("users", "list", "--db", db));
        assertEquals("ID  NAME       ROLES                         PII  ACTIVE  OS USER  CREATED", table.get(0));
        assertEquals(3, table.size(), table::toString);
        assertTrue(table.get(1).startsWith("1   Ada Admin  admin                         yes  yes     -        "), table.get(1));
        assertTrue(table.get(2).startsWith("5   Bo         auditor,underwriter,operator  no   yes     bo       "), table.get(2));
        assertTrue(CREATED.matcher(table.get(2).substring(table.get(0).indexOf("CREATED"))).matches(), table.get(2));

        CommandRun disabled = run("users", "disable", "--db", db, "--id", "5");
        assertEquals(0, disabled.status(), disabled::toString);
        assertEquals("disabled user 5 (Bo)\n", disabled.out());
        assertEquals("user 5 (Bo) was already disabled\n", run("users", "disable", "--db", db, "--id", "5").out());
        assertTrue(lines(run("users", "list", "--db", db)).get(2).contains(" no   no      bo "), "ACTIVE is no");

        CommandRun enabled = run("users", "enable", "--db", db, "--id", "5");
        assertEquals(0, enabled.status(), enabled::toString);
        assertEquals("enabled user 5 (Bo)\n", enabled.out());
        assertTrue(lines(run("users", "list", "--db", db)).get(2).contains(" no   yes     bo "), "ACTIVE is yes again");
        assertEquals("", enabled.err(), "no start-up chatter from Flyway or jOOQ");
    }

    @Test
    void anUnknownRoleExitsTwoNamingTheValidRoles() {
        CommandRun bad = run("users", "add", "--db", db().toString(), "--id", "2", "--name", "Cy", "--role", "auditor,boss");

        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("error: Invalid value for option '--role' (ROLE): 'boss' is not a role;"
                + " use auditor, underwriter, operator, admin\n"), bad.err());
        assertTrue(bad.err().contains("Usage: java -jar target/timetravel.jar users add"), bad.err());
        assertEquals("", bad.out());
    }

    @Test
    void badUserInputExitsTwoWithTheReason() {
        String db = db().toString();
        CommandRun zero = run("users", "add", "--db", db, "--id", "0", "--name", "Cy", "--role", "admin");
        assertEquals(2, zero.status());
        assertTrue(zero.err().startsWith("error: Invalid value for option '--id': '0' is not a user id; use a positive whole number"),
                zero.err());

        CommandRun signed = run("users", "add", "--db", db, "--id", "+3", "--name", "Cy", "--role", "admin");
        assertEquals(2, signed.status());
        assertTrue(signed.err().startsWith("error: Invalid value for option '--id': '+3' is not a user id; use a positive whole number"),
                signed.err());

        CommandRun blank = run("users", "add", "--db", db, "--id", "3", "--name", " ", "--role", "admin");
        assertEquals(2, blank.status());
        assertTrue(blank.err().startsWith("error: a user needs a name of 1 to 200 characters\n"), blank.err());

        CommandRun noRole = run("users", "add", "--db", db, "--id", "3", "--name", "Cy");
        assertEquals(2, noRole.status());
        assertTrue(noRole.err().startsWith("error: Missing required option: '--role=ROLE'"), noRole.err());

        CommandRun group = run("users");
        assertEquals(2, group.status());
        assertTrue(group.err().contains("Its commands: add, list, disable, enable"), group.err());
    }

    @Test
    void aDuplicateIdExitsOneWithAClearMessage() {
        String db = db().toString();
        assertEquals(0, run("users", "add", "--db", db, "--id", "4", "--name", "Di", "--role", "auditor").status());

        CommandRun again = run("users", "add", "--db", db, "--id", "4", "--name", "Other", "--role", "admin");

        assertEquals(1, again.status());
        assertEquals("error: user 4 already exists\n", again.err());
        assertEquals("", again.out());
        String first = lines(run("users", "list", "--db", db)).get(1);
        assertTrue(first.startsWith("4   Di    auditor  no   yes     -  "), "the first user is unchanged: " + first);
    }

    @Test
    void anUnknownUserExitsOne() {
        String db = db().toString();
        for (String[] args : new String[][] {{"users", "disable", "--db", db, "--id", "9"}, {"users", "enable", "--db", db, "--id", "9"},
                {"tokens", "issue", "--db", db, "--user", "9"}, {"tokens", "revoke", "--db", db, "--user", "9"}}) {
            CommandRun missing = run(args);

            assertEquals(1, missing.status(), String.join(" ", args));
            assertEquals("error: user 9 not found\n", missing.err(), String.join(" ", args));
            assertFalse(missing.err().contains("Exception"), "no stack trace");
        }
    }

    @Test
    void aMissingDatabaseIsCreatedAndMigrated() {
        Path db = home.resolve("new").resolve("folder").resolve("fresh.db");

        CommandRun list = run("users", "list", "--db", db.toString());

        assertEquals(0, list.status(), list::toString);
        assertEquals("no users yet; add the first with: users add --id 1 --name NAME --role admin\n", list.out());
        assertTrue(Files.isRegularFile(db));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM users"), "the users table exists");
        assertTrue(Sql.count(db, "SELECT count(*) FROM schema_migrations") > 0);
    }

    @Test
    void withoutDbTheServersDefaultDatabaseIsUsed() {
        assertEquals(0, run("users", "add", "--id", "1", "--name", "Ada", "--role", "admin").status());

        Path serversDefault = home.resolve("db").resolve("timetravel.db");
        assertEquals("Ada", Sql.scalar(serversDefault, "SELECT name FROM users WHERE id = 1"));
    }

    // --- tokens -------------------------------------------------------------------------------

    @Test
    void anIssuedTokenIsTheLastLineAndARunningServerAcceptsItUntilRevoked() throws Exception {
        Options options = Options.parse("serve", "--db", db().toString(), "--port", "0", "--auth", "tokens");
        try (AppContext server = AppContext.open(options, Clock.systemUTC())) {
            server.startListener();
            String verify = server.listenerUrl() + "/api/v2/audit/verify";
            assertEquals(401, get(verify, null).statusCode(), "tokens mode refuses a request without one");
            assertEquals(0, run("users", "add", "--db", db().toString(), "--id", "3", "--name", "Cy", "--role", "auditor").status());

            CommandRun issued = run("tokens", "issue", "--db", db().toString(), "--user", "3", "--expires-days", "30");

            assertEquals(0, issued.status(), issued::toString);
            List<String> lines = lines(issued);
            assertEquals(2, lines.size(), issued.out());
            assertTrue(lines.get(0).matches("token for user 3 \\(Cy\\), expires \\S+Z; it is not shown again:"), lines.get(0));
            String token = lines.get(lines.size() - 1);
            assertTrue(token.matches("tt_[A-Za-z0-9_-]{43}"), token);
            assertEquals(0, Sql.count(db(), "SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%" + token.substring(3) + "%'"),
                    "only a hash is stored");
            HttpResponse<String> accepted = get(verify, token);
            assertEquals(200, accepted.statusCode(), accepted::body);

            CommandRun revoked = run("tokens", "revoke", "--db", db().toString(), "--user", "3");

            assertEquals(0, revoked.status(), revoked::toString);
            assertEquals("revoked 1 token of user 3\n", revoked.out());
            Wait.until(DEADLINE, () -> get(verify, token).statusCode() == 401, () -> "the revoked token is refused");
            assertEquals("revoked 0 tokens of user 3\n", run("tokens", "revoke", "--db", db().toString(), "--user", "3").out());
        }
    }

    @Test
    void aDisabledUserGetsNoTokenAndBadExpiryIsAUsageError() {
        String db = db().toString();
        run("users", "add", "--db", db, "--id", "3", "--name", "Cy", "--role", "auditor");
        run("users", "disable", "--db", db, "--id", "3");

        CommandRun refused = run("tokens", "issue", "--db", db, "--user", "3");
        assertEquals(1, refused.status());
        assertEquals("error: user 3 is disabled; no token can be issued\n", refused.err());

        CommandRun never = run("tokens", "issue", "--db", db, "--user", "3", "--expires-days", "0");
        assertEquals(2, never.status());
        assertTrue(never.err().startsWith("error: --expires-days must be a whole number from 1 to 3650\n"), never.err());
    }

    // --- beside a running server --------------------------------------------------------------

    @Test
    void aRunningServerSeesCommandLineChangesAndTheAuditChainStaysWhole() {
        try (TestServer server = TestServer.start(db())) {
            assertEquals(201, server.post("/api/v2/records/1", "{\"n\":1}", "X-User-ID", "5").status(),
                    "an unregistered declared id is trusted");

            CommandRun added = run("users", "add", "--db", db().toString(), "--id", "5", "--name", "Eve", "--role", "auditor");

            assertEquals(0, added.status(), added::toString);
            Wait.until(DEADLINE, () -> server.post("/api/v2/records/1", "{\"n\":2}", "X-User-ID", "5").status() == 403,
                    () -> "the server refuses a write by the auditor the command line registered");
            assertEquals(200, server.post("/api/v2/records/1", "{\"n\":3}", "X-User-ID", "7").status());
            assertEquals(0, run("tokens", "issue", "--db", db().toString(), "--user", "5").status());
            assertEquals(200, server.post("/api/v2/records/1", "{\"n\":4}", "X-User-ID", "7").status());
            assertEquals(0, run("policies", "set", "--db", db().toString(), "--path", "email", "--masking", "full").status());
            assertEquals(201, server.post("/api/v2/records/2", "{\"email\":\"a@b.c\"}", "X-User-ID", "7").status());
            assertEquals(0, run("users", "disable", "--db", db().toString(), "--id", "5").status());
            Wait.until(DEADLINE, () -> server.get("/api/v2/audit/verify", "X-User-ID", "5").status() == 403,
                    () -> "the server refuses the disabled user");

            Reply verify = server.get("/api/v2/audit/verify", "X-User-ID", "7");
            assertEquals(200, verify.status(), verify::toString);
            assertTrue(verify.body().contains("\"ok\":true"), verify::toString);
            Reply audit = server.get("/api/v2/audit?actor=0", "X-User-ID", "7");
            assertEquals(200, audit.status(), audit::toString);
            List<String> types = new ArrayList<>();
            for (JsonValue entry : ((JsonArray) audit.json().getOrNull("data")).elements()) {
                JsonObject object = (JsonObject) entry;
                assertEquals(0, ((JsonNumber) object.getOrNull("actor")).value().longValueExact(), object::toJson);
                types.add(object.getString("event_type").orElseThrow());
            }
            assertEquals(List.of("USER_CHANGED", "FIELD_POLICY_SET", "TOKEN_ISSUED", "USER_ADDED"), types,
                    "the command line's changes, newest first, as actor 0");
        }
    }

    // --- policies -----------------------------------------------------------------------------

    @Test
    void policiesAreSetListedAndRemoved() {
        String db = db().toString();
        CommandRun partial = run("policies", "set", "--db", db, "--path", "contact.phone", "--masking", "partial");
        assertEquals(0, partial.status(), partial::toString);
        assertEquals("set the policy of contact.phone: partial, last 4 characters visible\n", partial.out());
        assertEquals(0, run("policies", "set", "--db", db, "--path", "email", "--masking", "hash").status());
        assertEquals(0, run("policies", "set", "--db", db, "--path", "iban", "--masking", "partial", "--visible-chars", "2").status());

        assertEquals(List.of(
                "PATH           MASKING  VISIBLE",
                "contact.phone  partial  4",
                "email          hash     -",
                "iban           partial  2"), lines(run("policies", "list", "--db", db)));

        CommandRun removed = run("policies", "remove", "--db", db, "--path", "email");
        assertEquals(0, removed.status(), removed::toString);
        assertEquals("removed the policy of email: hash\n", removed.out());
        CommandRun again = run("policies", "remove", "--db", db, "--path", "email");
        assertEquals(1, again.status());
        assertEquals("error: no field policy for \"email\"\n", again.err());
        assertEquals(0, run("policies", "remove", "--db", db, "--path", "contact.phone").status());
        assertEquals(0, run("policies", "remove", "--db", db, "--path", "iban").status());
        assertEquals("no field policies; every field is shown as stored\n", run("policies", "list", "--db", db).out());
    }

    @Test
    void anInvalidPolicyExitsTwoWithTheReason() {
        String db = db().toString();
        String[][] cases = {
            {"--path", "a..b", "--masking", "full", "error: invalid field path \"a..b\"; use dotted field names such as email or contact.phone"},
            {"--path", "email", "--masking", "hush", "error: Invalid value for option '--masking': 'hush' is not a masking; use partial, full, hash"},
            {"--path", "email", "--masking", "hash", "--visible-chars", "2", "error: --visible-chars goes with --masking partial only"},
            {"--path", "email", "--masking", "partial", "--visible-chars", "0", "error: --visible-chars must be a whole number from 1 to 64"}};
        for (String[] args : cases) {
            List<String> line = new ArrayList<>(List.of("policies", "set", "--db", db));
            line.addAll(List.of(args).subList(0, args.length - 1));

            CommandRun bad = run(line.toArray(String[]::new));

            assertEquals(2, bad.status(), bad::toString);
            assertTrue(bad.err().startsWith(args[args.length - 1] + "\n"), bad.err());
            assertTrue(bad.err().contains("Usage: java -jar target/timetravel.jar policies set"), bad.err());
        }
        assertEquals("no field policies; every field is shown as stored\n", run("policies", "list", "--db", db).out());
    }

    @Test
    void eachAccessCommandHasItsOwnHelp() {
        for (String[] args : new String[][] {{"users", "add"}, {"users", "list"}, {"users", "disable"}, {"users", "enable"},
                {"tokens", "issue"}, {"tokens", "revoke"}, {"policies", "set"}, {"policies", "list"}, {"policies", "remove"}}) {
            CommandRun help = run(args[0], args[1], "--help");

            assertEquals(0, help.status(), String.join(" ", args));
            assertTrue(help.out().startsWith("Usage: java -jar target/timetravel.jar " + args[0] + " " + args[1]), help.out());
            assertTrue(help.out().contains("--db=PATH"), help.out());
        }
        assertTrue(run("users", "add", "--help").out().contains("audited as actor 0: the command line on the database host"));
        assertTrue(run("--help").out().contains("policies"));
    }

    // --- helpers ------------------------------------------------------------------------------

    private static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(CommandRun run) {
        assertEquals(0, run.status(), run::toString);
        return run.out().lines().toList();
    }

    private CommandRun run(String... args) {
        return CommandRun.in(home, args);
    }
}
