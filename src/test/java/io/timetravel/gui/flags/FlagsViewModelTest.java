package io.timetravel.gui.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.RecordingDialogs;
import io.timetravel.gui.WorkbenchCommand;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.FlagChange;
import io.timetravel.service.FlagService;
import io.timetravel.storage.SqlFlagStore;
import io.timetravel.testing.Sql;
import io.timetravel.testing.StoreFixture;
import io.timetravel.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flags view's model on a real database: changes with a reason, roles, bad input, and changes made elsewhere. */
class FlagsViewModelTest {

    private static final Caller OPERATOR = new Caller(Actor.verified(101), Set.of(Role.OPERATOR), false);
    private static final Caller AUDITOR = new Caller(Actor.declared(7), Set.of(Role.AUDITOR), false);

    @TempDir
    Path dir;
    StoreFixture fixture;
    FlagService flags;
    WorkspaceState state;
    RecordingDialogs dialogs;
    FlagsViewModel viewModel;
    /**
     * What the view model hands to the FX thread (the reload on a flag change, which the service
     * announces from its own threads): queued, and run by the test's thread when it waits.
     */
    final ConcurrentLinkedQueue<Runnable> fxThread = new ConcurrentLinkedQueue<>();
    final BackgroundTasks tasks = new BackgroundTasks() {
        @Override
        public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            BackgroundTasks.inline().run(work, onSuccess, onFailure);
        }

