package io.timetravel.gui.edit;

import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.converter.LocalDateStringConverter;

/** The edit dialog's controller: the field table, the editor of the selected field, back-dating, valid until, reason. */
public final class EditView {

    private final EditViewModel viewModel;

    @FXML
    private Label headerLabel;
    @FXML
    private TableView<FieldEdit> fieldTable;
    @FXML
    private TableColumn<FieldEdit, String> nameColumn;
    @FXML
    private TableColumn<FieldEdit, FieldType> typeColumn;
    @FXML
    private TableColumn<FieldEdit, String> valueColumn;
    @FXML
    private Label selectedLabel;
    @FXML
    private ComboBox<FieldType> typeBox;
    @FXML
    private TextArea valueArea;
    @FXML
    private Button removeButton;
    @FXML
    private TextField newNameField;
    @FXML
    private ComboBox<FieldType> newTypeBox;
    @FXML
    private CheckBox backDatedBox;
    @FXML
    private DatePicker effectiveDatePicker;
    @FXML
    private TextField effectiveTimeField;
    @FXML
    private CheckBox validToBox;
    @FXML
    private DatePicker validToDatePicker;
    @FXML
    private TextField validToTimeField;
    @FXML
    private Label datesProblemLabel;
    @FXML
    private TextField reasonField;
    @FXML
    private Label summaryLabel;
    @FXML
    private Label problemLabel;

    private final Tooltip maskedTip = new Tooltip(Messages.get("access.masked"));
    private final javafx.beans.property.BooleanProperty selectedMasked = new javafx.beans.property.SimpleBooleanProperty();

    public EditView(EditViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        headerLabel.setText(Messages.get("edit.header", viewModel.current().recordId(), viewModel.current().version()));
        nameColumn.setCellValueFactory(cell -> cell.getValue().nameProperty());
        typeColumn.setCellValueFactory(cell -> cell.getValue().typeProperty());
        valueColumn.setCellValueFactory(cell -> cell.getValue().valueProperty());
        fieldTable.setItems(viewModel.fields());
        fieldTable.setRowFactory(table -> new FieldRow());
        fieldTable.getSelectionModel().selectedItemProperty().addListener((observable, old, field) -> viewModel.selectedProperty().set(field));
        viewModel.selectedProperty().addListener((observable, old, field) -> {
            if (old != null) {
                typeBox.valueProperty().unbindBidirectional(old.typeProperty());
                valueArea.textProperty().unbindBidirectional(old.valueProperty());
            }
            selectedMasked.set(field != null && field.isMasked());
            // Masked personal data: readable (and its tooltip shown), never editable.
            valueArea.setEditable(field == null || !field.isMasked());
            valueArea.setTooltip(field != null && field.isMasked() ? maskedTip : null);
            if (field != null) {
                typeBox.valueProperty().bindBidirectional(field.typeProperty());
                valueArea.textProperty().bindBidirectional(field.valueProperty());
                fieldTable.getSelectionModel().select(field);
                selectedLabel.setText(field.nameProperty().get());
                removeButton.textProperty().bind(Bindings.createStringBinding(() -> field.isNew() ? Messages.get("edit.discard")
                        : field.removedProperty().get() ? Messages.get("edit.keep") : Messages.get("edit.remove"),
                        field.removedProperty()));
            } else {
                selectedLabel.setText(Messages.get("edit.noneSelected"));
            }
        });
        typeBox.getItems().setAll(FieldType.values());
        newTypeBox.getItems().setAll(FieldType.values());
        typeBox.disableProperty().bind(viewModel.selectedProperty().isNull().or(selectedMasked));
        valueArea.disableProperty().bind(viewModel.selectedProperty().isNull());
        removeButton.disableProperty().bind(viewModel.selectedProperty().isNull().or(selectedMasked));
        newNameField.textProperty().bindBidirectional(viewModel.newNameProperty());
        newTypeBox.valueProperty().bindBidirectional(viewModel.newTypeProperty());
        bindInstant(backDatedBox, viewModel.backDatedProperty(), effectiveDatePicker, viewModel.effectiveDateProperty(),
                effectiveTimeField, viewModel.effectiveTimeProperty());
        bindInstant(validToBox, viewModel.boundedProperty(), validToDatePicker, viewModel.validToDateProperty(),
                validToTimeField, viewModel.validToTimeProperty());
        // A problem with the dates shows next to them; the line below the form says the others.
        datesProblemLabel.textProperty().bind(viewModel.datesProblemProperty());
        Visibility.showWhile(datesProblemLabel, viewModel.datesProblemProperty().isNotEmpty());
        reasonField.textProperty().bindBidirectional(viewModel.reasonProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhile(problemLabel, viewModel.problemProperty().isNotEmpty()
                .and(viewModel.problemProperty().isNotEqualTo(viewModel.datesProblemProperty())));
        if (!viewModel.fields().isEmpty()) {
            viewModel.selectedProperty().set(viewModel.fields().get(0));
        }
    }

    /** A checkbox that enables a date and a time of day: the effective or the valid-until instant. */
    private void bindInstant(CheckBox box, BooleanProperty on, DatePicker datePicker, ObjectProperty<LocalDate> date,
                             TextField timeField, StringProperty time) {
        box.selectedProperty().bindBidirectional(on);
        // ISO dates, as everywhere else in the workbench, whatever the machine's locale.
        datePicker.setConverter(new LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE));
        datePicker.setPromptText("yyyy-mm-dd");
        datePicker.valueProperty().bindBidirectional(date);
        timeField.textProperty().bindBidirectional(time);
        datePicker.disableProperty().bind(box.selectedProperty().not());
        timeField.disableProperty().bind(box.selectedProperty().not());
    }

    @FXML
    private void addField() {
        viewModel.addField();
    }

    @FXML
    private void toggleRemoved() {
        FieldEdit field = viewModel.selectedProperty().get();
        if (field != null) {
            viewModel.toggleRemoved(field);
        }
    }

    /** Colours a field by what the edit does to it: added, removed, changed; follows edits while shown. */
    private static final class FieldRow extends TableRow<FieldEdit> {
        private final InvalidationListener restyle = observable -> style();
        private FieldEdit watched;

        @Override
        protected void updateItem(FieldEdit field, boolean empty) {
            super.updateItem(field, empty);
            if (watched != null) {
                watched.valueProperty().removeListener(restyle);
                watched.typeProperty().removeListener(restyle);
                watched.removedProperty().removeListener(restyle);
            }
            watched = empty ? null : field;
            if (watched != null) {
                watched.valueProperty().addListener(restyle);
                watched.typeProperty().addListener(restyle);
                watched.removedProperty().addListener(restyle);
            }
            style();
        }

        private void style() {
            getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed", "masked");
            setTooltip(null);
            if (watched == null) {
                return;
            }
            if (watched.isMasked()) {
                getStyleClass().add("masked");
                setTooltip(new Tooltip(Messages.get("access.masked")));
                return;
            }
            if (watched.isNew()) {
                getStyleClass().add("diff-added");
            } else if (watched.removedProperty().get()) {
                getStyleClass().add("diff-removed");
            } else if (changed(watched)) {
                getStyleClass().add("diff-changed");
            }
        }

        private static boolean changed(FieldEdit field) {
            try {
                return !field.typeProperty().get().parse(field.valueProperty().get()).equals(field.original());
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
    }
}
