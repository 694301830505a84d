package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.PremiumOutcome;
import io.timetravel.storage.DbTarget;
import io.timetravel.storage.SqlPremiumStore;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.PricedRecords;
import io.timetravel.testing.ServicesFixture;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotes on a real SQLite store: which engine, which facts as known when, the decision kept in the
 * ledger, and its replay, including across a back-dated correction.
 */
class PremiumServiceTest {

    private static final Actor UNDERWRITER = Actor.declared(5);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-10-01T09:00:00Z");
    private final List<String> quoted = new ArrayList<>();
    private ServicesFixture services;
    private PremiumService premiums;

    @BeforeEach
    void open() {
        services = ServicesFixture.open(DbTarget.sqlite(dir.resolve("premiums.db")), dir, clock);
        premiums = premiumService(services);
    }

    private PremiumService premiumService(ServicesFixture fixture) {
        PremiumMetrics metrics = new PremiumMetrics() {
            @Override
            public void quoted(String engine, int version, long nanos) {
                quoted.add(engine + "@" + version);
            }
        };
        return new PremiumService(new SqlPremiumStore(fixture.store()), fixture.store(), fixture.flags(),
                PremiumEngines.standard(), clock, metrics);
    }

    @AfterEach
    void close() {
        services.close();
    }

    private void write(long id, String json) {
        services.records().write(new WriteCommand(id, StoreFixture.json(json), null, null, 7, null, "test", null, false)).join();
    }

    private Decision quote(long id, Instant at, Instant asOf, String engine, Integer version) {
        return premiums.quote(new QuoteRequest(id, at, asOf, engine, version, UNDERWRITER, "v2")).join();
    }

    private void setRollout(int percentage, List<String> regions) {
        services.flags().update(PremiumService.NEW_RISK_ENGINE, new FlagChange(true, percentage, regions, null, "test"), 1).join();
        services.flags().refresh();
    }

    @Test
    void aQuoteBeforeABackDatedCorrectionReplaysAsItWasAndANewQuoteSeesTheCorrection() {
        write(7, PricedRecords.ADA);
        clock.advance(Duration.ofDays(31));
        Instant priced = Instant.parse("2026-10-15T00:00:00Z");
        Decision before = quote(7, priced, null, "classic", null);
        assertEquals(new BigDecimal("1070.00"), before.quote().premium());
        assertEquals(clock.instant(), before.knownAt(), "as known when decided");
        assertEquals(priced, before.validAt());
        assertEquals(1, before.recordVersion());

        // A month later the medical report arrives: Ada smoked since October 10.
        clock.advance(Duration.ofDays(30));
        services.records().write(new WriteCommand(7, StoreFixture.json("{\"smoker\":true}"),
                Instant.parse("2026-10-10T00:00:00Z"), null, 7, "medical report", "test", null, false)).join();

        DecisionReplay replay = premiums.replay(before.id());
        assertTrue(replay.identical(), () -> replay.differences().toString());
        assertEquals(before.quote().premium(), replay.replayed().premium());
        assertEquals(1, replay.replayedVersion());

        Decision after = quote(7, priced, null, "classic", null);
        assertEquals(new BigDecimal("1853.75"), after.quote().premium(), "1045 × 1.75 + 25");
        assertEquals(2, after.recordVersion());
        assertEquals("true", after.quote().inputs().get("smoker"));
        // Asked as known when the first quote was made, the store answers the old facts again.
        assertEquals(before.quote().premium(), quote(7, priced, before.knownAt(), "classic", null).quote().premium());
    }

    @Test
    void theFlagChoosesTheEngineForTheCallerAndTheRecordsRegion() {
        write(7, PricedRecords.ADA);
        setRollout(100, List.of());
        Decision on = quote(7, null, null, null, null);
        assertEquals("risk-v2", on.engine());
        assertEquals(2, on.engineVersion(), "the newest version released by the quote");
        assertEquals(PremiumService.CHOICE_FLAG_ON, on.choice());
        assertEquals(Boolean.TRUE, on.flags().get(PremiumService.NEW_RISK_ENGINE));

        setRollout(100, List.of("UK"));
        Decision elsewhere = quote(7, null, null, null, null);
        assertEquals("classic", elsewhere.engine());
        assertEquals(PremiumService.CHOICE_FLAG_OFF, elsewhere.choice());
        assertEquals(Boolean.FALSE, elsewhere.flags().get(PremiumService.NEW_RISK_ENGINE));
        assertEquals(Boolean.TRUE, elsewhere.flags().get(FlagService.V2_API));

        setRollout(0, List.of());
        assertEquals("classic", quote(7, null, null, null, null).engine());
        assertEquals(List.of("risk-v2@2", "classic@1", "classic@1"), quoted);
    }

