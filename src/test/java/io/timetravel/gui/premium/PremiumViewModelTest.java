package io.timetravel.gui.premium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.premium.Decision;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeferredTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.PremiumService;
import io.timetravel.service.QuoteRequest;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Premium tab's view model on a real store and the real engines, without a toolkit. */
class PremiumViewModelTest {

    static final String COMPLETE = "{\"name\":\"Lise Tanaka\",\"region\":\"UK\",\"date_of_birth\":\"1979-02-17\","
            + "\"occupation\":\"nurse\",\"smoker\":false,\"sum_insured\":500000,"
            + "\"policy\":{\"product\":\"term-life-20\"},\"risk\":{\"class\":\"A\",\"score\":34}}";

    @TempDir
    Path dir;
    StoreFixture fixture;
    PremiumService premiums;
    WorkspaceState state;
    Instant backdatedTo;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("premium.db"));
        premiums = TestWorkbench.desk(fixture).premiums();
        state = new WorkspaceState();
        state.callerProperty().set(Caller.trustedDeclared(42));
        fixture.write(7, COMPLETE);
        backdatedTo = fixture.records().latest(7).recordedAt().plusMillis(1);
        fixture.write(7, "{\"sum_insured\":750000}");
        // Learned late: a smoker from before the sum insured went up.
        fixture.write(7, "{\"smoker\":true}", backdatedTo, 12, "smoker, declared late");
        fixture.write(8, "{\"name\":\"Grace Hopper\",\"region\":\"US\",\"smoker\":false}");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private PremiumViewModel viewModel(BackgroundTasks tasks, long record) {
        state.selectedRecordProperty().set(record);
        return new PremiumViewModel(premiums, TestWorkbench.access(fixture), state, tasks, ZoneOffset.UTC);
    }

    private Decision quote(long record) {
        return premiums.quote(new QuoteRequest(record, null, null, null, null, Actor.declared(101), "v2")).join();
    }

    private String inForce(String engine) {
        return premiums.engines().inForce(engine, Instant.now()).orElseThrow().label();
    }

    @Test
    void theChartHasALinePerEngineThatStepsAtTheBackdatedCorrection() {
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 7);

        List<PremiumCurves.Curve> curves = viewModel.curves();
        assertEquals(List.of(inForce(PremiumService.CLASSIC), inForce(PremiumService.RISK_V2)),
                curves.stream().map(PremiumCurves.Curve::engine).toList());
        double corrected = PremiumCurves.day(backdatedTo);
        for (PremiumCurves.Curve curve : curves) {
            List<Double> atCorrection = curve.points().stream().filter(point -> point.day() == corrected)
                    .map(PremiumCurves.Point::premium).toList();
            assertEquals(2, atCorrection.size(), curve.engine() + ": the old premium, then the new one at the correction");
            assertTrue(atCorrection.get(1) > atCorrection.get(0), curve.engine() + ": a smoker pays more");
        }
        assertEquals("", viewModel.chartNoteProperty().get());
    }

    @Test
    void decisionsAreListedNewestFirstAndTheSelectedOneShowsItsBreakdown() {
        Decision first = quote(7);
        Decision second = quote(7);
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 7);

        assertEquals(List.of(second.id(), first.id()), viewModel.decisions().stream().map(DecisionRow::id).toList());
        DecisionRow row = viewModel.decisions().get(0);
        assertEquals(second.engine() + "@" + second.engineVersion(), row.engine());
        assertEquals("user 101 (declared)", row.actor());
        assertTrue(row.premium().endsWith(" " + second.quote().currency()), row.premium());

        viewModel.selectedProperty().set(row);
        assertEquals(second.quote().factors(), viewModel.factors());
        assertEquals(second.quote().inputsSha256(), viewModel.inputsSha256Property().get());
        assertTrue(viewModel.inputsProperty().get().contains("smoker = true"), viewModel.inputsProperty().get());
        assertTrue(viewModel.flagsProperty().get().contains(PremiumService.NEW_RISK_ENGINE + " = "),
                viewModel.flagsProperty().get());
    }

    @Test
    void whatADecisionReadFromAMaskedFieldIsMaskedForAUserWithoutPii() {
        Decision decision = quote(7);
        TestWorkbench.accessService(fixture).setPolicy(new FieldPolicy("date_of_birth", FieldPolicy.Masking.FULL, 0),
                Actor.ANONYMOUS).join();
        state.callerProperty().set(new Caller(Actor.declared(30), EnumSet.of(Role.AUDITOR), false));
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 7);
        viewModel.selectedProperty().set(viewModel.decisions().get(0));

        String age = decision.quote().inputs().get("age");
        assertTrue(viewModel.inputsProperty().get().contains("age = " + FieldPolicies.MASK), viewModel.inputsProperty().get());
        assertFalse(viewModel.inputsProperty().get().contains("age = " + age), viewModel.inputsProperty().get());
        assertFalse(viewModel.inputsSha256Property().get().equals(decision.quote().inputsSha256()), "the digest is keyed");
        assertEquals(decision.quote().premium(), viewModel.decisions().get(0).decision().quote().premium());
    }

    @Test
    void aReplayOfAnUnchangedDecisionIsIdentical() {
        Decision decision = quote(7);
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 7);
        viewModel.selectedProperty().set(viewModel.decisions().get(0));

        viewModel.replay();

        assertEquals(Boolean.TRUE, viewModel.replayIdenticalProperty().get());
        assertEquals("Identical: premium, inputs and breakdown reproduced from what was known at "
                + io.timetravel.gui.Formats.localTime(decision.knownAt(), ZoneOffset.UTC), viewModel.replayTextProperty().get());

        viewModel.selectedProperty().set(null);
        assertEquals("", viewModel.replayTextProperty().get(), "a replay belongs to its decision");
    }

    @Test
    void quoteNowAddsADecisionByTheUserAndSelectsIt() {
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 7);
        assertTrue(viewModel.decisions().isEmpty());
        assertTrue(viewModel.canQuoteProperty().get());

        viewModel.quoteNow();

        assertEquals(1, viewModel.decisions().size());
        DecisionRow row = viewModel.selectedProperty().get();
        assertEquals(viewModel.decisions().get(0), row);
        assertEquals(42, row.decision().actor());
        assertEquals("desktop", row.decision().apiVersion());
        assertEquals("", viewModel.quoteProblemProperty().get());
        assertFalse(viewModel.factors().isEmpty());
    }

    @Test
    void aRecordTheEnginesCannotPriceNamesWhatItLacks() {
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 8);

        assertTrue(viewModel.curves().stream().allMatch(curve -> curve.points().isEmpty()));
        String note = viewModel.chartNoteProperty().get();
        assertTrue(note.contains(inForce(PremiumService.CLASSIC) + " cannot price this record"), note);
        assertTrue(note.contains("date_of_birth: missing"), note);
        assertTrue(note.contains("risk.score: missing"), note);

        viewModel.quoteNow();

        String problem = viewModel.quoteProblemProperty().get();
        assertTrue(problem.startsWith("Cannot quote: the record lacks "), problem);
        assertTrue(problem.contains("date_of_birth"), problem);
        assertTrue(viewModel.decisions().isEmpty(), "nothing decided");
        assertTrue(viewModel.canQuoteProperty().get(), "the user may try again once the record is complete");
    }

    @Test
    void aCallerWithoutWriteCannotQuote() {
        state.callerProperty().set(new Caller(Actor.declared(43), EnumSet.of(Role.AUDITOR), false));
        PremiumViewModel viewModel = viewModel(BackgroundTasks.inline(), 7);

        assertFalse(viewModel.canQuoteProperty().get());
        assertTrue(viewModel.quoteBlockedProperty().get().startsWith("Needs the role"), viewModel.quoteBlockedProperty().get());
        viewModel.quoteNow();
        assertTrue(viewModel.decisions().isEmpty());
        assertTrue(premiums.decisions(io.timetravel.service.DecisionQuery.forRecord(7, 10)).isEmpty());

        state.callerProperty().set(Caller.trustedDeclared(42));
        assertTrue(viewModel.canQuoteProperty().get(), "follows the caller");
    }

    @Test
    void anAnswerAboutTheRecordSelectedBeforeIsDropped() {
        quote(7);
        DeferredTasks tasks = new DeferredTasks();
        PremiumViewModel viewModel = viewModel(tasks, 7);
        state.selectedRecordProperty().set(8L);

        tasks.run(0);
        tasks.run(0);
        assertTrue(viewModel.decisions().isEmpty(), "record 7's decisions do not show for record 8");
        assertTrue(viewModel.curves().isEmpty());

        tasks.runAll();
        assertTrue(viewModel.decisions().isEmpty());
        assertTrue(viewModel.chartNoteProperty().get().contains("date_of_birth: missing"));
        assertNull(viewModel.selectedProperty().get());
    }
}
