package io.timetravel.gui.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.gui.FxBackgroundTasks;
import io.timetravel.gui.TestWorkbench;
import io.timetravel.gui.shell.WorkbenchApp;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Access view in the real window, driven by the keyboard only: Ctrl+6, the labels' Alt
 * mnemonics, Tab and Space; a user added, a token issued and copied, the user disabled.
 */
@ExtendWith(ApplicationExtension.class)
class AccessWindowKeyboardTest {

    @TempDir
    static Path dir;
    static StoreFixture fixture;
    static AccessService access;
    static FxBackgroundTasks tasks;

    @BeforeAll
    static void seed() {
        fixture = StoreFixture.open(dir.resolve("access-window.db"));
        access = TestWorkbench.accessService(fixture);
        // The workbench's remembered user 42 is a registered admin.
        access.addUser(new NewUser(42, "Desk Admin", Set.of(Role.ADMIN), true, null), Actor.ANONYMOUS).join();
        tasks = new FxBackgroundTasks();
    }

    @AfterAll
    static void close() {
        tasks.close();
        fixture.close();
    }

    @Start
    void start(Stage stage) {
        WorkbenchApp.Ui ui = TestWorkbench.ui(TestWorkbench.on(fixture, null), tasks);
        stage.setScene(ui.scene());
        stage.show();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }

    @Test
    void anAdminAddsAUserIssuesATokenAndDisablesTheUserWithTheKeyboard(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT6).release(KeyCode.CONTROL);
        TableView<UserRow> users = robot.lookup(".users-table").queryTableView();
        waitFor(() -> users.isVisible() && users.getItems().size() == 1);

        robot.press(KeyCode.ALT).type(KeyCode.I).release(KeyCode.ALT);
        waitFor(() -> robot.lookup("#idField").queryAs(TextField.class).isFocused());
        robot.write("7");
        robot.press(KeyCode.ALT).type(KeyCode.N).release(KeyCode.ALT);
        robot.write("Nora Auditor");
        // Name, then the roles in order: auditor first.
        robot.type(KeyCode.TAB).type(KeyCode.SPACE);
        robot.press(KeyCode.ALT).type(KeyCode.A).release(KeyCode.ALT);

        waitFor(() -> access.user(7).isPresent() && users.getItems().size() == 2);
        User nora = access.user(7).orElseThrow();
        assertEquals("Nora Auditor", nora.name());
        assertEquals(Set.of(Role.AUDITOR), nora.roles());
        waitFor(() -> users.getSelectionModel().getSelectedItem() != null && users.getSelectionModel().getSelectedItem().id() == 7);
        assertEquals("User 7 (Nora Auditor) added", robot.lookup("#accessMessage").queryAs(Label.class).getText());

        // Issue a token: it shows once, selected, and the copy button puts it on the clipboard.
        robot.press(KeyCode.ALT).type(KeyCode.K).release(KeyCode.ALT);
        TextField secret = robot.lookup("#tokenField").queryAs(TextField.class);
        javafx.scene.Node tokenBox = robot.lookup(".token-box").query();
        waitFor(() -> tokenBox.isVisible() && secret.getText().startsWith(AccessService.TOKEN_PREFIX));
        assertEquals(7, access.authenticate(secret.getText()).orElseThrow().id());
        robot.press(KeyCode.ALT).type(KeyCode.C).release(KeyCode.ALT);
        // Headless Monocle has no system clipboard to read back: the view says what it did.
        Label message = robot.lookup("#accessMessage").queryAs(Label.class);
        waitFor(() -> "Token copied to the clipboard".equals(message.getText()));
        robot.press(KeyCode.ALT).type(KeyCode.E).release(KeyCode.ALT);
        waitFor(() -> !tokenBox.isVisible());
        assertEquals("", secret.getText(), "the secret is gone once done");

        // Disable (the confirmation is answered yes by the recording dialogs).
        robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
        waitFor(() -> !access.user(7).orElseThrow().active());
        waitFor(() -> "Disabled".equals(users.getSelectionModel().getSelectedItem().status()));
        assertEquals("User 7 (Nora Auditor) disabled", message.getText());
        assertFalse(message.getStyleClass().contains("banner-danger"));
    }
}
