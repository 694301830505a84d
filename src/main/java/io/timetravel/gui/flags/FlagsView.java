package io.timetravel.gui.flags;

import atlantafx.base.controls.ToggleSwitch;
import io.timetravel.gui.DeskTables;
import io.timetravel.gui.GraphicCell;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The Flags view's controller: binds the flag table, the editor of the selected flag and its
 * history to {@link FlagsViewModel}, and makes the editor work from the keyboard (Space toggles
 * the switch, arrows move the slider, Enter opens the change form).
 */
public final class FlagsView {

    private final FlagsViewModel viewModel;

    @FXML
    private TextField filterField;
    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private Label readOnlyLabel;
    @FXML
    private TableView<FlagRow> flagsTable;
    @FXML
    private TableColumn<FlagRow, String> keyColumn;
    @FXML
    private TableColumn<FlagRow, Boolean> stateColumn;
    @FXML
    private TableColumn<FlagRow, Integer> rolloutColumn;
    @FXML
    private TableColumn<FlagRow, String> regionsColumn;
    @FXML
    private TableColumn<FlagRow, String> changedColumn;
    @FXML
    private Label placeholderLabel;
    @FXML
    private VBox editor;
    @FXML
    private Label keyLabel;
    @FXML
    private Label dirtyLabel;
    @FXML
    private ToggleSwitch enabledSwitch;
    @FXML
    private Label switchLabel;
    @FXML
    private Slider rolloutSlider;
    @FXML
    private TextField rolloutField;
    @FXML
    private FlowPane regionChips;
    @FXML
    private ComboBox<String> flagRegionBox;
    @FXML
    private Button addRegionButton;
    @FXML
    private TextField descriptionField;
    @FXML
    private Label lastChangeLabel;
    @FXML
    private Label noticeLabel;
    @FXML
    private Label draftProblemLabel;
    @FXML
    private Button applyButton;
    @FXML
    private Button revertButton;
    @FXML
    private Label historyTitle;
    @FXML
    private TableView<FlagHistoryRow> flagHistoryTable;
    @FXML
    private TableColumn<FlagHistoryRow, String> whenColumn;
    @FXML
    private TableColumn<FlagHistoryRow, String> whoColumn;
    @FXML
    private TableColumn<FlagHistoryRow, String> identityColumn;
    @FXML
    private TableColumn<FlagHistoryRow, String> changeColumn;
    @FXML
    private TableColumn<FlagHistoryRow, String> reasonColumn;
    @FXML
    private Label statusLabel;

