package io.timetravel.storage;

import static io.timetravel.testing.StoreFixture.json;

import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.SnapshotStatus;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.service.IssuedToken;
import io.timetravel.service.LedgerVerification;
import io.timetravel.service.NewUser;
import io.timetravel.service.RestoreCommand;
import io.timetravel.service.SnapshotRequest;
import io.timetravel.service.WriteCommand;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import io.timetravel.testing.Wait;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A database written by a release, kept as a test fixture so that every later release is tested
 * on opening it: its folder holds the database, the files the server keeps beside it (keys,
 * digest log, snapshot files) and {@value #EXPECTED}, what the release read from it. See the
 * README in the fixture's folder.
 *
 * <p>Run {@link #main} (or delete the folder's database and run {@code SchemaUpgradeTest}) only
 * with the release whose schema the folder is named after; a later release must upgrade the
 * file, not make it anew.
 */
public final class SchemaFixture {

    /** The folder of the fixture written by the release of schema 8. */
    static final Path SCHEMA_8 = Path.of("src", "test", "resources", "fixtures", "schema-8");
    /** The folder of the fixture written by the release of schema 15, the last whose events stored their version rows' digests. */
    static final Path SCHEMA_15 = Path.of("src", "test", "resources", "fixtures", "schema-15");

    static final String DATABASE = "timetravel.db";
    static final String EXPECTED = "expected.properties";

    /** The records the fixture holds. */
    static final List<Long> RECORDS = List.of(1L, 2L, 3L);

    /** The instant at which record 2 is read as known before and after its back-dated correction. */
    static final Instant VALID_AT = Instant.parse("2026-02-15T00:00:00Z");

    private SchemaFixture() {
    }

    /** Writes the fixture into the folder given (by default {@link #SCHEMA_8}), which must hold no database yet. */
    public static void main(String[] args) throws Exception {
        write(args.length > 0 ? Path.of(args[0]) : SCHEMA_8);
    }

    static void write(Path folder) throws Exception {
        Path db = folder.resolve(DATABASE);
        if (Files.exists(db)) {
            throw new IllegalStateException(db + " exists; a fixture is written once, by the release it stands for");
        }
        Files.createDirectories(folder);
        MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
        Duration step = Duration.ofMinutes(7);
        Properties expected = new Properties();
        try (ServicesFixture app = ServicesFixture.open(DbTarget.sqlite(db), folder, clock)) {
            // Record 1: several versions, then a restore of the first.
            write(app, clock, 1, "{\"name\":\"Ada Lovelace\",\"region\":\"EU\",\"ssn\":\"123-45-6789\",\"premium\":100}", null, 7, "opened");
            write(app, clock, 1, "{\"premium\":120,\"email\":\"ada@example.com\"}", null, 7, "renewal");
            write(app, clock, 1, "{\"premium\":null,\"tier\":\"gold\"}", null, 8, "upgrade");
            clock.advance(step);
            app.records().restore(new RestoreCommand(1, 1L, null, null, 9, "undo the upgrade", "fixture")).join();
            // Record 2: opened in January, corrected back-dated to February after the fact.
            write(app, clock, 2, "{\"name\":\"Grace Hopper\",\"region\":\"US\",\"premium\":200}",
                    Instant.parse("2026-01-01T00:00:00Z"), 7, "opened");
            Instant knownBefore = clock.instant();
            write(app, clock, 2, "{\"premium\":180}", Instant.parse("2026-02-01T00:00:00Z"), 8, "late correction");
            expected.setProperty("record.2.knownBefore", knownBefore.toString());
            // Record 3: one version with a validity end.
            clock.advance(step);
            app.records().write(new WriteCommand(3, json("{\"name\":\"Alan Turing\",\"region\":\"EU\",\"rate\":1.5}"),
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 7, "fixed term", "fixture", null,
                    false)).join();

            clock.advance(step);
            app.flags().update(FlagService.V2_API, new FlagChange(true, 30, List.of("EU", "US"), null, "slow rollout"), 11).join();
            clock.advance(step);
            app.flags().update(FlagService.METRICS, new FlagChange(false, null, null, null, "too noisy"), 12).join();

            clock.advance(step);
            app.access().addUser(new NewUser(5, "Auditor Five", Set.of(Role.AUDITOR), false, null), Actor.verified(1)).join();
            IssuedToken token = app.access().issueToken(5, null, Actor.verified(1)).join();
            app.access().setPolicy(new FieldPolicy("ssn", FieldPolicy.Masking.PARTIAL, 4), Actor.verified(1)).join();
            expected.setProperty("token.5", token.token());

            clock.advance(step);
            long snapshot = app.snapshots().request(new SnapshotRequest(clock.instant(), null, "month end", 5)).join().id();
            Wait.until(ServicesFixture.PATIENCE,
                    () -> app.snapshots().get(snapshot).snapshot().status() != SnapshotStatus.IN_PROGRESS,
                    () -> "snapshot " + snapshot + " still in progress");
            expected.setProperty("snapshot.id", Long.toString(snapshot));
            clock.advance(step);
            app.ledger().record();

            LedgerVerification verified = app.ledger().verify();
            if (!verified.ok()) {
                throw new IllegalStateException("the fixture does not verify: " + verified.broken());
            }
            expected.putAll(observed(app, verified, knownBefore));
        }
        Files.deleteIfExists(Path.of(db + ".lock"));
        expected.putAll(rowCounts(db));
        expected.setProperty("schema", Sql.scalar(db, "SELECT max(CAST(version AS INTEGER)) FROM schema_migrations"));
        try (Writer out = Files.newBufferedWriter(folder.resolve(EXPECTED), StandardCharsets.UTF_8)) {
            new TreeMapProperties(expected).store(out, "What the release of schema " + expected.getProperty("schema")
                    + " read from " + DATABASE + "; written with it by " + SchemaFixture.class.getSimpleName());
        }
    }

    private static void write(ServicesFixture app, MutableClock clock, long id, String patch, Instant effectiveAt, long actor,
                              String reason) {
        clock.advance(Duration.ofMinutes(7));
        app.records().write(new WriteCommand(id, json(patch), effectiveAt, null, actor, reason, "fixture", null, false)).join();
    }

    /** What the services read: every version of every record, the flags, the user, the policy, the snapshot and the chains. */
    static Map<String, String> observed(ServicesFixture app, LedgerVerification verified, Instant knownBefore) {
        Map<String, String> seen = new TreeMap<>();
        for (long id : RECORDS) {
            List<VersionInfo> versions = app.records().versions(id, 100, 0).items();
            seen.put("record." + id + ".versions", Integer.toString(versions.size()));
            for (VersionInfo info : versions) {
                RecordVersion version = app.records().version(id, info.version());
                seen.put("record." + id + ".v" + info.version(), version.operation() + " " + version.recordedAt() + " "
                        + version.effectiveAt() + " " + version.validTo() + " " + version.actor() + " " + version.data().toJson());
            }
        }
        seen.put("record.2.atKnownBefore", app.records().read(2, VALID_AT, knownBefore).data().toJson());
        seen.put("record.2.atNow", app.records().read(2, VALID_AT, null).data().toJson());
        app.flags().list().forEach(flag -> seen.put("flag." + flag.key(), flag.enabled() + " " + flag.rolloutPercentage() + " "
                + flag.regions() + " " + flag.updatedBy()));
        seen.put("user.5", app.access().user(5).map(user -> user.name() + " " + user.roles()).orElse("none"));
        seen.put("policies", app.access().policies().list().toString());
        var snapshot = app.snapshots().list(10).get(0).snapshot();
        seen.put("snapshot", snapshot.status() + " " + snapshot.recordCount() + " " + snapshot.sha256());
        seen.put("ledger.ok", Boolean.toString(verified.ok()));
        seen.put("ledger.auditEntries", Long.toString(verified.auditEntries()));
        seen.put("ledger.auditHead", verified.auditHead());
        seen.put("ledger.entries", Long.toString(verified.ledgerEntries()));
        seen.put("ledger.head", verified.ledgerHead());
        seen.put("ledger.versions", Long.toString(verified.versions()));
        seen.put("ledger.digestsChecked", Integer.toString(verified.digestsChecked()));
        return seen;
    }

    /** Rows in each table but the migrations' own and the metrics samples: a migration may add columns, never lose a row. */
    static Map<String, String> rowCounts(Path db) {
        Map<String, String> counts = new TreeMap<>();
        // From V12 on audit_history and event_logs are views, and from V13 on policyholder_records,
        // counted as such; the tables beneath them are counted through them.
        for (List<String> row : Sql.query(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
                + " AND name NOT IN ('schema_migrations', 'observability_metrics', 'version_rows', 'audit_rows', 'event_rows')")) {
            String table = row.get(0);
            counts.put("rows." + table, Long.toString(Sql.count(db, "SELECT count(*) FROM " + table)));
        }
        return counts;
    }

    static Properties read(Path folder) throws IOException {
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(EXPECTED), StandardCharsets.UTF_8)) {
            expected.load(in);
        }
        return expected;
    }

    /** Properties stored in key order, so that the file reads well and diffs cleanly. */
    private static final class TreeMapProperties extends Properties {
        TreeMapProperties(Properties from) {
            putAll(from);
        }

        @Override
        public java.util.Set<Map.Entry<Object, Object>> entrySet() {
            java.util.Set<Map.Entry<Object, Object>> sorted = new java.util.TreeSet<>((a, b) -> a.getKey().toString()
                    .compareTo(b.getKey().toString()));
            sorted.addAll(super.entrySet());
            return java.util.Collections.synchronizedSet(sorted);
        }
    }
}
