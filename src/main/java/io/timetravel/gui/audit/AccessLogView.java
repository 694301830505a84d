package io.timetravel.gui.audit;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The controller of the Audit view's access log tab: binds its filters, its table of reads of
 * personal fields and its paging to {@link AccessLogViewModel}, or says why the caller may not
 * see it. The Audit view reads it when the tab first shows and on refresh.
 */
public final class AccessLogView {

    private final AccessLogViewModel accessLog;

    @FXML
    private VBox accessPane;
    @FXML
    private VBox accessDenied;
    @FXML
    private Label accessWhyNot;
    @FXML
    private TextField accessRecordField;
    @FXML
    private TextField accessActorField;
    @FXML
    private TextField accessFromField;
    @FXML
    private TextField accessToField;
    @FXML
    private Label accessProblem;
    @FXML
    private TableView<AccessLogViewModel.AccessRow> accessTable;
    @FXML
    private TableColumn<AccessLogViewModel.AccessRow, String> accessAtColumn;
    @FXML
    private TableColumn<AccessLogViewModel.AccessRow, String> accessActorColumn;
    @FXML
    private TableColumn<AccessLogViewModel.AccessRow, String> accessVerifiedColumn;
    @FXML
    private TableColumn<AccessLogViewModel.AccessRow, String> accessViewColumn;
    @FXML
    private TableColumn<AccessLogViewModel.AccessRow, String> accessRecordsColumn;
    @FXML
    private TableColumn<AccessLogViewModel.AccessRow, String> accessFieldsColumn;
    @FXML
    private Button accessPrevious;
    @FXML
    private Button accessNext;
    @FXML
    private Label accessStatus;

    public AccessLogView(AccessLogViewModel accessLog) {
        this.accessLog = accessLog;
    }

    @FXML
    private void initialize() {
        accessRecordField.textProperty().bindBidirectional(accessLog.recordProperty());
        accessActorField.textProperty().bindBidirectional(accessLog.actorProperty());
        accessFromField.textProperty().bindBidirectional(accessLog.fromProperty());
        accessToField.textProperty().bindBidirectional(accessLog.toProperty());
        for (TextField field : List.of(accessRecordField, accessActorField, accessFromField, accessToField)) {
            field.setOnAction(event -> accessLog.apply());
        }
        accessProblem.textProperty().bind(accessLog.problemProperty());
        AuditView.showWhenText(accessProblem);
        accessAtColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().at()));
        accessActorColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().actor()));
        accessVerifiedColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().verified()));
        accessViewColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().view()));
        accessRecordsColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().records()));
        accessFieldsColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().fields()));
        accessTable.setItems(accessLog.rows());
        accessStatus.textProperty().bind(accessLog.statusProperty());
        accessPrevious.disableProperty().bind(accessLog.hasPreviousProperty().not());
        accessNext.disableProperty().bind(accessLog.hasNextProperty().not());
        accessPane.visibleProperty().bind(accessLog.allowedProperty());
        accessDenied.visibleProperty().bind(accessLog.allowedProperty().not());
        accessWhyNot.textProperty().bind(accessLog.whyNotProperty());
    }

    @FXML
    private void applyAccess() {
        accessLog.apply();
    }

    @FXML
    private void previousAccess() {
        accessLog.previous();
    }

    @FXML
    private void nextAccess() {
        accessLog.next();
    }
}
