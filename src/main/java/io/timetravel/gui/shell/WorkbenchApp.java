package io.timetravel.gui.shell;

import atlantafx.base.theme.PrimerLight;
import io.timetravel.domain.FeatureFlag;
import io.timetravel.gui.BackgroundTasks;
import io.timetravel.gui.Desk;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.FxDialogService;
import io.timetravel.gui.LiveUpdates;
import io.timetravel.gui.Messages;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.gui.Startup;
import io.timetravel.gui.UserPreferences;
import io.timetravel.gui.WindowPlacement;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.admin.AccessView;
import io.timetravel.gui.admin.AccessViewModel;
import io.timetravel.gui.audit.AccessLogView;
import io.timetravel.gui.audit.AccessLogViewModel;
import io.timetravel.gui.audit.AuditView;
import io.timetravel.gui.audit.AuditViewModel;
import io.timetravel.gui.audit.DigestsView;
import io.timetravel.gui.audit.DigestsViewModel;
import io.timetravel.gui.dashboard.DashboardView;
import io.timetravel.gui.dashboard.DashboardViewModel;
import io.timetravel.gui.diff.DiffView;
import io.timetravel.gui.diff.DiffViewModel;
import io.timetravel.gui.flags.FlagsView;
import io.timetravel.gui.flags.FlagsViewModel;
import io.timetravel.gui.history.HistoryView;
import io.timetravel.gui.history.HistoryViewModel;
import io.timetravel.gui.premium.PremiumView;
import io.timetravel.gui.premium.PremiumViewModel;
import io.timetravel.gui.record.DialogRecordActions;
import io.timetravel.gui.record.RecordActions;
import io.timetravel.gui.record.RecordView;
import io.timetravel.gui.record.RecordViewModel;
import io.timetravel.gui.recalculations.RecalculationsView;
import io.timetravel.gui.recalculations.RecalculationsViewModel;
import io.timetravel.gui.records.RecordsView;
import io.timetravel.gui.records.RecordsViewModel;
import io.timetravel.gui.snapshots.SnapshotsView;
import io.timetravel.gui.snapshots.SnapshotsViewModel;
import io.timetravel.gui.timeline.TimelineView;
import io.timetravel.gui.timeline.TimelineViewModel;
import io.timetravel.service.DaemonThreads;
import io.timetravel.service.FlagService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop workbench: builds the window from FXML, gives each view its view model, and
 * connects the shared workspace state to live changes.
 */
public final class WorkbenchApp extends Application {

    /** The smallest window the views are laid out for (usable at 1024x700, nothing clipped from 1280x800). */
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 600;

    private static Supplier<Workbench> pendingOpener;
    private static Supplier<Workbench> pending;
    private static String pendingDatabase;

    private FxBackgroundTasks tasks;

    /**
     * Opens the workbench and returns when its window is closed. The window shows at once;
     * {@code opener} (opening the database at {@code database} and starting the services) runs
     * behind it, and the window says so, or why it failed.
     */
    public static void launchAndWait(String database, Supplier<Workbench> opener) {
        pendingOpener = Objects.requireNonNull(opener, "opener");
        pendingDatabase = database;
        Application.launch(WorkbenchApp.class);
    }

