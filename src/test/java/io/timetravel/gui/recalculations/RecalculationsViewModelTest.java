package io.timetravel.gui.recalculations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.Recalculation;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.RecordTab;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.http.metrics.Metrics;
import io.timetravel.service.RecalculationRequest;
import io.timetravel.service.RecalculationService;
import io.timetravel.service.SampleData;
import io.timetravel.storage.SqlRecalculationStore;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Recalculations view's model on a real database: the form, a job from start to result, cancelling, permissions. */
class RecalculationsViewModelTest {

    private static final Caller UNDERWRITER = new Caller(Actor.verified(101), EnumSet.of(Role.UNDERWRITER), true);
    private static final Caller AUDITOR = new Caller(Actor.verified(102), EnumSet.of(Role.AUDITOR), true);
    private static final int RECORDS = 12;

    @TempDir
    Path dir;
    StoreFixture fixture;
    RecalculationService recalculations;
    WorkspaceState state;
    RecordingDialogs dialogs;
    RecalculationsViewModel viewModel;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("recalc.db"));
        new SampleData(7, RECORDS).load(fixture.records(), SampleData.defaultUntil(Instant.now()), progress -> {
        });
        recalculations = service();
        state = new WorkspaceState();
        state.callerProperty().set(UNDERWRITER);
        state.visibleViewProperty().set(DeskView.RECALCULATIONS);
        dialogs = new RecordingDialogs();
        viewModel = new RecalculationsViewModel(recalculations, PremiumEngines.standard(), state, BackgroundTasks.inline(),
                dialogs, ZoneOffset.UTC, Clock.systemUTC());
    }

    private RecalculationService service() {
        return new RecalculationService(new SqlRecalculationStore(fixture.store()), PremiumEngines.standard(), Clock.systemUTC(),
                new Metrics(false).premiums());
    }

    @AfterEach
    void close() {
        recalculations.close();
        fixture.close();
    }

    /** Polls as the view does every half second, until the list shows no running job. */
    private void awaitNoneRunning() {
        Wait.until(Duration.ofSeconds(60), () -> {
            viewModel.jobs().poll();
            return !viewModel.jobs().runningProperty().get();
        }, () -> "recalculations still running: " + viewModel.rows());
    }

    @Test
    void theFormOffersEachEngineInForceAndSaysWhatIsWrongUnderItsField() {
        RecalculationFormViewModel form = viewModel.form();
        assertEquals(List.of("classic@1", "risk-v2@2"), form.engines().stream().map(EngineChoice::inForce).toList());
        assertTrue(form.engines().stream().allMatch(engine -> engine.selectedProperty().get()), "both ticked by default");
        assertEquals("classic@1  (in force now)", form.engines().get(0).text());
        assertEquals("10", form.thresholdTextProperty().get());
        assertFalse(form.validProperty().get(), "a reason is required");
        assertEquals("", form.reasonProblemProperty().get(), "not an error before the user typed anything");

        form.reasonProperty().set("rate review");
        assertTrue(form.validProperty().get());
        form.reasonProperty().set("  ");
        assertEquals("A reason is required: say why the book is being recalculated.", form.reasonProblemProperty().get());
        form.reasonProperty().set("rate review");

        form.atTextProperty().set("next tuesday");
        assertTrue(form.atProblemProperty().get().startsWith("Valid at: \u201cnext tuesday\u201d is not an instant."),
                form.atProblemProperty().get());
        form.atTextProperty().set("2026-05-01 12:00");
        assertEquals("", form.atProblemProperty().get());
        form.asOfTextProperty().set(Instant.now().plusSeconds(86_400).toString());
        assertTrue(form.asOfProblemProperty().get().startsWith("As known at lies in the future"));
        form.asOfTextProperty().set("");
        form.thresholdTextProperty().set("ten");
        assertEquals("Threshold: \u201cten\u201d is not a number of percent (e.g. 10 or 2.5).", form.thresholdProblemProperty().get());
        form.thresholdTextProperty().set("1001");
        assertEquals("Threshold: use 0 to 1000 percent.", form.thresholdProblemProperty().get());
        assertFalse(viewModel.canStartProperty().get());
        form.thresholdTextProperty().set("2.5%");
        form.engines().forEach(engine -> engine.selectedProperty().set(false));
        assertTrue(form.enginesProblemProperty().get().startsWith("Tick at least one engine"));
        form.engines().get(1).selectedProperty().set(true);

        assertTrue(form.validProperty().get());
        assertTrue(viewModel.canStartProperty().get());
        RecalculationRequest request = form.request(101);
        assertEquals(Instant.parse("2026-05-01T12:00:00Z"), request.at());
        assertNull(request.asOf());
        assertEquals(List.of("risk-v2@2"), request.engines());
        assertEquals(0, new java.math.BigDecimal("2.5").compareTo(request.thresholdPercent()));
    }

    @Test
    void startingRunsAJobAsTheUserAndShowsItsResultOnceItCompletes() {
        viewModel.form().reasonProperty().set("new risk engine: what moves?");

        viewModel.start();

        assertEquals(List.of(List.of("101", "new risk engine: what moves?", "classic@1,risk-v2@2")),
                Sql.query(fixture.database().file(), "SELECT requested_by, reason, engines FROM recalculations"));
        assertEquals("", viewModel.form().reasonProperty().get(), "the next job asks for its own reason");
        awaitNoneRunning();
        JobRow row = viewModel.selectedProperty().get();
        assertEquals(1L, row.id(), "the job started is selected");
        assertEquals("Completed", row.statusText());
        assertEquals(RECORDS + " / " + RECORDS, row.progressText());
        assertEquals(1.0, row.progress());
        assertEquals("Recalculation 1 completed: " + RECORDS + " / " + RECORDS + " records.", viewModel.messageProperty().get());
        assertEquals("1 recalculation", viewModel.statusProperty().get());

        JsonObject result = recalculations.get(1).result();
        JobResultViewModel shown = viewModel.result();
        assertTrue(shown.hasResultProperty().get());
        assertEquals("Recalculation 1 \u00b7 Completed", shown.titleProperty().get());
        assertEquals(List.of("classic@1", "risk-v2@2"), shown.engines().stream().map(EngineRow::engine).toList());
        JsonObject classic = (JsonObject) ((JsonObject) result.get("engines").orElseThrow()).get("classic@1").orElseThrow();
        EngineRow classicRow = shown.engines().get(0);
        assertEquals(number(classic, "priced").toPlainString(), classicRow.priced());
        assertEquals(number(classic, "p50").setScale(2).toPlainString().replaceAll("\\B(?=(\\d{3})+\\.)", ","), classicRow.p50());
        assertEquals(RECORDS, Long.parseLong(classicRow.priced()) + Long.parseLong(classicRow.unpriced()));

        Comparison comparison = shown.comparisonProperty().get();
        assertEquals("risk-v2@2", comparison.other());
        assertTrue(shown.summariesProperty().get().matches(
                "\\d+ of \\d+ records differ by more than 10% between classic@1 and risk-v2@2; mean difference [+-]?\\d+\\.\\d%"),
                shown.summariesProperty().get());
        assertEquals(shown.differences(), comparison.largest());
    }

    @Test
    void aDifferenceOpensItsRecordInTheTimeline() {
        viewModel.form().reasonProperty().set("spread check");
        viewModel.form().thresholdTextProperty().set("0");
        viewModel.start();
        awaitNoneRunning();
        JobResultViewModel shown = viewModel.result();
        assertFalse(shown.differences().isEmpty(), "two engines never agree on every record to the cent");
        assertFalse(shown.canOpenProperty().get());
        DifferenceRow first = shown.differences().get(0);
        assertTrue(first.differencePercent().matches("[+-]\\d+\\.\\d%"), first.differencePercent());

        shown.selectedDifferenceProperty().set(first);
        shown.openSelected();

        assertEquals(first.recordId(), state.selectedRecordProperty().get());
        assertEquals(DeskView.RECORDS, state.requestedViewProperty().get());
        assertEquals(RecordTab.TIMELINE, state.requestedTabProperty().get());
    }

    @Test
    void aRunningJobIsCancelledOnceTheUserConfirmsAndShowsWhy() {
        // A job recorded but never run (its service stopped first): it stays in progress until cancelled.
        RecalculationService stopped = service();
        stopped.close();
        Recalculation job = stopped.request(new RecalculationRequest(null, null, List.of(), null, "held", 101)).join();
        viewModel.reload();
        viewModel.selectedProperty().set(viewModel.rows().get(0));
        assertTrue(viewModel.jobs().runningProperty().get());
        assertTrue(viewModel.canCancelProperty().get());
        assertEquals("Running: 0 / " + RECORDS + " records priced so far.", viewModel.result().endingProperty().get());

        dialogs.confirmAnswer = false;
        viewModel.cancelSelected();
        assertEquals("in_progress", Sql.scalar(fixture.database().file(), "SELECT status FROM recalculations"));

        dialogs.confirmAnswer = true;
        viewModel.cancelSelected();

        assertEquals(2, dialogs.shown.stream().filter(text -> text.startsWith("confirm: Cancel recalculation: Cancel recalculation "
                + job.id() + "?")).count());
        assertEquals("cancelled", Sql.scalar(fixture.database().file(), "SELECT status FROM recalculations"));
        assertEquals("Recalculation " + job.id() + " cancelled.", viewModel.messageProperty().get());
        assertFalse(viewModel.jobs().runningProperty().get());
        assertFalse(viewModel.canCancelProperty().get());
        assertEquals("Cancelled after 0 / " + RECORDS + " records: cancelled by user 101",
                viewModel.result().endingProperty().get());
        assertFalse(viewModel.result().hasResultProperty().get());
    }

    @Test
    void aCallerWithoutWriteCannotStartOrCancel() {
        state.callerProperty().set(AUDITOR);
        viewModel.form().reasonProperty().set("curious");

        assertFalse(viewModel.canStartProperty().get());
        assertEquals("Needs the role underwriter or admin", viewModel.startBlockedProperty().get());
        viewModel.start();

        assertEquals("Cannot start a recalculation: Needs the role underwriter or admin", viewModel.messageProperty().get());
        assertEquals(0, Sql.count(fixture.database().file(), "SELECT count(*) FROM recalculations"));
        assertTrue(viewModel.rows().isEmpty());
    }

    private static java.math.BigDecimal number(JsonObject object, String key) {
        return ((JsonNumber) object.get(key).orElseThrow()).value();
    }
}
