package io.timetravel.gui.diff;

import javafx.fxml.FXML;

/** The diff tab's controller. TODO(issue 5): the diff view is being built on its own branch. */
public final class DiffView {

    @FXML
    private void initialize() {
    }
}