    /**
     * Starts opening the database, once the toolkit is up (JavaFX calls this after it opened the
     * display and loaded GTK): a machine where the window cannot show leaves the database untouched.
     * It opens while the window is built; the window waits for it, showing progress.
     */
    @Override
    public void init() {
        ExecutorService opening = Executors.newSingleThreadExecutor(DaemonThreads.named("workbench-open"));
        CompletableFuture<Workbench> workbench = CompletableFuture.supplyAsync(pendingOpener, opening);
        opening.shutdown();
        pending = workbench::join;
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        tasks = new FxBackgroundTasks();
        UserPreferences preferences = UserPreferences.system();
        stage.setTitle(Messages.get("app.title", ""));
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        WindowPlacement.restore(stage, preferences);
        Ui[] ui = new Ui[1];
        Startup.show(stage, pendingDatabase, tasks, pending, workbench -> {
            ui[0] = createUi(workbench, tasks, new FxDialogService(() -> stage), preferences, ZoneId.systemDefault(),
                    Clock.systemUTC());
            stage.titleProperty().bind(ui[0].main().titleProperty());
            return ui[0].scene();
        }, workbench -> {
            // After the workbench shows, so the question has a window to belong to, and so the
            // sample data of --demo loads with the window open, showing its progress.
            ui[0].main().ensureUser();
            if (workbench.sampleDataAtStart()) {
                ui[0].main().loadSampleDataAtStart();
            }
        });
        stage.show();
        WindowPlacement.rememberOnClose(stage, preferences);
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The main scene and what tests and the app need to reach in it. */
    public record Ui(Scene scene, WorkspaceState state, MainViewModel main, RecordsViewModel records) {
    }

    /** The main scene with every view wired: used by the app and by the UI tests. */
    public static Ui createUi(Workbench workbench, BackgroundTasks tasks, DialogService dialogs, UserPreferences preferences,
                              ZoneId zone, Clock clock) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        WorkspaceState state = new WorkspaceState();
        LiveUpdates.connect(workbench.events(), state, Platform::runLater);
        Wiring wiring = new Wiring(workbench, state, tasks, dialogs, zone, clock, new HashMap<>());
        MainViewModel main = new MainViewModel(workbench, state, tasks, dialogs, preferences, clock);
        wiring.controllers().put(MainView.class, () -> new MainView(main));
        RecordsViewModel records = records(wiring);
        audit(wiring);
        flags(wiring);
        snapshots(wiring);
        dashboard(wiring);
        admin(wiring);
        recalculations(wiring);
        Parent root = load("/fxml/shell/Main.fxml", wiring.controllers());
        Scene scene = new Scene(root, 1280, 800);
        for (String sheet : STYLESHEETS) {
            scene.getStylesheets().add(Startup.stylesheet(sheet));
        }
        return new Ui(scene, state, main, records);
    }

    /** The style sheets of the main window, in cascade order. */
    private static final java.util.List<String> STYLESHEETS = java.util.List.of("tokens.css", "app.css", "diff.css",
            "timeline.css", "audit.css", "flags.css", "snapshots.css", "dashboard.css", "access.css");

    /** What each view's wiring needs, and where it puts its controllers' factories. */
    private record Wiring(Workbench workbench, WorkspaceState state, BackgroundTasks tasks, DialogService dialogs, ZoneId zone,
                          Clock clock, Map<Class<?>, Supplier<Object>> controllers) {
    }

    /** The Records view: the list, and the record pane with its timeline, diff, history and premiums. */
    private static RecordsViewModel records(Wiring w) {
        Workbench workbench = w.workbench();
        WorkspaceState state = w.state();
        WorkbenchAccess access = workbench.access();
        RecordViewContext context = new RecordViewContext(workbench.records(), access, state, w.tasks(), w.zone());
        RecordsViewModel records = new RecordsViewModel(context);
        RecordViewModel record = new RecordViewModel(context);
        TimelineViewModel timeline = new TimelineViewModel(context);
        RecordActions actions = new DialogRecordActions(workbench.records(), access, w.tasks(), w.dialogs(), state, w.zone(),
                w.clock());
        DiffViewModel diff = new DiffViewModel(context, workbench.history());
        HistoryViewModel history = new HistoryViewModel(workbench.history(), access, state, w.tasks(), w.zone());
        PremiumViewModel premium = new PremiumViewModel(workbench.desk().premiums(), access, state, w.tasks(), w.zone());
        w.controllers().put(RecordsView.class, () -> new RecordsView(records, state));
        w.controllers().put(RecordView.class, () -> new RecordView(record, actions));
        w.controllers().put(TimelineView.class, () -> new TimelineView(timeline));
        w.controllers().put(DiffView.class, () -> new DiffView(diff));
        w.controllers().put(HistoryView.class, () -> new HistoryView(history));
        w.controllers().put(PremiumView.class, () -> new PremiumView(premium));
        return records;
    }

