package io.timetravel.gui;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The first seconds of the window: it shows at once with a progress indicator while the database
 * opens and the services start in the background (migrations, the listener), then the workbench
 * takes its place; if opening fails, the window says why and offers to quit, instead of a window
 * that never comes.
 */
@ViewSide
public final class Startup {

    private static final System.Logger LOG = System.getLogger(Startup.class.getName());

    private Startup() {
    }

    /** Milliseconds since the JVM started. */
    private static long sinceStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * Shows the starting scene on {@code stage}, runs {@code opener} with {@code tasks}, and then
     * puts the scene made by {@code workbench} in its place, or the failure.
     *
     * @param opener    opens the database and starts the services; background thread
     * @param workbench builds the workbench's scene for what was opened; FX thread
     * @param opened    told when the workbench shows (to ask who the user is, say)
     */
    public static <T> void show(Stage stage, String what, BackgroundTasks tasks, Supplier<T> opener, Function<T, Scene> workbench,
                                Consumer<T> opened) {
        Label message = new Label(Messages.get("startup.opening", what));
        message.getStyleClass().add("startup-message");
        message.setWrapText(true);
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("startup-progress");
        VBox box = new VBox(16, progress, message);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().addAll("workbench", "startup");
        stage.setScene(styled(box));
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                LOG.log(System.Logger.Level.INFO, "window shown " + sinceStart() + " ms after the start");
            }
        });
        tasks.run(opener, value -> {
            stage.setScene(workbench.apply(value));
            LOG.log(System.Logger.Level.INFO, "workbench shown " + sinceStart() + " ms after the start");
            opened.accept(value);
        }, failure -> {
            progress.setVisible(false);
            progress.setManaged(false);
            message.setText(Messages.get("startup.failed", what, failure.getMessage()));
            message.getStyleClass().add("startup-failed");
            Button quit = new Button(Messages.get("startup.quit"));
            quit.setDefaultButton(true);
            quit.setOnAction(event -> Platform.exit());
            box.getChildren().add(quit);
            quit.requestFocus();
        });
    }

    private static Scene styled(Parent root) {
        Scene scene = new Scene(root);
        scene.getStylesheets().addAll(stylesheet("tokens.css"), stylesheet("app.css"));
        return scene;
    }

    /** A style sheet of {@code styles/}, for scenes and dialogs. */
    public static String stylesheet(String name) {
        return Objects.requireNonNull(Startup.class.getResource("/styles/" + name), name).toExternalForm();
    }
}
