package io.timetravel.gui.timeline;

import javafx.fxml.FXML;

/** The timeline tab's controller. TODO(issue 5): the timeline view is being built on its own branch. */
public final class TimelineView {

    @FXML
    private void initialize() {
    }
}
