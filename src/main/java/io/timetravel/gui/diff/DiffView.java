package io.timetravel.gui.diff;

import atlantafx.base.controls.ToggleSwitch;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.diff.DiffViewModel.Side;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.RangeSlider;

/**
 * The diff tab's controller: the A and B pickers (two spinners, a range slider over the
 * versions, a swap button) and the field table with one column per side, whose headers say
 * which version each side is.
 */
public final class DiffView {

    /** Above this many versions the slider shows a tick per few versions rather than one per version. */
    private static final int TICK_PER_VERSION_LIMIT = 400;

    private static final PseudoClass REVERSED = PseudoClass.getPseudoClass("reversed");

    private final DiffViewModel viewModel;
    private final IntegerSpinnerValueFactory fromValues = new IntegerSpinnerValueFactory(1, 1);
    private final IntegerSpinnerValueFactory toValues = new IntegerSpinnerValueFactory(1, 1);
    private boolean syncing;

    @FXML
    private Spinner<Integer> fromSpinner;
    @FXML
    private Spinner<Integer> toSpinner;
    @FXML
    private Button swapButton;
    @FXML
    private Label reversedLabel;
    @FXML
    private ToggleSwitch unchangedSwitch;
    @FXML
    private RangeSlider range;
    @FXML
    private TableView<FieldRow> diffTable;
    @FXML
    private TableColumn<FieldRow, String> markerColumn;
    @FXML
    private TableColumn<FieldRow, String> fieldColumn;
    @FXML
    private TableColumn<FieldRow, String> fromColumn;
    @FXML
    private TableColumn<FieldRow, String> toColumn;
    @FXML
    private Label placeholderLabel;
    @FXML
    private Label summaryLabel;
    @FXML
    private ProgressIndicator loadingIndicator;

    public DiffView(DiffViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        FieldTable.configure(diffTable, markerColumn, fieldColumn, fromColumn, toColumn);
        diffTable.setItems(viewModel.rows());
        placeholderLabel.textProperty().bind(viewModel.placeholderProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        loadingIndicator.visibleProperty().bind(viewModel.loadingProperty());
        reversedLabel.visibleProperty().bind(viewModel.reversedProperty());
        viewModel.reversedProperty().addListener((observable, was, reversed) -> range.pseudoClassStateChanged(REVERSED, reversed));
        reversedLabel.managedProperty().bind(reversedLabel.visibleProperty());
        reversedLabel.setTooltip(new Tooltip(Messages.get("diff.reversedHint")));
        swapButton.setTooltip(new Tooltip(Messages.get("diff.swapHint")));
        range.setTooltip(new Tooltip(Messages.get("diff.rangeHint")));
        fromSpinner.setTooltip(new Tooltip(Messages.get("diff.pickA")));
        toSpinner.setTooltip(new Tooltip(Messages.get("diff.pickB")));
        unchangedSwitch.selectedProperty().bindBidirectional(viewModel.showUnchangedProperty());

        viewModel.sideAProperty().addListener((observable, old, side) -> fromColumn.setGraphic(header("A", side)));
        viewModel.sideBProperty().addListener((observable, old, side) -> toColumn.setGraphic(header("B", side)));
        fromColumn.setGraphic(header("A", viewModel.sideAProperty().get()));
        toColumn.setGraphic(header("B", viewModel.sideBProperty().get()));

        fromValues.setConverter(lenient(fromValues));
        toValues.setConverter(lenient(toValues));
        fromSpinner.setValueFactory(fromValues);
        toSpinner.setValueFactory(toValues);
        commitOnFocusLoss(fromSpinner);
        commitOnFocusLoss(toSpinner);
        fromValues.valueProperty().addListener((observable, old, value) -> {
            if (!syncing && value != null) {
                viewModel.fromProperty().set(value.longValue());
            }
        });
        toValues.valueProperty().addListener((observable, old, value) -> {
            if (!syncing && value != null) {
                viewModel.toProperty().set(value.longValue());
            }
        });

        range.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return String.format(Locale.ROOT, "%d", Math.round(value.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                return Double.valueOf(text);
            }
        });
        range.skinProperty().addListener((observable, old, skin) -> sync());
        range.lowValueProperty().addListener((observable, old, value) -> rangeMoved());
        range.highValueProperty().addListener((observable, old, value) -> rangeMoved());

        viewModel.latestProperty().addListener((observable, old, latest) -> sync());
        viewModel.fromProperty().addListener((observable, old, version) -> sync());
        viewModel.toProperty().addListener((observable, old, version) -> sync());
        sync();
    }

    /** Brings the spinners and the slider to the view model's versions, without echoing back. */
    private void sync() {
        syncing = true;
        try {
            int latest = (int) viewModel.latestProperty().get();
            // One version (or none known yet): nothing to pick, and no "1 … 2" scale that offers a version 2.
            boolean known = viewModel.comparableProperty().get();
            int max = Math.max(latest, 1);
            fromValues.setMax(max);
            toValues.setMax(max);
            Long from = viewModel.fromProperty().get();
            Long to = viewModel.toProperty().get();
            fromValues.setValue(from == null ? 1 : from.intValue());
            toValues.setValue(to == null ? 1 : to.intValue());
            fromSpinner.setDisable(!known);
            toSpinner.setDisable(!known);
            swapButton.setDisable(!known || from == null || to == null);

            range.setDisable(!known);
            range.setShowTickLabels(known);
            range.setMax(Math.max(latest, 2));
            range.setMin(1);
            configureTicks(Math.max(latest, 2));
            long low = from == null || to == null ? 1 : Math.min(from, to);
            long high = from == null || to == null ? max : Math.max(from, to);
            if (low > range.getHighValue()) {
                range.setHighValue(high);
                range.setLowValue(low);
            } else {
                range.setLowValue(low);
                range.setHighValue(high);
            }
            raiseMovableThumb(high >= range.getMax());
        } finally {
            syncing = false;
        }
    }

