package io.timetravel.gui;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.service.EventLog;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Brings changes made elsewhere (through the HTTP API, say) into the open window: every commit's
 * record events become {@link WorkspaceState#recordChanged} calls on the FX thread.
 */
public final class LiveUpdates {

    private LiveUpdates() {
    }

    /**
     * Subscribes {@code state} to {@code events}. The event log calls back on the writer thread,
     * which must never wait, so the work is only handed to {@code fxThread}.
     */
    public static void connect(EventLog events, WorkspaceState state, Executor fxThread) {
        events.onCommit((List<EventLogEntry> committed) -> {
            List<EventLogEntry> records = committed.stream().filter(e -> e.recordId() != null && e.version() != null).toList();
            if (!records.isEmpty()) {
                fxThread.execute(() -> records.forEach(e -> state.recordChanged(e.recordId(), e.version(), e.id())));
            }
        });
    }
}
