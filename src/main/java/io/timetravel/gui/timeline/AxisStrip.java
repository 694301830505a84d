package io.timetravel.gui.timeline;

import io.timetravel.domain.Operation;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.chart.Axis;
import javafx.scene.control.Slider;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The strip under the timeline's slider: a marker per version coloured by its operation (a
 * back-dated or future-dated version filled where it takes effect, hollow where it was learned,
 * joined by a line), and dates along the axis, placed by the slider's own tick axis so markers,
 * dates and the thumb agree. Drawn on a canvas only when the versions, the axis or the width
 * change, never on a step.
 */
final class AxisStrip extends Pane {

    static final double HEIGHT = 30;
    private static final double MARK_Y = 6;
    private static final double RADIUS = 3.5;
    private static final double LABEL_Y = 17;

    private final Slider slider;
    private final ZoneId zone;
    private final Canvas canvas = new Canvas();
    private final Swatches swatches;
    private final Font font = Font.font(11);
    private TimelinePositions positions = TimelinePositions.EMPTY;
    private List<AxisMarks> marks = List.of();
    /** What the canvas shows (positions, first and last x, width): redrawn only when it changes. */
    private Object drawn;
    /** The date labels drawn last, for tests. */
    private List<DateTicks.Label> labels = List.of();

    AxisStrip(Slider slider, ZoneId zone) {
        this.slider = slider;
        this.zone = zone;
        getStyleClass().add("timeline-axis-strip");
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        canvas.setManaged(false);
        canvas.setMouseTransparent(true);
        getChildren().add(canvas);
        swatches = new Swatches(this, "op-create", "op-update", "op-restore", "axis-text", "axis-line");
    }

    void setPositions(TimelinePositions positions) {
        this.positions = positions;
        this.marks = AxisMarks.of(positions);
        requestLayout();
    }

    List<DateTicks.Label> labels() {
        return labels;
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        canvas.setWidth(width);
        canvas.setHeight(HEIGHT);
        int n = positions.size();
        Node axisNode = slider.lookup(".axis");
        if (n == 0 || !(axisNode instanceof Axis<?>)) {
            clear(width);
            return;
        }
        @SuppressWarnings("unchecked")
        Axis<Number> axis = (Axis<Number>) axisNode;
        double first = x(axis, 1);
        double last = n == 1 ? first : x(axis, n);
        if (Double.isNaN(first) || Double.isNaN(last)) {
            return;
        }
        Object now = List.of(System.identityHashCode(positions), first, last, width);
        if (Objects.equals(now, drawn)) {
            return;
        }
        drawn = now;
        draw(width, first, last);
    }

    private void clear(double width) {
        drawn = null;
        labels = List.of();
        canvas.getGraphicsContext2D().clearRect(0, 0, width, HEIGHT);
    }

    private void draw(double width, double first, double last) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, HEIGHT);
        int n = positions.size();
        double span = Math.max(1, n - 1);
        double perPosition = n == 1 ? width : (last - first) / span;
        java.util.function.DoubleUnaryOperator x = position -> n == 1 ? first : first + (position - 1) * perPosition;
        boolean dense = perPosition < 2 * RADIUS + 2;
        g.setLineWidth(1);
        // The links first, so markers sit on top of them.
        for (AxisMarks mark : marks) {
            if (mark.learnedApart()) {
                g.setStroke(color(mark.operation()).deriveColor(0, 1, 1, 0.6));
                double from = x.applyAsDouble(mark.filledAt());
                double to = x.applyAsDouble(mark.hollowAt());
                g.strokeLine(from, MARK_Y + RADIUS + 1, to, MARK_Y + RADIUS + 1);
            }
        }
        for (AxisMarks mark : marks) {
            Color color = color(mark.operation());
            double at = x.applyAsDouble(mark.filledAt());
            g.setFill(color);
            if (dense) {
                g.fillRect(Math.round(at) - 0.5, MARK_Y - RADIUS, 1.5, RADIUS * 2);
            } else {
                g.fillOval(at - RADIUS, MARK_Y - RADIUS, RADIUS * 2, RADIUS * 2);
            }
            if (mark.learnedApart()) {
                double learned = x.applyAsDouble(mark.hollowAt());
                g.setStroke(color);
                g.strokeOval(learned - RADIUS + 0.5, MARK_Y - RADIUS + 0.5, RADIUS * 2 - 1, RADIUS * 2 - 1);
            }
        }
        drawDates(g, width, x);
    }

    private void drawDates(GraphicsContext g, double width, java.util.function.DoubleUnaryOperator x) {
        int n = positions.size();
        long from = BitemporalRegions.micros(positions.instantAt(1));
        long to = BitemporalRegions.micros(positions.instantAt(n));
        labels = DateTicks.of(from, to, zone, width,
                micros -> x.applyAsDouble(positions.fractionalPosition(BitemporalRegions.instant(micros))), this::measure);
        g.setFont(font);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        Color text = swatches.color("axis-text", Color.GRAY);
        Color line = swatches.color("axis-line", Color.LIGHTGRAY);
        for (DateTicks.Label label : labels) {
            g.setStroke(line);
            g.strokeLine(Math.round(label.x()) + 0.5, LABEL_Y - 4, Math.round(label.x()) + 0.5, LABEL_Y - 1);
            g.setFill(text);
            g.fillText(label.text(), label.textX(), LABEL_Y);
        }
    }

    private double measure(String text) {
        return swatches.measure(text, font);
    }

    private Color color(Operation operation) {
        return swatches.operation(operation, "");
    }

    /** A position's x in this strip, as the slider's axis places it. */
    private double x(Axis<Number> axis, double position) {
        Bounds bounds = axis.localToScene(axis.getLayoutBounds());
        if (bounds == null) {
            return Double.NaN;
        }
        double onAxis = axis.getDisplayPosition(position);
        return sceneToLocal(axis.localToScene(onAxis, 0)).getX();
    }
}
