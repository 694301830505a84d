package io.timetravel.app;

import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.WorkbenchApp;

/** Hands the wired services to the desktop workbench; the only class of app that names the GUI. */
final class DesktopBridge {

    private DesktopBridge() {
    }

    /** Opens the window and returns when it is closed. */
    static void launch(AppContext context) {
        WorkbenchApp.launchAndWait(new Workbench(
                context.records(),
                context.history(),
                context.eventLog(),
                WorkbenchAccess.of(context.access()),
                // The account the process runs as: a user mapped to it acts verified.
                System.getProperty("user.name"),
                context.database().file().toString(),
                context.listenerUrl(),
                context.listenerProblem(),
                AppContext.version()));
    }
}
