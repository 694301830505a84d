package io.timetravel.gui.audit;

import io.timetravel.gui.DeskTables;
import io.timetravel.gui.DeskView;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldTable;
import java.util.List;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The Audit view's controller: binds the filters, the entries table (read page by page as it is
 * scrolled), the selected entry's detail, export and verification to their view models; reads
 * the digests and access log tabs (bound by {@link DigestsView} and {@link AccessLogView}) when
 * they first show; keeps the list live while the view shows.
 */
public final class AuditView {

    /** While the view shows, how often it looks for entries that no record change announced (flags, users). */
    private static final Duration POLL = Duration.seconds(2);
    private static final List<String> OUTCOME_CLASSES = List.of("intact", "broken", "running", "failed");

    private final AuditViewModel viewModel;
    private final DigestsViewModel digests;
    private final AccessLogViewModel accessLog;
    private final WorkspaceState state;

    @FXML
    private Button verifyButton;
    @FXML
    private Button exportButton;
    @FXML
    private HBox verifyBanner;
    @FXML
    private ProgressBar verifyProgress;
    @FXML
    private Label verifyLabel;
    @FXML
    private TabPane auditTabs;
    @FXML
    private Tab entriesTab;
    @FXML
    private Tab digestsTab;
    @FXML
    private Tab accessTab;
    @FXML
    private TextField auditRecordField;
    @FXML
    private TextField auditActorField;
    @FXML
    private ComboBox<String> operationBox;
    @FXML
    private TextField auditFromField;
    @FXML
    private TextField auditToField;
    @FXML
    private ComboBox<AuditFilters.Verified> verifiedBox;
    @FXML
    private Label filterProblem;
    @FXML
    private TableView<AuditRow> entriesTable;
    @FXML
    private TableColumn<AuditRow, String> idColumn;
    @FXML
    private TableColumn<AuditRow, String> changedColumn;
    @FXML
    private TableColumn<AuditRow, String> recordColumn;
    @FXML
    private TableColumn<AuditRow, String> versionColumn;
    @FXML
    private TableColumn<AuditRow, AuditRow> operationColumn;
    @FXML
    private TableColumn<AuditRow, String> actorColumn;
    @FXML
    private TableColumn<AuditRow, AuditRow> verifiedColumn;
    @FXML
    private TableColumn<AuditRow, String> reasonColumn;
    @FXML
    private Label auditPlaceholder;
    @FXML
    private Label auditDetailTitle;
    @FXML
    private Button openButton;
    @FXML
    private Label changedLabel;
    @FXML
    private Label actorLabel;
    @FXML
    private Label reasonLabel;
    @FXML
    private TextField auditHashField;
    @FXML
    private TextField auditPrevHashField;
    @FXML
    private Label auditDetailProblem;
    @FXML
    private TableView<FieldRow> auditDetailTable;
    @FXML
    private Label auditDetailPlaceholder;
    @FXML
    private Label auditStatusLabel;
    @FXML
    private ProgressBar exportProgress;
    @FXML
    private Label exportLabel;
    @FXML
    private Button cancelExportButton;

    private boolean digestsShown;
    private boolean accessShown;

    public AuditView(AuditViewModel viewModel, DigestsViewModel digests, AccessLogViewModel accessLog, WorkspaceState state) {
        this.viewModel = viewModel;
        this.digests = digests;
        this.accessLog = accessLog;
        this.state = state;
    }

    @FXML
    private void initialize() {
        bindFilters();
        bindEntries();
        bindDetail();
        bindExportAndVerify();
        readTabsWhenShown();
        bindLive();
    }

