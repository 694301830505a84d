package io.timetravel.gui.timeline;

import atlantafx.base.theme.Styles;
import io.timetravel.gui.Messages;
import io.timetravel.gui.TimeAxis;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldTable;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import javafx.util.converter.LocalDateStringConverter;

/**
 * The timeline tab's controller: binds the caption, the slider, the axis switch, the jump
 * fields and the field table to {@link TimelineViewModel}, and turns keys and clicks into its
 * commands.
 */
public final class TimelineView {

    private final TimelineViewModel viewModel;

    @FXML
    private Label axisLabel;
    @FXML
    private Label versionLabel;
    @FXML
    private Label instantLabel;
    @FXML
    private Label detailsLabel;
    @FXML
    private Label noteLabel;
    @FXML
    private ToggleButton validButton;
    @FXML
    private ToggleButton transactionButton;
    @FXML
    private Node sliderRow;
    @FXML
    private StackPane sliderStack;
    @FXML
    private Slider timelineSlider;
    @FXML
    private Button previousButton;
    @FXML
    private Button nextButton;
    @FXML
    private Node loadingBox;
    @FXML
    private ProgressBar loadingBar;
    @FXML
    private Label loadingLabel;
    @FXML
    private DatePicker jumpDate;
    @FXML
    private TextField jumpTime;
    @FXML
    private Button jumpButton;
    @FXML
    private Label jumpErrorLabel;
    @FXML
    private Button markAButton;
    @FXML
    private Button markBButton;
    @FXML
    private Label changedLabel;
    @FXML
    private Label statusLabel;
    @FXML
    private CheckBox onlyChangedBox;
    @FXML
    private TableView<FieldRow> timelineTable;
    @FXML
    private Label placeholderLabel;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private VBox trackColumn;
    @FXML
    private SplitPane lowerSplit;
    @FXML
    private VBox mapCard;
    @FXML
    private Label mapStatusLabel;
    @FXML
    private ToggleButton mapCompareButton;
    @FXML
    private Label mapFocusLabel;
    @FXML
    private TableColumn<FieldRow, String> changeColumn;
    @FXML
    private TableColumn<FieldRow, String> fieldColumn;
    @FXML
    private TableColumn<FieldRow, String> valueColumn;
    @FXML
    private TableColumn<FieldRow, String> previousColumn;

    /** Set while the slider is moved to follow the view model, so that move is not taken for the user's. */
    private boolean following;

    public TimelineView(TimelineViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        bindCaption();
        bindAxisSwitch();
        bindSlider();
        bindJump();
        bindTable();
        bindMap();
    }

