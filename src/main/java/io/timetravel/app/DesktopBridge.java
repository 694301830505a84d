package io.timetravel.app;

import io.timetravel.gui.Desk;
import io.timetravel.gui.Workbench;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.gui.shell.WorkbenchApp;
import java.util.function.Supplier;

/** Hands the wired services to the desktop workbench; the only class of app that names the GUI. */
final class DesktopBridge {

    private DesktopBridge() {
    }

    /**
     * Opens the window and returns when it is closed. The window shows at once; {@code opener}
     * opens the database and starts the services behind it.
     */
    static void launch(String database, Supplier<AppContext> opener) {
        WorkbenchApp.launchAndWait(database, () -> workbench(opener.get()));
    }

    private static Workbench workbench(AppContext context) {
        return new Workbench(
                context.records(),
                context.history(),
                context.eventLog(),
                WorkbenchAccess.of(context.access()),
                new Desk(context.audit(), context.ledger(), context.flags(), context.snapshots(), context.access(),
                        context.metrics(), context.premiums(), context.recalculations()),
                // The account the process runs as: a user mapped to it acts verified.
                osAccount(),
                context.database().describe(),
                context.listenerUrl(),
                context.listenerProblem(),
                AppContext.version(),
                context.options().demo());
    }

    /**
     * The operating-system account this process runs as, as the OS reports it. Not the
     * {@code user.name} property: anyone starting the JVM can set that ({@code -Duser.name=alice})
     * and would then act as alice, verified.
     */
    static String osAccount() {
        return ProcessHandle.current().info().user().map(DesktopBridge::withoutDomain).orElse(null);
    }

    /** Windows reports {@code DOMAIN\\user}; mappings name the user. */
    private static String withoutDomain(String account) {
        int slash = account.lastIndexOf('\\');
        return slash < 0 ? account : account.substring(slash + 1);
    }
}
