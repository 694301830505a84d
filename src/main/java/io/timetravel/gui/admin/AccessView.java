package io.timetravel.gui.admin;

import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Access view's controller: the users table and form, the token box (the secret shown once,
 * with a copy button) and the field policies; only binds and forwards, the view model decides.
 */
public final class AccessView {

    private final AccessViewModel viewModel;

    @FXML
    private Label forbiddenLabel;
    @FXML
    private Label accessMessage;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private TabPane accessTabs;
    @FXML
    private Label usersLabel;
    @FXML
    private TableView<UserRow> usersTable;
    @FXML
    private TableColumn<UserRow, Long> idColumn;
    @FXML
    private TableColumn<UserRow, String> nameColumn;
    @FXML
    private TableColumn<UserRow, String> rolesColumn;
    @FXML
    private TableColumn<UserRow, String> piiColumn;
    @FXML
    private TableColumn<UserRow, String> osColumn;
    @FXML
    private TableColumn<UserRow, String> statusColumn;
    @FXML
    private TableColumn<UserRow, String> createdColumn;
    @FXML
    private Label userFormTitle;
    @FXML
    private Label idLabel;
    @FXML
    private TextField idField;
    @FXML
    private Label nameLabel;
    @FXML
    private TextField nameField;
    @FXML
    private FlowPane rolesPane;
    @FXML
    private CheckBox piiCheck;
    @FXML
    private Label osLabel;
    @FXML
    private TextField osField;
    @FXML
    private Button addButton;
    @FXML
    private Button saveButton;
    @FXML
    private Button disableButton;
    @FXML
    private Button enableButton;
    @FXML
    private VBox tokensCard;
    @FXML
    private Label expiryLabel;
    @FXML
    private TextField expiryField;
    @FXML
    private Button issueButton;
    @FXML
    private Button revokeButton;
    @FXML
    private VBox tokenBox;
    @FXML
    private TextField tokenField;
    @FXML
    private Label tokenFacts;
    @FXML
    private Button copyButton;
    @FXML
    private Label policiesLabel;
    @FXML
    private TableView<FieldPolicy> policiesTable;
    @FXML
    private TableColumn<FieldPolicy, String> pathColumn;
    @FXML
    private TableColumn<FieldPolicy, String> maskingColumn;
    @FXML
    private Label pathLabel;
    @FXML
    private TextField pathField;
    @FXML
    private Label maskingLabel;
    @FXML
    private ComboBox<FieldPolicy.Masking> maskingBox;
    @FXML
    private Label visibleLabel;
    @FXML
    private TextField visibleField;
    @FXML
    private Button removePolicyButton;

    public AccessView(AccessViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        Visibility.allowedOrWhyNot(accessTabs, viewModel.allowedProperty(), forbiddenLabel, viewModel.whyNotProperty(),
                "admin.forbidden");
        accessMessage.textProperty().bind(viewModel.messageProperty());
        Visibility.showWhile(accessMessage, viewModel.messageProperty().isNotEmpty());
        viewModel.failedProperty().addListener((observable, was, failed) -> messageStyle(failed));
        messageStyle(viewModel.failedProperty().get());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty().or(viewModel.loadingProperty()));

