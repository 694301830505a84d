package io.timetravel.gui.shell;

import io.timetravel.gui.DeskView;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Visibility;
import io.timetravel.gui.WorkbenchCommand;
import java.util.EnumMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

/**
 * The window frame's controller: the menus (with mnemonics and accelerators), the views' tabs and
 * the status bar. Menu commands that belong to a view are handed to it through the workspace
 * state; the frame knows no view's insides.
 */
public final class MainView {

    private final MainViewModel viewModel;
    private final Map<DeskView, Tab> viewTabs = new EnumMap<>(DeskView.class);

    @FXML
    private Label databaseLabel;
    @FXML
    private Label listenerLabel;
    @FXML
    private Label userLabel;
    @FXML
    private Label workLabel;
    @FXML
    private MenuItem sampleDataItem;
    @FXML
    private MenuItem changeUserItem;
    @FXML
    private Menu viewMenu;
    @FXML
    private ProgressBar workProgress;
    @FXML
    private TabPane deskTabs;
    @FXML
    private Tab recordsTab;
    @FXML
    private Tab auditTab;
    @FXML
    private Tab flagsTab;
    @FXML
    private Tab snapshotsTab;
    @FXML
    private Tab dashboardTab;
    @FXML
    private Tab accessTab;
    @FXML
    private Tab recalculationsTab;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        databaseLabel.textProperty().bind(viewModel.databaseProperty());
        listenerLabel.textProperty().bind(viewModel.listenerProperty());
        userLabel.textProperty().bind(viewModel.userProperty());
        Tooltip userTip = new Tooltip();
        userTip.textProperty().bind(viewModel.userDetailProperty());
        userTip.setWrapText(true);
        userTip.setMaxWidth(420);
        userLabel.setTooltip(userTip);
        // Menu items have no tooltips: a forbidden one is disabled and says why in its own text.
        sampleDataItem.disableProperty().bind(viewModel.canLoadSampleDataProperty().not());
        sampleDataItem.textProperty().bind(Bindings.createStringBinding(() -> viewModel.canLoadSampleDataProperty().get()
                ? Messages.get("menu.sampleData")
                : Messages.get("menu.blocked", Messages.get("menu.sampleData"), viewModel.sampleDataBlockedProperty().get()),
                viewModel.canLoadSampleDataProperty(), viewModel.sampleDataBlockedProperty()));
        changeUserItem.textProperty().bind(Bindings.when(viewModel.fromOsAccountProperty())
                .then(Messages.get("menu.userFromOs")).otherwise(Messages.get("menu.changeUser")));
        workLabel.textProperty().bind(viewModel.workProperty());
        workProgress.progressProperty().bind(viewModel.progressProperty());
        Visibility.showWhile(workProgress, viewModel.busyProperty());
        if (viewModel.listenerDown()) {
            listenerLabel.getStyleClass().add("warning");
        }
        views();
    }

    /** The View menu's entries and the tabs, one per {@link DeskView}, kept in step with the workspace state. */
    private void views() {
        viewTabs.put(DeskView.RECORDS, recordsTab);
        viewTabs.put(DeskView.AUDIT, auditTab);
        viewTabs.put(DeskView.FLAGS, flagsTab);
        viewTabs.put(DeskView.SNAPSHOTS, snapshotsTab);
        viewTabs.put(DeskView.DASHBOARD, dashboardTab);
        viewTabs.put(DeskView.ACCESS, accessTab);
        viewTabs.put(DeskView.RECALCULATIONS, recalculationsTab);
        int at = 0;
        for (DeskView view : DeskView.values()) {
            MenuItem item = new MenuItem(view.title());
            item.setAccelerator(view.accelerator());
            item.setOnAction(event -> viewModel.showView(view));
            item.setId("view-" + view.name().toLowerCase(java.util.Locale.ROOT));
            viewMenu.getItems().add(at++, item);
            viewTabs.get(view).setUserData(view);
        }
        viewModel.requestedViewProperty().addListener((observable, old, view) -> {
            if (view != null) {
                deskTabs.getSelectionModel().select(viewTabs.get(view));
            }
        });
        for (Tab tab : deskTabs.getTabs()) {
            MnemonicScope.activate(tab.getContent(), tab.isSelected());
        }
        deskTabs.getSelectionModel().selectedItemProperty().addListener((observable, old, tab) -> {
            if (old != null) {
                MnemonicScope.activate(old.getContent(), false);
            }
            if (tab != null) {
                MnemonicScope.activate(tab.getContent(), true);
                viewModel.visibleViewProperty().set((DeskView) tab.getUserData());
                // The keyboard follows the view: its first control takes the focus.
                Platform.runLater(() -> {
                    if (tab.getContent() != null && !tab.getContent().isFocusWithin()) {
                        tab.getContent().requestFocus();
                    }
                });
            }
        });
    }

    @FXML
    private void loadSampleData() {
        viewModel.loadSampleData();
    }

    @FXML
    private void changeUser() {
        viewModel.changeUser();
    }

    /** A menu item that hands its command (its {@code userData}) to the view that carries it out. */
    @FXML
    private void command(ActionEvent event) {
        viewModel.command((WorkbenchCommand) ((MenuItem) event.getSource()).getUserData());
    }

    @FXML
    private void shortcuts() {
        viewModel.showShortcuts();
    }

    @FXML
    private void about() {
        viewModel.showAbout();
    }

    @FXML
    private void quit() {
        Platform.exit();
    }
}
