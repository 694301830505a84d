package io.timetravel.gui;

import io.timetravel.service.RecordService;

/**
 * What the desktop workbench is given to work with.
 *
 * @param listenerUrl     the HTTP listener's base URL, or {@code null} when it is not running
 * @param listenerProblem why the listener is not running, or {@code null}
 */
public record Workbench(
        RecordService records,
        String databasePath,
        String listenerUrl,
        String listenerProblem,
        String appVersion) {
}