        users();
        userForm();
        tokens();
        policies();
    }

    private void users() {
        usersLabel.setLabelFor(usersTable);
        idColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().id()));
        nameColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().name()));
        rolesColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().roles()));
        piiColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().personalData()));
        osColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().osAccount()));
        statusColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().status()));
        createdColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().created()));
        usersTable.setItems(viewModel.users());
        selectFirstOnArrow(usersTable);
        usersTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        usersTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(UserRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("disabled-user"), !empty && row != null && !row.active());
            }
        });
        follow(usersTable, viewModel.selectedUserProperty());
    }

    private void userForm() {
        idLabel.setLabelFor(idField);
        nameLabel.setLabelFor(nameField);
        osLabel.setLabelFor(osField);
        userFormTitle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedUserProperty().get() == null
                ? Messages.get("admin.userFormNew")
                : Messages.get("admin.userFormEdit", viewModel.selectedUserProperty().get().id()), viewModel.selectedUserProperty()));
        idField.textProperty().bindBidirectional(viewModel.userForm().userIdProperty());
        idField.disableProperty().bind(viewModel.selectedUserProperty().isNotNull());
        nameField.textProperty().bindBidirectional(viewModel.userForm().nameProperty());
        osField.textProperty().bindBidirectional(viewModel.userForm().osAccountProperty());
        piiCheck.selectedProperty().bindBidirectional(viewModel.userForm().piiProperty());
        for (Role role : Role.values()) {
            CheckBox box = new CheckBox(role.key());
            box.setMnemonicParsing(false);
            box.setId("role-" + role.key());
            box.selectedProperty().bindBidirectional(viewModel.userForm().roleProperty(role));
            rolesPane.getChildren().add(box);
        }
        // Enter in a field adds a new user or saves the selected one.
        for (TextField field : new TextField[] {idField, nameField, osField}) {
            field.setOnAction(event -> {
                if (viewModel.selectedUserProperty().get() == null) {
                    viewModel.userForm().addUser();
                } else {
                    viewModel.userForm().saveUser();
                }
            });
        }
        Visibility.showWhile(addButton, viewModel.selectedUserProperty().isNull());
        Visibility.showWhile(saveButton, viewModel.selectedUserProperty().isNotNull());
        ObservableValue<Boolean> active = viewModel.selectedUserProperty().map(UserRow::active).orElse(false);
        ObservableValue<Boolean> inactive = viewModel.selectedUserProperty().map(row -> !row.active()).orElse(false);
        Visibility.showWhile(disableButton, active);
        Visibility.showWhile(enableButton, inactive);
        tokensCard.disableProperty().bind(viewModel.selectedUserProperty().isNull());
        addButton.disableProperty().bind(viewModel.busyProperty());
        saveButton.disableProperty().bind(viewModel.busyProperty());
    }

    private void tokens() {
        expiryLabel.setLabelFor(expiryField);
        expiryField.textProperty().bindBidirectional(viewModel.tokens().expiryDaysProperty());
        expiryField.setOnAction(event -> viewModel.tokens().issueToken());
        issueButton.disableProperty().bind(viewModel.busyProperty());
        revokeButton.disableProperty().bind(viewModel.busyProperty());
        tokenField.textProperty().bind(viewModel.tokens().issuedTokenProperty());
        tokenFacts.textProperty().bind(viewModel.tokens().issuedTokenFactsProperty());
        Visibility.showWhile(tokenBox, viewModel.tokens().issuedTokenProperty().isNotEmpty());
        // The keyboard goes to the copy button: Space or Enter copies (a text field would swallow Alt+C).
        viewModel.tokens().issuedTokenProperty().addListener((observable, old, token) -> {
            if (!token.isEmpty()) {
                Platform.runLater(copyButton::requestFocus);
            }
        });
    }

    private void policies() {
        policiesLabel.setLabelFor(policiesTable);
        pathLabel.setLabelFor(pathField);
        maskingLabel.setLabelFor(maskingBox);
        visibleLabel.setLabelFor(visibleField);
        pathColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().path()));
        maskingColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(PolicyFormViewModel.maskingName(cell.getValue())));
        policiesTable.setItems(viewModel.policies());
        selectFirstOnArrow(policiesTable);
        policiesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        follow(policiesTable, viewModel.selectedPolicyProperty());
        pathField.textProperty().bindBidirectional(viewModel.policyForm().policyPathProperty());
        pathField.setOnAction(event -> viewModel.policyForm().setPolicy());
        maskingBox.getItems().setAll(FieldPolicy.Masking.values());
        maskingBox.valueProperty().bindBidirectional(viewModel.policyForm().policyMaskingProperty());
        StringConverter<FieldPolicy.Masking> names = new StringConverter<>() {
            @Override
            public String toString(FieldPolicy.Masking masking) {
                return masking == null ? "" : Messages.get("admin.masking." + masking.key());
            }

            @Override
            public FieldPolicy.Masking fromString(String text) {
                return FieldPolicy.Masking.valueOf(text.toUpperCase(Locale.ROOT));
            }
        };
        maskingBox.setConverter(names);
        maskingBox.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(FieldPolicy.Masking masking, boolean empty) {
                super.updateItem(masking, empty);
                setText(empty ? "" : names.toString(masking));
            }
        });
        visibleField.textProperty().bindBidirectional(viewModel.policyForm().visibleCharsProperty());
        visibleField.setOnAction(event -> viewModel.policyForm().setPolicy());
        visibleField.disableProperty().bind(viewModel.policyForm().policyMaskingProperty().isNotEqualTo(FieldPolicy.Masking.PARTIAL));
        removePolicyButton.disableProperty().bind(viewModel.busyProperty());
    }

    /**
     * Keeps a table's selection and the view model's in step: choosing a row selects it there,
     * and the view model's choice (a user just added, say) is selected and scrolled to here.
     * Replacing the rows clears the table's selection for a moment; that is not a choice.
     */
    private static <T> void follow(TableView<T> table, javafx.beans.property.ObjectProperty<T> selected) {
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> {
            if (row != null) {
                selected.set(row);
            }
        });
        selected.addListener((observable, old, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
        });
    }

    /** An arrow key in a table with nothing selected selects the first row (the table would only move its focus). */
    private static void selectFirstOnArrow(TableView<?> table) {
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if ((event.getCode() == KeyCode.DOWN || event.getCode() == KeyCode.UP) && table.getSelectionModel().isEmpty()
                    && !table.getItems().isEmpty()) {
                table.getSelectionModel().select(0);
                table.getFocusModel().focus(0);
                event.consume();
            }
        });
    }

    private void messageStyle(boolean failed) {
        accessMessage.getStyleClass().removeAll("banner-danger", "banner-success");
        accessMessage.getStyleClass().add(failed ? "banner-danger" : "banner-success");
    }

    @FXML
    private void newUser() {
        viewModel.userForm().newUser();
        idField.requestFocus();
    }

    @FXML
    private void addUser() {
        viewModel.userForm().addUser();
    }

    @FXML
    private void saveUser() {
        viewModel.userForm().saveUser();
    }

    @FXML
    private void disableUser() {
        viewModel.userForm().disableUser();
    }

    @FXML
    private void enableUser() {
        viewModel.userForm().enableUser();
    }

    @FXML
    private void issueToken() {
        viewModel.tokens().issueToken();
    }

    @FXML
    private void revokeTokens() {
        viewModel.tokens().revokeTokens();
    }

    @FXML
    private void copyToken() {
        ClipboardContent content = new ClipboardContent();
        content.putString(viewModel.tokens().issuedTokenProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        viewModel.tokens().tokenCopied();
    }

    @FXML
    private void dismissToken() {
        viewModel.tokens().dismissToken();
    }

    @FXML
    private void setPolicy() {
        viewModel.policyForm().setPolicy();
    }

    @FXML
    private void removePolicy() {
        viewModel.policyForm().removePolicy();
    }
}
