package io.timetravel.gui;

import io.timetravel.service.RecordService;
import java.time.ZoneId;

/**
 * What the views of the records read with, passed together: the records themselves, the rules
 * of what the user may see (and the access log of what was shown), the state the views share,
 * the background tasks, and the user's time zone.
 */
public record RecordViewContext(RecordService records, WorkbenchAccess access, WorkspaceState state, BackgroundTasks tasks,
                                ZoneId zone) {
}
