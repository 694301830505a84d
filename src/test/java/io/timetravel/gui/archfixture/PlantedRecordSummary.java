package io.timetravel.gui.archfixture;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.TableView;

/**
 * A class of the desktop that is not a view (no {@code @FXML} members, not a node, not marked
 * view-side) and not named like a view model, yet holds a table: planted for
 * {@code ArchitectureRulesTest}. Never called.
 */
public final class PlantedRecordSummary {

    private final StringProperty title = new SimpleStringProperty();
    private final TableView<String> rows = new TableView<>();

    public StringProperty titleProperty() {
        return title;
    }

    public int shown() {
        return rows.getItems().size();
    }
}
