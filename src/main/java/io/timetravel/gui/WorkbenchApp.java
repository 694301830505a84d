package io.timetravel.gui;

import atlantafx.base.theme.PrimerLight;
import io.timetravel.gui.diff.DiffView;
import io.timetravel.gui.diff.DiffViewModel;
import io.timetravel.gui.history.HistoryView;
import io.timetravel.gui.history.HistoryViewModel;
import io.timetravel.gui.record.DialogRecordActions;
import io.timetravel.gui.record.RecordActions;
import io.timetravel.gui.record.RecordView;
import io.timetravel.gui.record.RecordViewModel;
import io.timetravel.gui.records.RecordsView;
import io.timetravel.gui.records.RecordsViewModel;
import io.timetravel.gui.shell.MainView;
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
        Ui ui = createUi(pending, tasks, new FxDialogService(() -> window[0]), UserPreferences.system(), ZoneId.systemDefault(),
                Clock.systemUTC());
        window[0] = stage;
        stage.setScene(ui.scene());
        stage.titleProperty().bind(ui.main().titleProperty());
        stage.setMinWidth(1000);
        stage.setMinHeight(640);
        stage.show();
        // After the window shows, so the question has a window to belong to.
        Platform.runLater(ui.main()::ensureUser);
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
        MainViewModel main = new MainViewModel(workbench, state, tasks, dialogs, preferences, clock);
        WorkbenchAccess access = workbench.access();
        RecordsViewModel records = new RecordsViewModel(workbench.records(), access, state, tasks, zone);
        RecordViewModel record = new RecordViewModel(workbench.records(), access, state, tasks, zone);
        TimelineViewModel timeline = new TimelineViewModel(workbench.records(), access, state, tasks, zone);
        RecordActions actions = new DialogRecordActions(workbench.records(), access, tasks, dialogs, state, zone, clock);
        Map<Class<?>, Supplier<Object>> controllers = new HashMap<>();
        controllers.put(MainView.class, () -> new MainView(main));
        controllers.put(RecordsView.class, () -> new RecordsView(records, state));
        controllers.put(RecordView.class, () -> new RecordView(record, actions));
        controllers.put(TimelineView.class, () -> new TimelineView(timeline));
        DiffViewModel diff = new DiffViewModel(workbench.records(), access, workbench.history(), state, tasks, zone);
        HistoryViewModel history = new HistoryViewModel(workbench.history(), access, state, tasks, zone);
        controllers.put(DiffView.class, () -> new DiffView(diff));
        controllers.put(HistoryView.class, () -> new HistoryView(history));
        Parent root = load("/fxml/shell/Main.fxml", controllers);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().addAll(stylesheet("tokens.css"), stylesheet("app.css"), stylesheet("diff.css"),
                stylesheet("timeline.css"));
        return new Ui(scene, state, main, records);
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
