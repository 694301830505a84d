package io.timetravel.gui.restore;

import io.timetravel.gui.Messages;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.stage.WindowEvent;

/** The restore dialog's controller: the target, the changes it applies, the reason. */
public final class RestoreView {

    private final RestoreViewModel viewModel;

    @FXML
    private Label headerLabel;
    @FXML
    private RadioButton byVersionButton;
    @FXML
    private RadioButton byInstantButton;
    @FXML
    private Spinner<Integer> versionSpinner;
    @FXML
    private TextField instantField;
    @FXML
    private Label targetLabel;
    @FXML
    private TableView<PreviewRow> previewTable;
    @FXML
    private TableColumn<PreviewRow, String> fieldColumn;
    @FXML
    private TableColumn<PreviewRow, String> nowColumn;
    @FXML
    private TableColumn<PreviewRow, String> restoredColumn;
    @FXML
    private Label reasonLabel;
    @FXML
    private TextField reasonField;
    @FXML
    private Label problemLabel;

    public RestoreView(RestoreViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        headerLabel.setText(Messages.get("restore.header", viewModel.current().recordId(), viewModel.versions()));
        ToggleGroup mode = new ToggleGroup();
        byVersionButton.setToggleGroup(mode);
        byInstantButton.setToggleGroup(mode);
        byVersionButton.setSelected(!viewModel.byInstantProperty().get());
        byInstantButton.selectedProperty().bindBidirectional(viewModel.byInstantProperty());
        int latest = (int) viewModel.versions();
        Long start = viewModel.targetVersionProperty().get();
        SpinnerValueFactory.IntegerSpinnerValueFactory versions =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, latest, start == null ? 1 : start.intValue());
        versionSpinner.setValueFactory(versions);
        versionSpinner.setEditable(true);
        versions.valueProperty().addListener((observable, old, value) -> viewModel.targetVersionProperty().set(value.longValue()));
        versionSpinner.disableProperty().bind(viewModel.byInstantProperty());
        instantField.textProperty().bindBidirectional(viewModel.instantTextProperty());
        instantField.disableProperty().bind(viewModel.byInstantProperty().not());
        targetLabel.textProperty().bind(viewModel.targetDescriptionProperty());
        fieldColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().field()));
        nowColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().now()));
        restoredColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().restored()));
        previewTable.setItems(viewModel.preview());
        previewTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(PreviewRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                if (!empty && row != null) {
                    getStyleClass().add(row.kind());
                }
            }
        });
        reasonLabel.setLabelFor(reasonField); // Alt+R
        reasonField.textProperty().bindBidirectional(viewModel.reasonProperty());
        // The version is offered already: the keyboard starts in the reason, so a restore is
        // Ctrl+R, the reason, Enter.
        reasonField.sceneProperty().addListener((observable, old, scene) -> {
            if (scene != null && scene.getWindow() != null) {
                scene.getWindow().addEventHandler(WindowEvent.WINDOW_SHOWN, event -> reasonField.requestFocus());
            } else if (scene != null) {
                scene.windowProperty().addListener((o, was, window) -> {
                    if (window != null) {
                        window.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> reasonField.requestFocus());
                    }
                });
            }
        });
        reasonField.focusedProperty().addListener((observable, was, focused) -> {
            if (was && !focused) {
                viewModel.touchReason();
            }
        });
        problemLabel.textProperty().bind(viewModel.shownProblemProperty());
    }
}