    @Test
    void theSeededRolloutIsTenPercentAndStickyPerUser() {
        write(7, PricedRecords.ADA);
        // Quoted all at once: the writer commits them in a few batches.
        List<java.util.concurrent.CompletableFuture<Decision>> first = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Decision>> again = new ArrayList<>();
        for (long user = 1; user <= 400; user++) {
            first.add(premiums.quote(new QuoteRequest(7, null, null, null, null, Actor.declared(user), "v2")));
            again.add(premiums.quote(new QuoteRequest(7, null, null, null, null, Actor.declared(user), "v2")));
        }
        int onRisk = 0;
        for (int i = 0; i < first.size(); i++) {
            String engine = first.get(i).join().engine();
            assertEquals(engine, again.get(i).join().engine(), "user " + (i + 1) + " keeps the engine");
            onRisk += engine.equals("risk-v2") ? 1 : 0;
        }
        assertTrue(onRisk > 15 && onRisk < 70, "about 10% of 400 users: " + onRisk);
    }

    @Test
    void theFlagCannotChooseAnEngineBeforeItIsReleased() {
        services.close();
        clock.set("2026-03-01T00:00:00Z");
        services = ServicesFixture.open(DbTarget.sqlite(dir.resolve("march.db")), dir, clock);
        premiums = premiumService(services);
        write(7, PricedRecords.ADA);
        setRollout(100, List.of());
        Decision early = quote(7, null, null, null, null);
        assertEquals("classic", early.engine());
        assertEquals(PremiumService.CHOICE_FLAG_ON_UNRELEASED, early.choice());
    }

    @Test
    void aRequestMayNameAnEngineAndAnOlderVersion() {
        write(7, PricedRecords.ADA.replace("\"smoker\":false", "\"smoker\":true"));
        Decision v1 = quote(7, null, null, "risk-v2", 1);
        Decision v2 = quote(7, null, null, "risk-v2", 2);
        assertEquals(PremiumService.CHOICE_REQUESTED, v1.choice());
        assertEquals(1, v1.engineVersion());
        assertTrue(v1.quote().premium().compareTo(v2.quote().premium()) > 0, "version 2 loads smokers less");
        assertTrue(premiums.replay(v1.id()).identical(), "the old version stays callable");
    }

