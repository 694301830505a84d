package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Role;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample data for a first look has the variety the workbench is meant to show. */
class SampleDataTest {

    @TempDir
    Path dir;

    @Test
    void theStandardSampleHasTwoHundredVariedHistories() {
        MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
        List<SampleData.Progress> progress = new ArrayList<>();
        long started = System.nanoTime();
        long versions;
        Path db = dir.resolve("sample.db");
        try (StoreFixture fixture = StoreFixture.open(db, clock)) {
            versions = SampleData.standard().load(fixture.records(), Instant.parse("2026-11-20T00:00:00Z"), progress::add);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(200, Sql.count(db, "SELECT count(*) FROM policyholders"));
        assertEquals(versions, Sql.count(db, "SELECT count(*) FROM policyholder_records"));
        assertEquals(200, progress.get(progress.size() - 1).recordsDone());
        assertTrue(Sql.count(db, "SELECT min(latest_version) FROM policyholders") == 1, "some records have one version");
        long longest = Sql.count(db, "SELECT max(latest_version) FROM policyholders");
        assertTrue(longest >= 150 && longest <= 300, "some have long histories: " + longest);
        assertTrue(Sql.count(db, "SELECT count(*) FROM policyholder_records WHERE effective_at < recorded_at") > 50, "back-dated corrections");
        assertTrue(Sql.count(db, "SELECT count(*) FROM policyholder_records WHERE operation = 'RESTORE'") > 10, "restores");
        assertTrue(Sql.count(db, "SELECT count(DISTINCT actor) FROM policyholder_records") >= 6, "several actors");
        assertTrue(Sql.count(db, "SELECT count(DISTINCT region) FROM policyholders") >= 4, "several regions");
        assertTrue(Sql.scalar(db, "SELECT min(recorded_at) FROM policyholder_records").startsWith("2024-"), "history spans the past");
        System.out.println("sample: " + versions + " versions in " + millis + " ms");
    }

    @Test
    void sampleHistoryStillFitsInADatabaseWhoseAdminsWereRegisteredFirst() {
        // The README's way: register the first admin (today), then start with --demo.
        MutableClock clock = MutableClock.at("2026-11-20T00:00:00Z");
        Path db = dir.resolve("bootstrapped.db");
        try (StoreFixture fixture = StoreFixture.open(db, clock)) {
            AccessService access = new AccessService(new SqlAccessStore(fixture.store(),
                    MaskingKey.load(db)), clock);
            access.addUser(new NewUser(1, "Ada Admin", Set.of(Role.ADMIN), true, null),
                    Actor.ANONYMOUS).join();
            access.issueToken(1, null, Actor.ANONYMOUS).join();
        }
        try (StoreFixture reopened = StoreFixture.open(db, clock)) {
            long versions = SampleData.standard().load(reopened.records(), Instant.parse("2026-11-20T00:00:00Z"), progress -> { });

            assertTrue(versions > 1000, "loaded: " + versions);
            assertTrue(Sql.scalar(db, "SELECT min(recorded_at) FROM policyholder_records").startsWith("2024-"),
                    "history is recorded in the past, not pushed after the admin's registration");
        }
    }
}
