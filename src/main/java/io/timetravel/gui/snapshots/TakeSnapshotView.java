package io.timetravel.gui.snapshots;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** The take-a-snapshot form's controller. */
public final class TakeSnapshotView {

    private final TakeSnapshotViewModel viewModel;

    @FXML
    private TextField atField;
    @FXML
    private TextField asOfField;
    @FXML
    private TextField reasonField;
    @FXML
    private Label requesterLabel;
    @FXML
    private Label problemLabel;

    public TakeSnapshotView(TakeSnapshotViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** The form behind this layout (tests fill it in as a user would). */
    TakeSnapshotViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        atField.textProperty().bindBidirectional(viewModel.atTextProperty());
        asOfField.textProperty().bindBidirectional(viewModel.asOfTextProperty());
        reasonField.textProperty().bindBidirectional(viewModel.reasonProperty());
        requesterLabel.setText(viewModel.requester());
        problemLabel.textProperty().bind(viewModel.check().shownProblemProperty());
        Platform.runLater(reasonField::requestFocus);
    }
}