    /**
     * Neighbouring versions put the thumbs on top of each other, and only the upper one can be
     * grabbed. When the high thumb is at the end it cannot move further, so the low one goes on
     * top: the usual "previous against latest" pair can then be widened by dragging left.
     */
    private void raiseMovableThumb(boolean highAtEnd) {
        Node low = range.lookup(".low-thumb");
        if (low != null) {
            low.setViewOrder(highAtEnd ? -1 : 0);
        }
    }

    /** About ten labelled ticks whatever the count; a minor tick per version while they fit. */
    private void configureTicks(int versions) {
        int step = 1;
        int[] multipliers = {2, 5, 10};
        for (int scale = 1; (versions - 1) / step > 10; scale *= 10) {
            for (int multiplier : multipliers) {
                step = scale * multiplier;
                if ((versions - 1) / step <= 10) {
                    break;
                }
            }
        }
        range.setMajorTickUnit(step);
        range.setMinorTickCount(versions <= TICK_PER_VERSION_LIMIT ? step - 1 : 4);
        range.setBlockIncrement(1);
    }

    private void rangeMoved() {
        if (syncing) {
            return;
        }
        long low = Math.round(range.getLowValue());
        long high = Math.round(range.getHighValue());
        Long from = viewModel.fromProperty().get();
        Long to = viewModel.toProperty().get();
        if (from != null && to != null && Math.min(from, to) == low && Math.max(from, to) == high) {
            sync();
            return;
        }
        viewModel.moveRange(low, high);
        sync();
    }

    private Node header(String letter, Side side) {
        Label badge = new Label(letter);
        badge.getStyleClass().addAll("side-badge", "side-" + letter.toLowerCase(Locale.ROOT));
        if (side == null) {
            HBox empty = new HBox(8, badge);
            empty.getStyleClass().add("side-header");
            return empty;
        }
        Label title = new Label(Messages.get("diff.version", side.version()));
        title.getStyleClass().add("side-title");
        Label operation = new Label(Formats.operation(side.operation()));
        operation.getStyleClass().addAll("op-tag", "op-" + side.operation().name().toLowerCase(Locale.ROOT));
        HBox top = new HBox(8, badge, title, operation);
        top.getStyleClass().add("side-top");

        Label effective = new Label(Messages.get("diff.effective", side.effective()));
        effective.getStyleClass().add("side-fact");
        HBox effectiveLine = new HBox(6, effective);
        effectiveLine.getStyleClass().add("side-line");
        if (side.backdated()) {
            Label backdated = new Label(Messages.get("diff.backdated"));
            backdated.getStyleClass().add("backdated-tag");
            backdated.setTooltip(new Tooltip(Messages.get("diff.backdatedHint")));
            effectiveLine.getChildren().add(backdated);
        }
        Label recorded = new Label(Messages.get("diff.recorded", side.recorded()));
        recorded.getStyleClass().add("side-fact");
        String by = Messages.get("diff.by", side.actor()) + (side.reason().isEmpty() ? "" : " \u00b7 " + side.reason());
        Label actor = new Label(by);
        actor.getStyleClass().add("side-fact");
        if (!side.reason().isEmpty()) {
            actor.setTooltip(new Tooltip(side.reason()));
        }
        VBox box = new VBox(2, top, effectiveLine);
        if (!side.validTo().isEmpty()) {
            // A line of its own: next to the effective instant it would not fit a column.
            Label until = new Label(Messages.get("diff.validTo", side.validTo()));
            until.getStyleClass().addAll("side-fact", "side-valid-to");
            until.setTooltip(new Tooltip(Messages.get("diff.validToHint")));
            box.getChildren().add(until);
        }
        box.getChildren().addAll(recorded, actor);
        box.getStyleClass().addAll("side-header", "side-header-" + letter.toLowerCase(Locale.ROOT));
        return box;
    }

    /** Reads "12" or "v12"; anything else keeps the current version rather than failing. */
    private static StringConverter<Integer> lenient(IntegerSpinnerValueFactory values) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                String digits = text == null ? "" : text.strip().replaceFirst("^[vV]", "");
                try {
                    return Integer.valueOf(digits);
                } catch (NumberFormatException e) {
                    return values.getValue();
                }
            }
        };
    }

    /** Typed numbers count when the spinner loses focus, not only on Enter. */
    private static void commitOnFocusLoss(Spinner<Integer> spinner) {
        spinner.focusedProperty().addListener((observable, was, focused) -> {
            if (!focused) {
                spinner.increment(0);
            }
        });
    }

    @FXML
    private void swap() {
        viewModel.swap();
    }
}
