package io.timetravel.gui.history;

import javafx.fxml.FXML;

/** The history tab's controller. TODO(issue 5): the history view is being built on its own branch. */
public final class HistoryView {

    @FXML
    private void initialize() {
    }
}
