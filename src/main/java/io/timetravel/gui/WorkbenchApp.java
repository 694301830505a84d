package io.timetravel.gui;

import io.timetravel.gui.records.RecordsView;
import io.timetravel.gui.records.RecordsViewModel;
import io.timetravel.gui.shell.MainView;
import io.timetravel.gui.shell.MainViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop workbench: builds the window from FXML and gives each view its view model. */
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
        Scene scene = createScene(pending, tasks, ZoneId.systemDefault());
        stage.setScene(scene);
        stage.titleProperty().bind(((MainViewModel) scene.getRoot().getProperties().get(MainViewModel.class)).titleProperty());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The main scene with all views wired: used by the app and by the UI tests. */
    public static Scene createScene(Workbench workbench, BackgroundTasks tasks, ZoneId zone) {
        MainViewModel main = new MainViewModel(workbench);
        RecordsViewModel records = new RecordsViewModel(workbench.records(), tasks, zone);
        Map<Class<?>, Supplier<Object>> controllers = Map.of(
                MainView.class, () -> new MainView(main),
                RecordsView.class, () -> new RecordsView(records));
        Parent root = load("/fxml/shell/Main.fxml", controllers);
        root.getProperties().put(MainViewModel.class, main);
        root.getProperties().put(RecordsViewModel.class, records);
        Scene scene = new Scene(root, 1200, 760);
        scene.getStylesheets().addAll(stylesheet("tokens.css"), stylesheet("app.css"));
        return scene;
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

    private static String stylesheet(String name) {
        return Objects.requireNonNull(WorkbenchApp.class.getResource("/styles/" + name), name).toExternalForm();
    }
}