        @Override
        public void ui(Runnable update) {
            fxThread.add(update);
        }
    };

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("flags.db"));
        flags = FlagService.forChanges(new SqlFlagStore(fixture.store()), fixture.store());
        state = new WorkspaceState();
        state.callerProperty().set(OPERATOR);
        state.visibleViewProperty().set(DeskView.FLAGS);
        dialogs = new RecordingDialogs();
        viewModel = new FlagsViewModel(flags, state, tasks, dialogs, ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        flags.close();
        fixture.close();
    }

    private Path db() {
        return fixture.database().file();
    }

    private void select(String key) {
        viewModel.selectedProperty().set(viewModel.rows().stream().filter(row -> row.key().equals(key)).findFirst().orElseThrow());
    }

    /** The user fills the change form's reason with {@code reason} and presses OK. */
    private void answerFormWith(String reason) {
        dialogs.formAnswer = form -> {
            viewModel.lastForm().reasonProperty().set(reason);
            return true;
        };
    }

    @Test
    void everyFlagIsListedWithItsSettingsAndTheFirstIsSelected() {
        assertEquals(List.of("enable_audit_logging", "enable_metrics", "enable_v2_api", "new_risk_engine"),
                viewModel.rows().stream().map(FlagRow::key).toList());
        assertEquals("enable_audit_logging", viewModel.selectedProperty().get().key());
        assertTrue(viewModel.draft().enabledProperty().get());
        assertEquals(100, viewModel.draft().rolloutProperty().get());
        assertEquals("everywhere", viewModel.rows().get(0).regionsText());
        assertFalse(viewModel.dirtyProperty().get());
    }

    @Test
    void aChangeWithAReasonIsWrittenAsTheCallerAndShowsInTheFlagsOwnHistory() {
        select(FlagService.V2_API);
        viewModel.draft().rolloutProperty().set(30);
        viewModel.draft().regionInputProperty().set("eu");
        viewModel.addRegion();
        assertEquals("30", viewModel.draft().rolloutTextProperty().get(), "the field follows the slider");
        assertEquals(List.of("EU"), viewModel.draft().regions());
        assertTrue(viewModel.dirtyProperty().get());
        answerFormWith("pilot in the EU");

        viewModel.openChange();

        assertEquals(List.of("Rollout: 100% \u2192 30%", "Regions: everywhere \u2192 EU"), viewModel.lastForm().lines());
        assertEquals(List.of(List.of("0", "30", "EU", "101")), Sql.query(db(),
                "SELECT enabled = 0, rollout_percentage, regions, updated_by FROM feature_flags WHERE flag_key = 'enable_v2_api'"));
        assertEquals(List.of(List.of("101", "pilot in the EU", "1")),
                Sql.query(db(), "SELECT actor, reason, actor_verified FROM audit_history WHERE event_type = 'FLAG_UPDATE'"));
        FlagRow row = viewModel.selectedProperty().get();
        assertEquals(FlagService.V2_API, row.key());
        assertEquals(30, row.flag().rolloutPercentage());
        assertEquals("user 101 \u00b7 verified", row.changedBy());
        assertFalse(viewModel.dirtyProperty().get(), "the draft is now the flag");
        FlagHistoryRow entry = viewModel.history().get(0);
        assertEquals("user 101", entry.who());
        assertEquals("verified", entry.identity());
        assertEquals("Rollout: 100% \u2192 30% \u00b7 Regions: everywhere \u2192 EU", entry.change());
        assertEquals("pilot in the EU", entry.reason());
        assertFalse(entry.external());
    }

    @Test
    void withoutAReasonNothingIsWritten() {
        select(FlagService.METRICS);
        viewModel.draft().enabledProperty().set(false);
        answerFormWith("   ");

        viewModel.openChange();

        assertEquals("A reason is required to change a flag.", viewModel.lastForm().check().problemProperty().get());
        assertFalse(viewModel.lastForm().check().validProperty().get());
        assertFalse(viewModel.lastForm().submit(), "the form refuses to submit");
        assertEquals(0, Sql.count(db(), "SELECT count(*) FROM audit_history"));
        assertEquals("1", Sql.scalar(db(), "SELECT enabled FROM feature_flags WHERE flag_key = 'enable_metrics'"));
        assertTrue(viewModel.dirtyProperty().get(), "the draft is still there to apply");
    }

    @Test
    void aCallerWithoutChangeFlagsSeesTheValuesReadOnlyAndWhy() {
        state.callerProperty().set(AUDITOR);
        select(FlagService.V2_API);
        viewModel.draft().enabledProperty().set(false);

        viewModel.openChange();

        assertFalse(viewModel.canChangeProperty().get());
        assertEquals("Needs the role operator or admin", viewModel.changeBlockedProperty().get());
        assertEquals("Read-only: Needs the role operator or admin. Flags can be changed by operators and admins.",
                viewModel.problemProperty().get());
        assertEquals(List.of(), dialogs.shown, "no form offered");
        assertNull(viewModel.lastForm());
        assertEquals(0, Sql.count(db(), "SELECT count(*) FROM audit_history"));
    }

    @Test
    void invalidValuesGetAClearMessageAndOpenNoForm() {
        select(FlagService.V2_API);
        viewModel.draft().rolloutTextProperty().set("150");

        assertEquals("Not a valid change: invalid rollout_percentage; use a whole number from 0 to 100.",
                viewModel.problemProperty().get());
        assertEquals(100, viewModel.draft().rolloutProperty().get(), "the slider keeps the last valid value");
        viewModel.openChange();
        assertNull(viewModel.lastForm());

        viewModel.draft().rolloutTextProperty().set("half");
        assertEquals("Rollout: type a whole number from 0 to 100.", viewModel.problemProperty().get());

        viewModel.draft().rolloutTextProperty().set("50");
        assertEquals("", viewModel.problemProperty().get());
        viewModel.draft().regionInputProperty().set("E U!");
        viewModel.addRegion();
        assertTrue(viewModel.problemProperty().get().startsWith("Not a valid change: invalid region \"E U!\""),
                viewModel.problemProperty().get());
        assertEquals(List.of(), viewModel.draft().regions());
        assertEquals(0, Sql.count(db(), "SELECT count(*) FROM audit_history"));
    }

    @Test
    void changesMadeElsewhereAppearAndAreMarkedExternal() {
        try (FlagService live = new FlagService(new SqlFlagStore(fixture.store()), fixture.store(), (key, on) -> { },
                FlagService.DEFAULT_REFRESH)) {
            FlagsViewModel watching = new FlagsViewModel(live, state, tasks, dialogs, ZoneOffset.UTC);
            Sql.update(db(), "UPDATE feature_flags SET rollout_percentage = 45 WHERE flag_key = 'enable_v2_api'");
            awaitRow(watching, FlagService.V2_API, row -> row.flag().rolloutPercentage() == 45
                    && !row.history().isEmpty() && row.history().get(0).external());

            FlagRow bySql = row(watching, FlagService.V2_API);
            assertEquals("outside the application", bySql.history().get(0).who());
            assertEquals("Rollout: 100% \u2192 45%", bySql.history().get(0).change());
            assertEquals("outside the application", bySql.changedBy());

            live.update(FlagService.METRICS, new FlagChange(false, null, null, null, "through the API"), Actor.verified(5)).join();
            awaitRow(watching, FlagService.METRICS, row -> !row.flag().enabled());
            assertEquals("user 5 \u00b7 verified", row(watching, FlagService.METRICS).changedBy());
            assertEquals("through the API", row(watching, FlagService.METRICS).history().get(0).reason());
        }
    }

    private static FlagRow row(FlagsViewModel model, String key) {
        return model.rows().stream().filter(row -> row.key().equals(key)).findFirst().orElseThrow();
    }

    /** Runs what the view model hands to the FX thread until the flag's row shows what is expected. */
    private void awaitRow(FlagsViewModel model, String key, java.util.function.Predicate<FlagRow> shown) {
        Wait.until(Duration.ofSeconds(20), () -> {
            for (Runnable update = fxThread.poll(); update != null; update = fxThread.poll()) {
                update.run();
            }
            return shown.test(row(model, key));
        }, () -> key + " as shown: " + row(model, key));
    }

    @Test
    void refreshAndFindAreObeyedOnlyWhenTheViewShows() {
        select(FlagService.METRICS);
        // Another process (the command line) changes the flag; this service has no refresher to notice.
        try (FlagService commandLine = FlagService.forChanges(new SqlFlagStore(fixture.store()), fixture.store())) {
            commandLine.update(FlagService.METRICS, new FlagChange(null, null, null, "by the command line", "runbook"), 3).join();
        }
        state.visibleViewProperty().set(DeskView.RECORDS);
        state.command(WorkbenchCommand.REFRESH);
        state.command(WorkbenchCommand.FIND);
        assertEquals(List.of(), viewModel.history(), "F5 in another view reloads nothing here");
        assertNull(viewModel.focusRequestProperty().get());

        state.visibleViewProperty().set(DeskView.FLAGS);
        state.command(WorkbenchCommand.REFRESH);
        state.command(WorkbenchCommand.FIND);

        assertEquals(List.of("runbook"), viewModel.history().stream().map(FlagHistoryRow::reason).toList());
        assertEquals("filter", viewModel.focusRequestProperty().get());
    }
}
