package io.timetravel.gui;

import atlantafx.base.theme.PrimerLight;
import io.timetravel.gui.admin.AccessView;
import io.timetravel.gui.audit.AccessLogViewModel;
import io.timetravel.gui.audit.AuditView;
import io.timetravel.gui.audit.AuditViewModel;
import io.timetravel.gui.audit.DigestsViewModel;
import io.timetravel.gui.dashboard.DashboardView;
import io.timetravel.gui.diff.DiffView;
import io.timetravel.gui.diff.DiffViewModel;
import io.timetravel.gui.flags.FlagsView;
import io.timetravel.gui.history.HistoryView;
import io.timetravel.gui.history.HistoryViewModel;
import io.timetravel.gui.record.DialogRecordActions;
import io.timetravel.gui.record.RecordActions;
import io.timetravel.gui.record.RecordView;
import io.timetravel.gui.record.RecordViewModel;
import io.timetravel.gui.records.RecordsView;
import io.timetravel.gui.records.RecordsViewModel;
import io.timetravel.gui.shell.MainView;
import io.timetravel.gui.snapshots.SnapshotsView;
import io.timetravel.gui.shell.MainViewModel;
import io.timetravel.gui.timeline.TimelineView;
import io.timetravel.gui.timeline.TimelineViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The desktop workbench: builds the window from FXML, gives each view its view model, and
 * connects the shared workspace state to live changes.
 */
public final class WorkbenchApp extends Application {

    private static Workbench pending;

    /** The smallest window the views are laid out for (usable at 1024x700, nothing clipped from 1280x800). */
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 600;

    private FxBackgroundTasks tasks;

    /** Opens the workbench and returns when its window is closed. */
    public static void launchAndWait(Workbench workbench) {
        pending = Objects.requireNonNull(workbench, "workbench");
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        tasks = new FxBackgroundTasks();
        Window[] window = new Window[1];
        UserPreferences preferences = UserPreferences.system();
        Ui ui = createUi(pending, tasks, new FxDialogService(() -> window[0]), preferences, ZoneId.systemDefault(),
                Clock.systemUTC());
        window[0] = stage;
        stage.setScene(ui.scene());
        stage.titleProperty().bind(ui.main().titleProperty());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        WindowPlacement.restore(stage, preferences);
        stage.show();
        WindowPlacement.rememberOnClose(stage, preferences);
        // After the window shows, so the question has a window to belong to, and so the sample
        // data of --demo loads with the window already open, showing its progress.
        Platform.runLater(() -> {
            ui.main().ensureUser();
            if (pending.sampleDataAtStart()) {
                ui.main().loadSampleDataAtStart();
            }
        });
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
        Parent root = load("/fxml/shell/Main.fxml", wiring.controllers());
        Scene scene = new Scene(root, 1280, 800);
        for (String sheet : STYLESHEETS) {
            scene.getStylesheets().add(stylesheet(sheet));
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

    /** The Records view: the list, and the record pane with its timeline, diff and history. */
    private static RecordsViewModel records(Wiring w) {
        Workbench workbench = w.workbench();
        WorkspaceState state = w.state();
        WorkbenchAccess access = workbench.access();
        RecordsViewModel records = new RecordsViewModel(workbench.records(), access, state, w.tasks(), w.zone());
        RecordViewModel record = new RecordViewModel(workbench.records(), access, state, w.tasks(), w.zone());
        TimelineViewModel timeline = new TimelineViewModel(workbench.records(), access, state, w.tasks(), w.zone());
        RecordActions actions = new DialogRecordActions(workbench.records(), access, w.tasks(), w.dialogs(), state, w.zone(),
                w.clock());
        DiffViewModel diff = new DiffViewModel(workbench.records(), access, workbench.history(), state, w.tasks(), w.zone());
        HistoryViewModel history = new HistoryViewModel(workbench.history(), access, state, w.tasks(), w.zone());
        w.controllers().put(RecordsView.class, () -> new RecordsView(records, state));
        w.controllers().put(RecordView.class, () -> new RecordView(record, actions));
        w.controllers().put(TimelineView.class, () -> new TimelineView(timeline));
        w.controllers().put(DiffView.class, () -> new DiffView(diff));
        w.controllers().put(HistoryView.class, () -> new HistoryView(history));
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
    }

    /** The Flags view. */
    private static void flags(Wiring w) {
        w.controllers().put(FlagsView.class, FlagsView::new);
    }

    /** The Snapshots view. */
    private static void snapshots(Wiring w) {
        w.controllers().put(SnapshotsView.class, SnapshotsView::new);
    }

    /** The Dashboard view: live charts of the process's own metrics. */
    private static void dashboard(Wiring w) {
        w.controllers().put(DashboardView.class, DashboardView::new);
    }

    /** The Access view (admins): users, roles, tokens and field policies. */
    private static void admin(Wiring w) {
        w.controllers().put(AccessView.class, AccessView::new);
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

    /** A style sheet of {@code styles/}, for scenes and dialogs. */
    public static String stylesheet(String name) {
        return Objects.requireNonNull(WorkbenchApp.class.getResource("/styles/" + name), name).toExternalForm();
    }
}
