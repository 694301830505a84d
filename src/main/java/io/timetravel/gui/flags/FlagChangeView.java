package io.timetravel.gui.flags;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The change form's controller: what changes, as whom, and the reason. */
public final class FlagChangeView {

    private final FlagChangeViewModel viewModel;

    @FXML
    private Label headerLabel;
    @FXML
    private VBox changesBox;
    @FXML
    private Label actorLabel;
    @FXML
    private TextField reasonField;
    @FXML
    private Label problemLabel;

    public FlagChangeView(FlagChangeViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** The form behind this layout (tests fill it in as a user would). */
    FlagChangeViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        headerLabel.setText(viewModel.key());
        for (String line : viewModel.lines()) {
            Label change = new Label(line);
            change.getStyleClass().add("flag-change-line");
            change.setWrapText(true);
            changesBox.getChildren().add(change);
        }
        actorLabel.setText(viewModel.actor());
        reasonField.textProperty().bindBidirectional(viewModel.reasonProperty());
        problemLabel.textProperty().bind(viewModel.check().shownProblemProperty());
        Platform.runLater(reasonField::requestFocus);
    }
}