    public FlagsView(FlagsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        table();
        editor();
        history();
        filterField.textProperty().bindBidirectional(viewModel.filterProperty());
        DeskTables.filter(filterField, flagsTable, viewModel.shown(), viewModel.focusRequestProperty());
        loadingIndicator.visibleProperty().bind(viewModel.loadingProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        readOnlyLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("flags.readOnly", viewModel.changeBlockedProperty().get()), viewModel.changeBlockedProperty()));
        Visibility.showWhile(readOnlyLabel, viewModel.canChangeProperty().not());
    }

    private void table() {
        keyColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().key()));
        stateColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().flag().enabled()));
        stateColumn.setCellFactory(column -> new StateCell());
        rolloutColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().flag().rolloutPercentage()));
        rolloutColumn.setCellFactory(column -> DeskTables.formatted(percentage -> percentage + "%"));
        regionsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().regionsText()));
        changedColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().lastChangeShort()));
        flagsTable.setItems(viewModel.shown());
        placeholderLabel.textProperty().bind(Bindings.when(viewModel.loadingProperty())
                .then(Messages.get("flags.loading")).otherwise(Messages.get("flags.none")));
        flagsTable.setRowFactory(table -> {
            TableRow<FlagRow> row = new TableRow<>();
            row.itemProperty().addListener((observable, old, item) -> row.setTooltip(item == null ? null
                    : new Tooltip(item.flag().description() + "\n" + Messages.get("flags.changedByLine", item.lastChange(),
                            item.changedBy()))));
            return row;
        });
        flagsTable.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> {
            if (row != null) {
                viewModel.selectedProperty().set(row);
            }
        });
        viewModel.selectedProperty().addListener((observable, old, row) -> {
            if (row != null && !row.equals(flagsTable.getSelectionModel().getSelectedItem())) {
                flagsTable.getSelectionModel().select(row);
            }
        });
        // Enter in the table: on to the editor, starting with the switch.
        flagsTable.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && viewModel.selectedProperty().get() != null) {
                enabledSwitch.requestFocus();
                event.consume();
            }
        });
    }

    private void editor() {
        editor.disableProperty().bind(viewModel.selectedProperty().isNull());
        keyLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedProperty().get() == null
                ? Messages.get("flags.selectHint") : viewModel.selectedProperty().get().key(), viewModel.selectedProperty()));
        dirtyLabel.visibleProperty().bind(viewModel.dirtyProperty());

        Node[] controls = {enabledSwitch, rolloutSlider, rolloutField, flagRegionBox, addRegionButton, descriptionField};
        for (Node control : controls) {
            control.disableProperty().bind(viewModel.canChangeProperty().not());
        }
        enabledSwitch();
        rollout();
        regions();
        draftState();
        enterOpensChange();
    }

    private void enabledSwitch() {
        // AtlantaFX's switch takes no keys of its own: Space toggles it, as a check box.
        enabledSwitch.setFocusTraversable(true);
        enabledSwitch.selectedProperty().bindBidirectional(viewModel.draft().enabledProperty());
        enabledSwitch.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.SPACE && !enabledSwitch.isDisabled()) {
                enabledSwitch.setSelected(!enabledSwitch.isSelected());
                event.consume();
            }
        });
        enabledSwitch.setOnMouseClicked(event -> enabledSwitch.requestFocus());
        switchLabel.textProperty().bind(Bindings.when(viewModel.draft().enabledProperty())
                .then(Messages.get("flags.on")).otherwise(Messages.get("flags.off")));
        enabledSwitch.setAccessibleText(Messages.get("flags.switch"));
    }

    /** The slider and the field show the draft's percentage; the view model keeps them in step. */
    private void rollout() {
        rolloutSlider.setValue(viewModel.draft().rolloutProperty().get());
        rolloutSlider.valueProperty().addListener((observable, old, value) -> {
            int percentage = (int) Math.round(value.doubleValue());
            if (percentage != viewModel.draft().rolloutProperty().get()) {
                viewModel.draft().rolloutProperty().set(percentage);
            }
        });
        viewModel.draft().rolloutProperty().addListener((observable, old, value) -> {
            if ((int) Math.round(rolloutSlider.getValue()) != value.intValue()) {
                rolloutSlider.setValue(value.intValue());
            }
        });
        rolloutField.textProperty().bindBidirectional(viewModel.draft().rolloutTextProperty());
    }

    /** The region box adds a code (Enter, or a choice from its list); the chips show the draft's regions. */
    private void regions() {
        flagRegionBox.setItems(viewModel.regionSuggestions());
        flagRegionBox.getEditor().textProperty().bindBidirectional(viewModel.draft().regionInputProperty());
        flagRegionBox.getEditor().addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                viewModel.addRegion();
                event.consume();
            }
        });
        flagRegionBox.valueProperty().addListener((observable, old, value) -> {
            if (value != null && !value.isBlank() && flagRegionBox.isShowing()) {
                viewModel.draft().regionInputProperty().set(value);
            }
        });
        viewModel.draft().regions().addListener((ListChangeListener<String>) change -> chips());
        viewModel.canChangeProperty().addListener((observable, old, can) -> chips());
        chips();
    }

    /** The description, the flag's last change, and what the draft is: news, problems, whether it may be applied. */
    private void draftState() {
        descriptionField.textProperty().bindBidirectional(viewModel.draft().descriptionProperty());
        lastChangeLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            FlagRow row = viewModel.selectedProperty().get();
            return row == null ? "" : Messages.get("flags.changedByLine", row.lastChange(), row.changedBy());
        }, viewModel.selectedProperty()));
        noticeLabel.textProperty().bind(viewModel.noticeProperty());
        Visibility.showWhile(noticeLabel, viewModel.noticeProperty().isNotEmpty());
        draftProblemLabel.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhile(draftProblemLabel, viewModel.problemProperty().isNotEmpty());
        applyButton.disableProperty().bind(viewModel.canChangeProperty().not().or(viewModel.dirtyProperty().not()));
        revertButton.disableProperty().bind(viewModel.dirtyProperty().not());
    }

    private void enterOpensChange() {
        // Enter anywhere in the editor opens the change form; in the region box it adds the region
        // (the combo box may hand its Enter on to its parent, so that case is told apart here).
        editor.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() != KeyCode.ENTER || event.isConsumed()) {
                return;
            }
            if (flagRegionBox.isFocused() || flagRegionBox.getEditor().isFocused()) {
                viewModel.addRegion();
            } else {
                viewModel.openChange();
            }
            event.consume();
        });
    }

    /** One chip per region of the draft; pressing a chip (Space, or a click) removes that region. */
    private void chips() {
        regionChips.getChildren().clear();
        if (viewModel.draft().regions().isEmpty()) {
            Label everywhere = new Label(Messages.get("flags.everywhereChip"));
            everywhere.getStyleClass().add("muted");
            regionChips.getChildren().add(everywhere);
            return;
        }
        for (String code : viewModel.draft().regions()) {
            Button chip = new Button(code + "  \u2715");
            chip.getStyleClass().add("region-chip");
            chip.setAccessibleText(Messages.get("flags.removeRegion", code));
            chip.setTooltip(new Tooltip(Messages.get("flags.removeRegion", code)));
            chip.setDisable(!viewModel.canChangeProperty().get());
            chip.setOnAction(event -> {
                viewModel.removeRegion(code);
                Platform.runLater(() -> flagRegionBox.requestFocus());
            });
            regionChips.getChildren().add(chip);
        }
    }

    private void history() {
        flagHistoryTable.setItems(viewModel.history());
        whenColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().when()));
        whoColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().who()));
        identityColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().identity()));
        changeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().change()));
        changeColumn.setCellFactory(column -> DeskTables.textWithTooltip());
        reasonColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().reason()));
        reasonColumn.setCellFactory(column -> DeskTables.textWithTooltip());
        flagHistoryTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(FlagHistoryRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("flag-external");
                if (!empty && row != null && row.external()) {
                    getStyleClass().add("flag-external");
                }
            }
        });
        historyTitle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedProperty().get() == null
                ? Messages.get("flags.historyTitleNone")
                : Messages.get("flags.historyTitle", viewModel.selectedProperty().get().key(), viewModel.history().size()),
                viewModel.selectedProperty(), viewModel.history()));
    }

    /** On or off, as a small coloured tag. */
    private static final class StateCell extends GraphicCell<FlagRow, Boolean> {
        private final Label tag = new Label();

        @Override
        protected void show(Boolean on) {
            tag.setText(Messages.get(on ? "flags.on" : "flags.off"));
            tag.getStyleClass().setAll("label", "state-pill", "flag-state", on ? "flag-on" : "flag-off");
            setGraphic(tag);
        }
    }

    @FXML
    private void refresh() {
        viewModel.reload();
    }

    @FXML
    private void addRegion() {
        viewModel.addRegion();
    }

    @FXML
    private void apply() {
        viewModel.openChange();
    }

    @FXML
    private void revert() {
        viewModel.revert();
    }
}
