package io.timetravel.gui.archfixture;

import javafx.fxml.FXML;
import javafx.scene.control.TableView;

/** An FXML controller holding a table, as views do: the rule lets it be. Never loaded. */
public final class PlantedSummaryView {

    @FXML
    private TableView<String> rows;

    public int shown() {
        return rows.getItems().size();
    }
}
