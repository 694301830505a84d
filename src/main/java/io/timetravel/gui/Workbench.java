package io.timetravel.gui;

import io.timetravel.service.EventLog;
import io.timetravel.service.HistoryService;
import io.timetravel.service.RecordService;

/**
 * What the desktop workbench is given to work with: the services, and facts for the status bar.
 *
 * @param events          the event log, to see changes made elsewhere (the API) as they commit
 * @param access          who the user is, and the masking of what they are shown
 * @param desk            the services of the audit, flag, snapshot, dashboard and access views
 * @param osUser          the operating-system account running the workbench, for a verified identity
 * @param listenerUrl     the HTTP listener's base URL, or {@code null} when it is not running
 * @param listenerProblem why the listener is not running, or {@code null}
 * @param sampleDataAtStart load the sample data into an empty database once the window shows ({@code --demo})
 */
public record Workbench(
        RecordService records,
        HistoryService history,
        EventLog events,
        WorkbenchAccess access,
        Desk desk,
        String osUser,
        String databasePath,
        String listenerUrl,
        String listenerProblem,
        String appVersion,
        boolean sampleDataAtStart) {
}