    private void bindFilters() {
        auditRecordField.textProperty().bindBidirectional(viewModel.filters().recordProperty());
        auditActorField.textProperty().bindBidirectional(viewModel.filters().actorProperty());
        auditFromField.textProperty().bindBidirectional(viewModel.filters().fromProperty());
        auditToField.textProperty().bindBidirectional(viewModel.filters().toProperty());
        operationBox.setItems(viewModel.filters().operations());
        operationBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String type) {
                return type == null || type.isEmpty() ? Messages.get("audit.anyOperation") : AuditRow.operation(type);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        operationBox.valueProperty().bindBidirectional(viewModel.filters().operationProperty());
        verifiedBox.getItems().setAll(AuditFilters.Verified.values());
        verifiedBox.valueProperty().bindBidirectional(viewModel.filters().verifiedProperty());
        // Enter in a filter applies the filters.
        for (TextField field : List.of(auditRecordField, auditActorField, auditFromField, auditToField)) {
            field.setOnAction(event -> viewModel.applyFilters());
        }
        filterProblem.textProperty().bind(viewModel.filters().problemProperty());
        showWhenText(filterProblem);
        auditRecordField.setTooltip(new Tooltip(Messages.get("audit.filter.recordHint")));
        auditFromField.setTooltip(new Tooltip(Messages.get("audit.filter.dateHint")));
        auditToField.setTooltip(new Tooltip(Messages.get("audit.filter.dateHint")));
        viewModel.filters().focusRequestsProperty().addListener((observable, old, count) -> {
            auditTabs.getSelectionModel().select(entriesTab);
            auditRecordField.requestFocus();
            auditRecordField.selectAll();
        });
    }

