package io.timetravel.gui.shell;

import io.timetravel.gui.Messages;
import io.timetravel.gui.Workbench;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The window frame: its title and the status bar's database and listener lines. */
public final class MainViewModel {

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper listener = new ReadOnlyStringWrapper();
    private final boolean listenerDown;

    public MainViewModel(Workbench workbench) {
        title.set(Messages.get("app.title", workbench.appVersion()));
        database.set(Messages.get("status.database", workbench.databasePath()));
        if (workbench.listenerUrl() != null) {
            listener.set(Messages.get("status.listener", workbench.listenerUrl()));
            listenerDown = false;
        } else if (workbench.listenerProblem() != null) {
            listener.set(Messages.get("status.listenerProblem", workbench.listenerProblem()));
            listenerDown = true;
        } else {
            listener.set(Messages.get("status.listenerOff"));
            listenerDown = true;
        }
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty listenerProperty() {
        return listener.getReadOnlyProperty();
    }

    /** Whether the listener line reports a problem (shown as a warning). */
    public boolean listenerDown() {
        return listenerDown;
    }
}