    @Test
    void aRecordLackingInputsIsRefusedByNameAndNothingIsRecorded() {
        write(8, "{\"name\":\"Bob\",\"region\":\"EU\",\"smoker\":\"yes\"}");
        long events = Sql.count(services.database().file(), "SELECT count(*) FROM event_logs");
        CompletionException failure = assertThrows(CompletionException.class, () -> quote(8, null, null, "classic", null));
        UnpricedException unpriced = assertInstanceOf(UnpricedException.class, failure.getCause());
        assertEquals(List.of("date_of_birth", "occupation", "sum_insured", "risk.class"), unpriced.missing());
        assertEquals("smoker", unpriced.invalid().get(0).field());
        assertEquals(events, Sql.count(services.database().file(), "SELECT count(*) FROM event_logs"));
        assertEquals(0, Sql.count(services.database().file(), "SELECT count(*) FROM premium_decisions"));
        assertEquals(List.of(), quoted);
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsQueued() {
        write(7, PricedRecords.ADA);
        assertThrows(InvalidRequestException.class, () -> quote(7, null, null, "nope", null));
        assertThrows(InvalidRequestException.class, () -> quote(7, null, null, "classic", 9));
        assertThrows(InvalidRequestException.class, () -> quote(7, null, null, null, 1));
        assertThrows(InvalidRequestException.class, () -> quote(7, null, clock.instant().plusSeconds(60), null, null));
        assertThrows(InvalidRequestException.class, () -> quote(-1, null, null, null, null));
        CompletionException missing = assertThrows(CompletionException.class, () -> quote(99, null, null, null, null));
        assertInstanceOf(NotFoundException.class, missing.getCause());
        CompletionException before = assertThrows(CompletionException.class,
                () -> quote(7, Instant.parse("2020-01-01T00:00:00Z"), null, null, null));
        assertInstanceOf(NotFoundException.class, before.getCause());
        assertThrows(NotFoundException.class, () -> premiums.decision(12345));
        assertThrows(InvalidRequestException.class, () -> premiums.decisions(new DecisionQuery(null, "nope", null, null, null, 10)));
    }

    @Test
    void decisionsAreListedNewestFirstByRecordEngineAndTime() {
        write(7, PricedRecords.ADA);
        write(8, PricedRecords.ADA.replace("Ada", "Bea"));
        Decision a = quote(7, null, null, "classic", null);
        clock.advance(Duration.ofHours(1));
        Decision b = quote(8, null, null, "risk-v2", null);
        clock.advance(Duration.ofHours(1));
        Decision c = quote(7, null, null, "risk-v2", null);

        assertEquals(List.of(c.id(), a.id()), ids(premiums.decisions(DecisionQuery.forRecord(7, 10))));
        assertEquals(List.of(c.id(), b.id()), ids(premiums.decisions(new DecisionQuery(null, "risk-v2", null, null, null, 10))));
        assertEquals(List.of(b.id()), ids(premiums.decisions(new DecisionQuery(null, null, b.decidedAt(), c.decidedAt(), null, 10))));
        assertEquals(List.of(b.id(), a.id()), ids(premiums.decisions(new DecisionQuery(null, null, null, null, c.id(), 10))));
        assertEquals(c, premiums.decision(c.id()));
    }

    private static List<Long> ids(List<Decision> decisions) {
        return decisions.stream().map(Decision::id).toList();
    }

    @Test
    void theLedgerCoversEveryDecisionSoAnEditedOneFailsVerification() {
        write(7, PricedRecords.ADA);
        Decision decision = quote(7, null, null, "classic", null);
        assertTrue(services.ledger().verify().ok());
        Sql.update(services.database().file(), "UPDATE event_logs SET payload = replace(payload, '\"premium\":1070.00', "
                + "'\"premium\":170.00') WHERE id = " + decision.id());
        assertEquals(new BigDecimal("170.00"), premiums.decision(decision.id()).quote().premium(), "the edit is read");
        var verification = services.ledger().verify();
        assertFalse(verification.ok());
        assertEquals(decision.id(), verification.broken().eventId());
    }

    @Test
    void aReplayNamesWhatChangedWhenTheStoredFactsWereEditedBehindTheStore() {
        write(7, PricedRecords.ADA);
        Decision decision = quote(7, null, null, "classic", null);
        services.close();
        Path file = dir.resolve("premiums.db");
        Sql.update(file, "UPDATE policyholder_records SET applied_patch = replace(applied_patch, '500000', '900000')");
        services = ServicesFixture.open(DbTarget.sqlite(file), dir, clock);
        premiums = premiumService(services);
        DecisionReplay replay = premiums.replay(decision.id());
        assertFalse(replay.identical());
        assertTrue(replay.differences().get(0).startsWith("inputs differ"), replay.differences()::toString);
        assertEquals("premium 1070.00 EUR then, 1906.00 EUR now", replay.differences().get(1));
        assertNotEquals(decision.quote().premium(), replay.replayed().premium());
    }

    @Test
    void theHistoryGivesBothEnginesAtEachChangeAndSaysWhyOneCannotPrice() {
        write(7, PricedRecords.ADA.replace(",\"policy\":{\"product\":\"term-life-20\"}", ""));
        clock.advance(Duration.ofDays(10));
        write(7, "{\"sum_insured\":600000}");
        clock.advance(Duration.ofDays(10));
        write(7, "{\"policy\":{\"product\":\"whole-life\"}}");
        clock.advance(Duration.ofDays(1));
        List<PremiumPoint> points = premiums.history(7);
        // Three changes and now.
        assertEquals(4, points.size());
        assertEquals(List.of("classic@1", "risk-v2@2"), List.copyOf(points.get(0).outcomes().keySet()));
        assertInstanceOf(PremiumOutcome.Priced.class, points.get(0).outcomes().get("classic@1"));
        PremiumOutcome.Unpriced noProduct = assertInstanceOf(PremiumOutcome.Unpriced.class, points.get(0).outcomes().get("risk-v2@2"));
        assertEquals("policy.product: missing", noProduct.describe());
        assertInstanceOf(PremiumOutcome.Priced.class, points.get(2).outcomes().get("risk-v2@2"));
        assertEquals(3, points.get(3).version());
        assertEquals(0, Sql.count(services.database().file(), "SELECT count(*) FROM premium_decisions"), "a chart decides nothing");
    }
}