    /** The Audit view: every audit entry, the chain's verification, the digests and the access log. */
    private static void audit(Wiring w) {
        Desk desk = w.workbench().desk();
        AuditViewModel entries = new AuditViewModel(desk.audit(), desk.ledger(), w.workbench().access(), w.state(), w.tasks(),
                w.dialogs(), w.zone(), w.clock());
        DigestsViewModel digests = new DigestsViewModel(desk.ledger(), w.tasks(), w.zone());
        AccessLogViewModel accessLog = new AccessLogViewModel(desk.admin(), w.state(), w.tasks(), w.zone());
        w.controllers().put(AuditView.class, () -> new AuditView(entries, digests, accessLog, w.state()));
        w.controllers().put(DigestsView.class, () -> new DigestsView(digests));
        w.controllers().put(AccessLogView.class, () -> new AccessLogView(accessLog));
    }

    /** The Flags view: every flag, its editor (changes with a reason) and its own history, live. */
    private static void flags(Wiring w) {
        FlagsViewModel flags = new FlagsViewModel(w.workbench().desk().flags(), w.state(), w.tasks(), w.dialogs(), w.zone());
        w.controllers().put(FlagsView.class, () -> new FlagsView(flags));
    }

    /** The Snapshots view: the list with live progress, taking one, and exporting one with its SHA-256 checked. */
    private static void snapshots(Wiring w) {
        SnapshotsViewModel snapshots = new SnapshotsViewModel(w.workbench().desk().snapshots(), w.workbench().access(),
                w.state(), w.tasks(), w.dialogs(), w.zone(), w.clock());
        w.controllers().put(SnapshotsView.class, () -> new SnapshotsView(snapshots));
    }

    /** The Dashboard view: live charts of the process's own metrics. */
    private static void dashboard(Wiring w) {
        Desk desk = w.workbench().desk();
        // The flag's switch read from the flag service's copy: asking isSwitchedOn would count an evaluation a second.
        DashboardViewModel dashboard = new DashboardViewModel(desk.metrics(),
                () -> desk.flags().get(FlagService.METRICS).map(FeatureFlag::enabled).orElse(false),
                w.workbench().listenerUrl() != null, w.state(), w.clock(), w.zone());
        w.controllers().put(DashboardView.class, () -> new DashboardView(dashboard, w.state()));
    }

    /** The Access view (admins): users, roles, tokens and field policies. */
    private static void admin(Wiring w) {
        AccessViewModel access = new AccessViewModel(w.workbench().desk().admin(), w.state(), w.tasks(), w.dialogs(), w.zone());
        w.controllers().put(AccessView.class, () -> new AccessView(access));
    }

    /** The Recalculations view: every record priced by the engines in the background, its progress and what it found. */
    private static void recalculations(Wiring w) {
        Desk desk = w.workbench().desk();
        RecalculationsViewModel recalculations = new RecalculationsViewModel(desk.recalculations(), desk.premiums().engines(),
                w.state(), w.tasks(), w.dialogs(), w.zone(), w.clock());
        w.controllers().put(RecalculationsView.class, () -> new RecalculationsView(recalculations));
    }

    private static Parent load(String fxml, Map<Class<?>, Supplier<Object>> controllers) {
        FXMLLoader loader = new FXMLLoader(WorkbenchApp.class.getResource(fxml), Messages.BUNDLE);
        loader.setControllerFactory(type -> {
            Supplier<Object> factory = controllers.get(type);
            if (factory == null) {
                throw new IllegalStateException("no controller wired for " + type.getName());
            }
            return factory.get();
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}