    private void bindMap() {
        BitemporalMapModel model = viewModel.map();
        BitemporalMap map = new BitemporalMap(model);
        VBox.setVgrow(map, Priority.ALWAYS);
        mapCard.getChildren().add(1, map);
        mapStatusLabel.textProperty().bind(model.statusTextProperty());
        mapCompareButton.selectedProperty().bindBidirectional(model.compareProperty());
        mapFocusLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!map.isFocused() || model.focusTextProperty().get().isEmpty()) {
                return Messages.get(model.compareProperty().get()
                        ? (model.nextIsBProperty().get() ? "map.hint.pickB" : "map.hint.pickA") : "map.hint");
            }
            return model.focusTextProperty().get();
        }, map.focusedProperty(), model.focusTextProperty(), model.compareProperty(), model.nextIsBProperty()));
        mapFocusLabel.tooltipProperty().bind(fullText(mapFocusLabel.textProperty()));
        lowerSplit.setDividerPositions(0.6);
        model.activeProperty().set(true);
    }

    private void bindCaption() {
        axisLabel.textProperty().bind(viewModel.caption().axisLabelProperty());
        versionLabel.textProperty().bind(viewModel.caption().versionTextProperty());
        versionLabel.visibleProperty().bind(viewModel.caption().versionTextProperty().isNotEmpty());
        instantLabel.textProperty().bind(viewModel.caption().instantTextProperty());
        Tooltip utc = new Tooltip();
        utc.textProperty().bind(viewModel.caption().instantUtcProperty());
        instantLabel.setTooltip(utc);
        StringBinding details = Bindings.createStringBinding(() -> viewModel.caption().reasonTextProperty().get().isEmpty()
                        ? viewModel.caption().detailsTextProperty().get()
                        : viewModel.caption().detailsTextProperty().get() + " · " + viewModel.caption().reasonTextProperty().get(),
                viewModel.caption().detailsTextProperty(), viewModel.caption().reasonTextProperty());
        detailsLabel.textProperty().bind(details);
        detailsLabel.tooltipProperty().bind(fullText(details));
        noteLabel.textProperty().bind(Bindings.when(viewModel.caption().noteTextProperty().isEmpty())
                .then(viewModel.caption().axisHintProperty()).otherwise(viewModel.caption().noteTextProperty()));
        noteLabel.tooltipProperty().bind(fullText(noteLabel.textProperty()));
        viewModel.caption().noteTextProperty().addListener((observable, old, text) -> styleNote());
        viewModel.caption().noteWarningProperty().addListener((observable, old, warning) -> styleNote());
        changedLabel.textProperty().bind(viewModel.table().changedTextProperty());
        changedLabel.visibleProperty().bind(viewModel.table().changedTextProperty().isNotEmpty());
        viewModel.table().changedCountProperty().addListener((observable, old, changed) ->
                changedLabel.pseudoClassStateChanged(Styles.STATE_WARNING, changed.intValue() > 0));
        // While the list loads, the card shows the progress; here only failures.
        statusLabel.textProperty().bind(viewModel.statusTextProperty());
        statusLabel.visibleProperty().bind(viewModel.loadingListProperty().not());
        BooleanBinding nothingShown = viewModel.shownVersionProperty().isNull();
        markAButton.disableProperty().bind(nothingShown);
        markBButton.disableProperty().bind(nothingShown);
    }

    /** A note that the state shown lacks the position's version warns; any other note informs; the axis hint is plain. */
    private void styleNote() {
        boolean note = !viewModel.caption().noteTextProperty().get().isEmpty();
        boolean warning = note && viewModel.caption().noteWarningProperty().get();
        noteLabel.pseudoClassStateChanged(Styles.STATE_WARNING, warning);
        noteLabel.pseudoClassStateChanged(Styles.STATE_ACCENT, note && !warning);
    }

    /** A tooltip with the whole of a text a label may cut short; none while the text is empty. */
    private static ObservableValue<Tooltip> fullText(ObservableStringValue text) {
        Tooltip tooltip = new Tooltip();
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        tooltip.textProperty().bind(text);
        return Bindings.when(Bindings.isEmpty(text)).then((Tooltip) null).otherwise(tooltip);
    }

    private void bindAxisSwitch() {
        ToggleGroup axes = new ToggleGroup();
        validButton.setToggleGroup(axes);
        transactionButton.setToggleGroup(axes);
        validButton.setUserData(TimeAxis.VALID);
        transactionButton.setUserData(TimeAxis.TRANSACTION);
        axes.selectToggle(viewModel.axisProperty().get() == TimeAxis.TRANSACTION ? transactionButton : validButton);
        axes.selectedToggleProperty().addListener((observable, old, toggle) -> {
            if (toggle == null) {
                axes.selectToggle(old); // one axis is always chosen: a second click keeps it
            } else {
                viewModel.axisProperty().set((TimeAxis) toggle.getUserData());
            }
        });
        viewModel.axisProperty().addListener((observable, old, axis) ->
                axes.selectToggle(axis == TimeAxis.TRANSACTION ? transactionButton : validButton));
    }

    private void bindSlider() {
        timelineSlider.setBlockIncrement(1);
        timelineSlider.disableProperty().bind(viewModel.countProperty().lessThan(2));
        previousButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.positionProperty().get() <= 1, viewModel.positionProperty()));
        nextButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.positionProperty().get() >= viewModel.countProperty().get(),
                viewModel.positionProperty(), viewModel.countProperty()));
        timelineSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double value) {
                // A one-version record's slider runs from 0 so its thumb has somewhere to be; 0 is no version.
                return value < 0.5 ? "" : String.valueOf(Math.round(value));
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text);
            }
        });
        viewModel.countProperty().addListener((observable, old, count) -> layOutTicks());
        AxisStrip strip = new AxisStrip(timelineSlider, viewModel.map().zone());
        trackColumn.getChildren().add(strip);
        strip.setPositions(viewModel.positionsProperty().get());
        viewModel.positionsProperty().addListener((observable, old, positions) -> strip.setPositions(positions));
        PeriodMarksPane marks = new PeriodMarksPane(timelineSlider);
        sliderStack.getChildren().add(marks); // after the slider: laid out once the slider's axis is
        marks.setMarks(viewModel.periodMarksProperty().get());
        viewModel.periodMarksProperty().addListener((observable, old, list) -> marks.setMarks(list));
        timelineSlider.widthProperty().addListener((observable, old, width) -> layOutTicks());
        layOutTicks();

        timelineSlider.valueProperty().addListener((observable, old, value) -> {
            if (!following) {
                viewModel.select((int) Math.round(value.doubleValue()));
            }
        });
        viewModel.positionProperty().addListener((observable, old, position) -> follow(position.intValue()));
        stepOnKeys();
        bindLoading();
    }

    /** The slider's own keys move by its block increment and know no Page keys: ours step by versions. */
    private void stepOnKeys() {
        timelineSlider.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            switch (event.getCode()) {
                case LEFT, DOWN, KP_LEFT, KP_DOWN -> viewModel.step(-1);
                case RIGHT, UP, KP_RIGHT, KP_UP -> viewModel.step(1);
                case PAGE_UP -> viewModel.step(TimelineViewModel.PAGE_STEP);
                case PAGE_DOWN -> viewModel.step(-TimelineViewModel.PAGE_STEP);
                case HOME -> viewModel.first();
                case END -> viewModel.last();
                default -> {
                    return;
                }
            }
            event.consume();
        });
    }

    /** The spinner, and the list's progress in place of the slider while it is read. */
    private void bindLoading() {
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        loadingBox.visibleProperty().bind(viewModel.loadingListProperty());
        sliderRow.visibleProperty().bind(viewModel.loadingListProperty().not());
        loadingBar.progressProperty().bind(viewModel.listProgressProperty());
        loadingLabel.textProperty().bind(viewModel.statusTextProperty());
    }

    /** Moves the slider to the view model's position without taking it for a user's move. */
    private void follow(int position) {
        if (position < 1 || Math.round(timelineSlider.getValue()) == position && timelineSlider.getMax() == viewModel.countProperty().get()) {
            return;
        }
        following = true;
        try {
            timelineSlider.setValue(position);
        } finally {
            following = false;
        }
    }

    /** One tick per version while they fit; for long histories, round steps whose labels do not collide. */
    private void layOutTicks() {
        int count = Math.max(1, viewModel.countProperty().get());
        following = true;
        try {
            // With min = max the slider has no room for its thumb: one version sits at the end of 0..1.
            timelineSlider.setMin(count == 1 ? 0 : 1);
            timelineSlider.setMax(Math.max(count, 1));
            double width = timelineSlider.getWidth() > 0 ? timelineSlider.getWidth() : 600;
            SliderTicks ticks = SliderTicks.of(count, width);
            timelineSlider.setMajorTickUnit(count == 1 ? 1 : ticks.major());
            timelineSlider.setMinorTickCount(count == 1 ? 0 : ticks.minorCount());
            if (viewModel.positionProperty().get() >= 1) {
                timelineSlider.setValue(viewModel.positionProperty().get());
            }
        } finally {
            following = false;
        }
    }

    private void bindJump() {
        // ISO dates, as everywhere else in the workbench, whatever the machine's locale.
        jumpDate.setConverter(new LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE));
        jumpDate.valueProperty().bindBidirectional(viewModel.jumpFields().dateProperty());
        jumpTime.textProperty().bindBidirectional(viewModel.jumpFields().timeProperty());
        jumpDate.setOnAction(event -> {
            if (jumpDate.getValue() != null) {
                viewModel.jump();
            }
        });
        // Enter in the date field jumps, also when the date typed is the one already chosen.
        jumpDate.getEditor().addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                String typed = jumpDate.getEditor().getText();
                try {
                    jumpDate.setValue(typed == null || typed.isBlank() ? null : jumpDate.getConverter().fromString(typed.strip()));
                } catch (java.time.format.DateTimeParseException e) {
                    jumpDate.setValue(null);
                }
                viewModel.jump();
                event.consume();
            }
        });
        BooleanBinding valid = viewModel.jumpFields().inputValid();
        valid.addListener((observable, old, ok) -> jumpTime.pseudoClassStateChanged(Styles.STATE_DANGER, !ok));
        viewModel.jumpFields().errorProperty().addListener((observable, old, error) -> {
            boolean failed = error != null && !error.isEmpty();
            jumpTime.pseudoClassStateChanged(Styles.STATE_DANGER, failed || !valid.get());
        });
        jumpErrorLabel.textProperty().bind(viewModel.jumpFields().errorProperty());
        jumpErrorLabel.managedProperty().bind(viewModel.jumpFields().errorProperty().isNotEmpty());
        jumpErrorLabel.visibleProperty().bind(viewModel.jumpFields().errorProperty().isNotEmpty());
        jumpButton.disableProperty().bind(viewModel.countProperty().isEqualTo(0));
    }

    private void bindTable() {
        timelineTable.setItems(viewModel.table().rows());
        // The same cells as the Diff tab's: marker, path with its parents dimmed, values whole in tooltips.
        FieldTable.configure(timelineTable, changeColumn, fieldColumn, previousColumn, valueColumn);
        // Rows of one height, so the table never measures them while scrubbing.
        timelineTable.setFixedCellSize(32);
        onlyChangedBox.selectedProperty().bindBidirectional(viewModel.table().onlyChangedProperty());
        placeholderLabel.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.shownVersionProperty().get() == null && viewModel.countProperty().get() > 0
                        && !viewModel.caption().instantTextProperty().get().isEmpty() ? Messages.get("timeline.empty") : "",
                viewModel.shownVersionProperty(), viewModel.countProperty(), viewModel.caption().instantTextProperty()));
    }

    @FXML
    private void previous() {
        viewModel.step(-1);
    }

    @FXML
    private void next() {
        viewModel.step(1);
    }

    @FXML
    private void jump() {
        viewModel.jump();
    }

    @FXML
    private void markA() {
        viewModel.markDiffFrom();
    }

    @FXML
    private void markB() {
        viewModel.markDiffTo();
    }
}