    private void bindEntries() {
        idColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().loaded() ? CellText.grouped(cell.getValue().id()) : ""));
        changedColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().changed()));
        recordColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().record()));
        versionColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().version()));
        operationColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        operationColumn.setCellFactory(column -> new AuditTagCell(row -> row.loaded() ? row.operation() : Messages.get("audit.loadingRow"),
                row -> row.loaded() ? operationClass(row.entry().eventType()) : "op-pending"));
        actorColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().actor()));
        verifiedColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        verifiedColumn.setCellFactory(column -> new AuditTagCell(AuditRow::verified,
                row -> !row.loaded() ? "op-pending" : Boolean.TRUE.equals(row.entry().actorVerified()) ? "identity-verified" : "identity-declared"));
        reasonColumn.setCellValueFactory(cell -> CellText.of(cell.getValue().reason()));
        entriesTable.setItems(viewModel.rows());
        auditPlaceholder.textProperty().bind(Bindings.when(viewModel.loadingProperty())
                .then(Messages.get("audit.loading")).otherwise(Messages.get("audit.empty")));
        entriesTable.getSelectionModel().selectedIndexProperty().addListener(
                (observable, old, index) -> viewModel.select(index.intValue()));
        viewModel.revealProperty().addListener((observable, old, index) -> {
            if (index != null && index < entriesTable.getItems().size()) {
                auditTabs.getSelectionModel().select(entriesTab);
                entriesTable.getSelectionModel().clearAndSelect(index);
                entriesTable.scrollTo(Math.max(0, index - 3));
                entriesTable.requestFocus();
            }
        });
        // Enter on an entry opens it in the timeline; double click too.
        DeskTables.openOnEnterOrDoubleClick(entriesTable, viewModel.canOpenProperty(), viewModel::openInTimeline);
        auditStatusLabel.textProperty().bind(viewModel.statusProperty());
    }

    private void bindDetail() {
        FieldTable.configure(auditDetailTable);
        auditDetailTable.setItems(viewModel.detail().rows());
        auditDetailTitle.textProperty().bind(viewModel.detail().titleProperty());
        changedLabel.textProperty().bind(viewModel.detail().changedProperty());
        actorLabel.textProperty().bind(viewModel.detail().actorProperty());
        reasonLabel.textProperty().bind(viewModel.detail().reasonProperty());
        auditHashField.textProperty().bind(viewModel.detail().hashProperty());
        auditPrevHashField.textProperty().bind(viewModel.detail().prevHashProperty());
        auditDetailProblem.textProperty().bind(viewModel.detail().problemProperty());
        showWhenText(auditDetailProblem);
        auditDetailPlaceholder.textProperty().bind(Bindings.when(viewModel.selectedProperty().isNull())
                .then(Messages.get("audit.selectHint")).otherwise(Messages.get("audit.noFields")));
        openButton.disableProperty().bind(viewModel.canOpenProperty().not());
        openButton.setTooltip(new Tooltip(Messages.get("audit.openHint")));
    }

    private void bindExportAndVerify() {
        exportButton.disableProperty().bind(viewModel.exports().exportingProperty());
        exportButton.setTooltip(new Tooltip(Messages.get("audit.exportHint")));
        exportProgress.progressProperty().bind(viewModel.exports().progressProperty());
        Visibility.showWhile(exportProgress, viewModel.exports().exportingProperty());
        Visibility.showWhile(cancelExportButton, viewModel.exports().exportingProperty());
        exportLabel.textProperty().bind(viewModel.exports().statusProperty());
        showWhenText(exportLabel);

        verifyButton.disableProperty().bind(viewModel.verification().outcomeProperty().isEqualTo(AuditVerificationViewModel.Outcome.RUNNING));
        verifyButton.setTooltip(new Tooltip(Messages.get("audit.verifyHint")));
        verifyLabel.textProperty().bind(viewModel.verification().statusProperty());
        verifyProgress.progressProperty().bind(viewModel.verification().progressProperty());
        Visibility.showWhile(verifyProgress,
                viewModel.verification().outcomeProperty().isEqualTo(AuditVerificationViewModel.Outcome.RUNNING));
        Visibility.showWhile(verifyBanner,
                viewModel.verification().outcomeProperty().isNotEqualTo(AuditVerificationViewModel.Outcome.NONE));
        viewModel.verification().outcomeProperty().addListener((observable, old, outcome) -> {
            verifyBanner.getStyleClass().removeAll(OUTCOME_CLASSES);
            if (outcome != AuditVerificationViewModel.Outcome.NONE) {
                verifyBanner.getStyleClass().add(outcome.name().toLowerCase(Locale.ROOT));
            }
        });
    }

    /** The digests and the access log are read when their tab first shows (their own controllers bind them). */
    private void readTabsWhenShown() {
        auditTabs.getSelectionModel().selectedItemProperty().addListener((observable, old, tab) -> {
            if (tab == digestsTab && !digestsShown) {
                digestsShown = true;
                digests.refresh();
            } else if (tab == accessTab && !accessShown) {
                accessShown = true;
                accessLog.refresh();
            }
        });
    }

    /** Entries appear as they are written: after each record change (gathered), and by a cheap look while the view shows. */
    /** Kept: a binding nobody references is collected, and its listener with it. */
    private javafx.beans.binding.BooleanBinding livePolling;

    private void bindLive() {
        PauseTransition gather = new PauseTransition(Duration.millis(300));
        gather.setOnFinished(event -> viewModel.loadNewer());
        state.lastChangeProperty().addListener((observable, old, change) -> {
            if (gather.getStatus() != Animation.Status.RUNNING) {
                gather.play();
            }
        });
        Timeline poll = new Timeline(new KeyFrame(POLL, event -> viewModel.loadNewer()));
        poll.setCycleCount(Animation.INDEFINITE);
        // Polls while the window shows with this view in front: a playing animation is held by the
        // toolkit, and with it the whole view, so it must stop when the window goes.
        javafx.beans.value.ObservableValue<Boolean> windowShowing = auditTabs.sceneProperty()
                .flatMap(javafx.scene.Scene::windowProperty).flatMap(javafx.stage.Window::showingProperty).orElse(false);
        javafx.beans.binding.BooleanBinding inFront = Bindings.createBooleanBinding(
                () -> windowShowing.getValue() && state.visibleViewProperty().get() == DeskView.AUDIT,
                windowShowing, state.visibleViewProperty());
        inFront.addListener((observable, was, is) -> {
            if (is) {
                viewModel.loadNewer();
                poll.play();
            } else {
                poll.stop();
            }
        });
        livePolling = inFront;
        state.onRefresh(DeskView.AUDIT, () -> {
            if (digestsShown) {
                digests.refresh();
            }
            if (accessShown) {
                accessLog.refresh();
            }
        });
    }

    @FXML
    private void apply() {
        viewModel.applyFilters();
    }

    @FXML
    private void clear() {
        viewModel.clearFilters();
    }

    @FXML
    private void openInTimeline() {
        viewModel.openInTimeline();
    }

    @FXML
    private void verify() {
        viewModel.verification().verify();
    }

    @FXML
    private void export() {
        viewModel.export();
    }

    @FXML
    private void cancelExport() {
        viewModel.exports().cancel();
    }

    /** Shows a label only while it has something to say. */
    static void showWhenText(Label label) {
        Visibility.showWhile(label, label.textProperty().isNotEmpty());
    }

    /** The style class of an event type's tag: the record operations as elsewhere, the rest alike. */
    private static String operationClass(String eventType) {
        return switch (eventType) {
            case "CREATE" -> "op-create";
            case "UPDATE" -> "op-update";
            case "RESTORE" -> "op-restore";
            default -> "op-other";
        };
    }
}
