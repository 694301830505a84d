package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's first seconds: it shows at once while the database opens, then the workbench, or why not. */
@ExtendWith(ApplicationExtension.class)
class StartupWindowTest {

    Stage stage;
    FxBackgroundTasks tasks = new FxBackgroundTasks();
    final CountDownLatch open = new CountDownLatch(1);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    @AfterEach
    void stop() {
        open.countDown();
        tasks.close();
    }

    @Test
    void theWindowShowsProgressUntilTheDatabaseIsOpenThenTheWorkbench(FxRobot robot) throws Exception {
        AtomicBoolean told = new AtomicBoolean();
        robot.interact(() -> Startup.show(stage, "db/t.db", tasks, () -> {
            try {
                open.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "opened";
        }, opened -> new Scene(new StackPane(new Label("workbench: " + opened))), opened -> told.set(true)));

        assertEquals("Opening db/t.db…", robot.lookup(".startup-message").queryAs(Label.class).getText());
        assertTrue(robot.lookup(".startup-progress").queryAs(ProgressIndicator.class).isVisible());

        open.countDown();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, told::get);
        assertEquals("workbench: opened", ((Label) ((StackPane) stage.getScene().getRoot()).getChildren().get(0)).getText());
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsExplainedInTheWindowWithAWayOut(FxRobot robot) throws Exception {
        robot.interact(() -> Startup.show(stage, "db/t.db", tasks, () -> {
            throw new IllegalStateException("the file is not a database");
        }, opened -> new Scene(new StackPane()), opened -> {
        }));

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(".startup-failed").tryQuery().isPresent());
        assertEquals("Cannot open db/t.db: the file is not a database",
                robot.lookup(".startup-message").queryAs(Label.class).getText());
        Button quit = robot.lookup(".startup .button").queryButton();
        assertEquals("Quit", quit.getText());
        assertTrue(quit.isFocused(), "Enter quits");
    }
}
