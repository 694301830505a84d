package io.timetravel.gui.timeline;

import io.timetravel.domain.Operation;
import io.timetravel.gui.Messages;
import io.timetravel.gui.timeline.BitemporalMapModel.Point;
import io.timetravel.gui.timeline.BitemporalRegions.Region;
import java.util.List;
import java.util.Objects;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The bitemporal map: valid time across, known time down, each version the rectangles of the
 * plane where it is the answer ({@link BitemporalRegions}), coloured by operation and labelled
 * where there is room; the timeline's position as a dot, A and B of the Diff outlined, the
 * version under the mouse outlined with a tooltip, and a keyboard cursor (arrows, Enter, A, B).
 * The versions are drawn on one canvas only when the plane or the size changes; the marks that
 * move with the timeline are on a second canvas, redrawn alone.
 */
final class BitemporalMap extends Pane {

    /** Room for the date labels: known time on the left, valid time on top. */
    static final double LEFT = 70;
    static final double TOP = 20;
    static final double RIGHT = 6;
    static final double BOTTOM = 6;
    /** The plane runs this much of its span past the last instant, so what holds "from then on" shows as such. */
    private static final double TAIL = 0.06;

    private final BitemporalMapModel model;
    private final Canvas base = new Canvas();
    private final Canvas marks = new Canvas();
    private final Swatches swatches;
    private final Font font = Font.font(11);
    private final Font badgeFont = Font.font("System", javafx.scene.text.FontWeight.BOLD, 11);
    private final Tooltip tooltip = new Tooltip();
    /** The timeline's position: nodes, not canvas, so a step moves three small shapes and redraws nothing. */
    private final Line cursorAcross = new Line();
    private final Line cursorDown = new Line();
    private final Circle cursorDot = new Circle(4);
    private Object drawn;
    private long from;
    private long to;

    BitemporalMap(BitemporalMapModel model) {
        this.model = model;
        getStyleClass().add("bitemporal-map");
        setFocusTraversable(true);
        setAccessibleText(Messages.get("map.hint"));
        setMinSize(220, 140);
        setPrefSize(420, 260);
        base.setManaged(false);
        marks.setManaged(false);
        base.setMouseTransparent(true);
        marks.setMouseTransparent(true);
        for (Shape shape : List.of(cursorAcross, cursorDown, cursorDot)) {
            shape.getStyleClass().add("map-cursor-mark");
            shape.setManaged(false);
            shape.setMouseTransparent(true);
        }
        cursorDot.getStyleClass().add("map-cursor-dot");
        cursorAcross.getStrokeDashArray().setAll(2.0, 3.0);
        cursorDown.getStrokeDashArray().setAll(2.0, 3.0);
        getChildren().addAll(base, marks, cursorAcross, cursorDown, cursorDot);
        swatches = new Swatches(this, "op-create", "op-update", "op-restore", "op-create-line", "op-update-line",
                "op-restore-line", "axis-text", "axis-line", "map-focus", "side-a", "side-b", "map-empty");
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);

        model.planeProperty().addListener((observable, old, plane) -> {
            drawn = null;
            requestLayout();
        });
        model.cursorProperty().addListener((observable, old, point) -> placeCursor());
        model.hoveredProperty().addListener((observable, old, region) -> {
            drawMarks();
            showTip(region);
        });
        model.focusedProperty().addListener((observable, old, region) -> drawMarks());
        model.focusProperty().addListener((observable, old, point) -> drawMarks());
        model.diffFromProperty().addListener((observable, old, version) -> drawMarks());
        model.diffToProperty().addListener((observable, old, version) -> drawMarks());
        focusedProperty().addListener((observable, old, focused) -> {
            if (focused) {
                model.focusGained();
            }
            drawMarks();
        });

        addEventHandler(MouseEvent.MOUSE_MOVED, event -> model.hover(pointAt(event.getX(), event.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, event -> model.hover(null));
        addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
            requestFocus();
            Point point = pointAt(event.getX(), event.getY());
            if (point != null) {
                model.click(point, event.isShiftDown());
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    private void key(KeyEvent event) {
        switch (event.getCode()) {
            case LEFT, KP_LEFT -> model.move(true, -1);
            case RIGHT, KP_RIGHT -> model.move(true, 1);
            case UP, KP_UP -> model.move(false, -1);
            case DOWN, KP_DOWN -> model.move(false, 1);
            case ENTER, SPACE -> model.openFocused();
            case A -> model.setFocusedAsA();
            case B -> model.setFocusedAsB();
            default -> {
                return;
            }
        }
        event.consume();
    }

    private void showTip(Region region) {
        if (region == null) {
            Tooltip.uninstall(this, tooltip);
            return;
        }
        tooltip.setText(model.describe(region.version()));
        Tooltip.install(this, tooltip);
    }

    BitemporalMapModel model() {
        return model;
    }

    // ---- Geometry ----

    private double plotWidth() {
        return Math.max(1, getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, getHeight() - TOP - BOTTOM);
    }

    /** An instant's x (valid time); OPEN is the right edge. */
    double x(long micros) {
        return LEFT + fraction(micros) * plotWidth();
    }

    /** An instant's y (known time); OPEN is the bottom edge. */
    double y(long micros) {
        return TOP + fraction(micros) * plotHeight();
    }

    private double fraction(long micros) {
        if (micros == BitemporalRegions.OPEN) {
            return 1;
        }
        return Math.max(0, Math.min(1, (micros - from) / (double) (to - from)));
    }

    /** The plane's point at a pixel, or null outside the plot. */
    Point pointAt(double x, double y) {
        if (model.planeProperty().get().isEmpty() || x < LEFT || y < TOP || x > getWidth() - RIGHT || y > getHeight() - BOTTOM) {
            return null;
        }
        double fx = (x - LEFT) / plotWidth();
        double fy = (y - TOP) / plotHeight();
        return new Point(from + Math.round(fx * (to - from)), from + Math.round(fy * (to - from)));
    }

    // ---- Drawing ----

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        base.setWidth(width);
        base.setHeight(height);
        marks.setWidth(width);
        marks.setHeight(height);
        BitemporalRegions plane = model.planeProperty().get();
        Object now = List.of(System.identityHashCode(plane), width, height);
        if (!Objects.equals(now, drawn)) {
            drawn = now;
            long start = plane.start();
            long end = plane.end();
            long span = Math.max(3_600_000_000L, end - start);
            from = start;
            to = end + (long) (span * TAIL) + (end == start ? span : 0);
            drawBase(plane, width, height);
        }
        drawMarks();
        placeCursor();
    }

    /** Puts the cross and dot of the timeline's position where its state point is. */
    private void placeCursor() {
        Point point = model.cursorProperty().get();
        boolean shown = point != null && !model.planeProperty().get().isEmpty() && getWidth() > 0;
        cursorAcross.setVisible(shown);
        cursorDown.setVisible(shown);
        cursorDot.setVisible(shown);
        if (!shown) {
            return;
        }
        double cx = Math.round(x(point.valid())) + 0.5;
        double cy = Math.round(y(point.known())) + 0.5;
        cursorDown.setStartX(cx);
        cursorDown.setEndX(cx);
        cursorDown.setStartY(TOP);
        cursorDown.setEndY(getHeight() - BOTTOM);
        cursorAcross.setStartX(LEFT);
        cursorAcross.setEndX(getWidth() - RIGHT);
        cursorAcross.setStartY(cy);
        cursorAcross.setEndY(cy);
        cursorDot.setCenterX(cx);
        cursorDot.setCenterY(cy);
    }

    private void drawBase(BitemporalRegions plane, double width, double height) {
        GraphicsContext g = base.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        if (plane.isEmpty()) {
            return;
        }
        g.setFill(swatches.color("map-empty", Color.WHITESMOKE));
        g.fillRect(LEFT, TOP, plotWidth(), plotHeight());
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        for (Region region : plane.regions()) {
            double left = x(region.validFrom());
            double top = y(region.knownFrom());
            double w = x(region.validTo()) - left;
            double h = y(region.knownTo()) - top;
            if (w <= 0 || h <= 0) {
                continue;
            }
            Operation operation = region.version().operation();
            g.setFill(fill(operation));
            g.fillRect(left, top, Math.max(1, w), Math.max(1, h));
            if (w >= 4 && h >= 4) {
                g.setStroke(line(operation));
                g.setLineWidth(1);
                g.strokeRect(Math.round(left) + 0.5, Math.round(top) + 0.5, Math.max(1, Math.round(w) - 1), Math.max(1, Math.round(h) - 1));
            }
            String label = "v" + region.version().version();
            if (h >= 16 && w >= 24 && w >= measure(label) + 8) {
                g.setFill(line(operation));
                g.fillText(label, left + w / 2, top + h / 2);
            }
        }
        // Valid time = known time: above it the past as learned later (back-dated), below it what was known in advance.
        g.setStroke(swatches.color("axis-line", Color.GRAY));
        g.setLineDashes(4, 4);
        g.strokeLine(x(from), y(from), x(to), y(to));
        g.setLineDashes(null);
        drawAxes(g, width, height);
    }

    private void drawAxes(GraphicsContext g, double width, double height) {
        Color text = swatches.color("axis-text", Color.GRAY);
        Color line = swatches.color("axis-line", Color.LIGHTGRAY);
        g.setFont(font);
        g.setFill(text);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        for (DateTicks.Label label : DateTicks.of(from, to, model.zone(), plotWidth(), micros -> x(micros) - LEFT, this::measure)) {
            g.fillText(label.text(), LEFT + label.textX(), 2);
            g.setStroke(line);
            g.strokeLine(Math.round(label.x() + LEFT) + 0.5, TOP - 4, Math.round(label.x() + LEFT) + 0.5, TOP);
        }
        // Down the left: labels as tall as a line, each right-aligned against the plot.
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (DateTicks.Label label : DateTicks.of(from, to, model.zone(), plotHeight(), micros -> y(micros) - TOP, text1 -> 14)) {
            double y = TOP + label.textX() + 7;
            g.fillText(label.text(), LEFT - 6, y);
            g.setStroke(line);
            g.strokeLine(LEFT - 4, Math.round(label.x() + TOP) + 0.5, LEFT, Math.round(label.x() + TOP) + 0.5);
        }
    }

    /** The marks that move: cursor, A and B, hover and keyboard focus. */
    private void drawMarks() {
        double width = marks.getWidth();
        double height = marks.getHeight();
        GraphicsContext g = marks.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        BitemporalRegions plane = model.planeProperty().get();
        if (plane.isEmpty() || width <= 0) {
            return;
        }
        outlineVersion(g, plane, model.diffFromProperty().get(), swatches.color("side-a", Color.DIMGRAY), "A");
        outlineVersion(g, plane, model.diffToProperty().get(), swatches.color("side-b", Color.ROYALBLUE), "B");
        Region hovered = model.hoveredProperty().get();
        if (hovered != null) {
            g.setStroke(line(hovered.version().operation()));
            g.setLineWidth(2);
            strokeRegion(g, hovered);
        }
        Point focus = model.focusProperty().get();
        if (isFocused() && focus != null) {
            Color color = swatches.color("map-focus", Color.BLUE);
            g.setStroke(color);
            g.setLineWidth(2);
            g.setLineDashes(5, 3);
            Region focused = model.focusedProperty().get();
            if (focused != null) {
                strokeRegion(g, focused);
            }
            g.setLineDashes(null);
            g.strokeOval(x(focus.valid()) - 5, y(focus.known()) - 5, 10, 10);
        }
    }

    private void outlineVersion(GraphicsContext g, BitemporalRegions plane, Long version, Color color, String badge) {
        if (version == null) {
            return;
        }
        Region largest = null;
        double area = -1;
        g.setStroke(color);
        g.setLineWidth(2);
        for (Region region : plane.regionsOf(version)) {
            strokeRegion(g, region);
            double a = (x(region.validTo()) - x(region.validFrom())) * (y(region.knownTo()) - y(region.knownFrom()));
            if (a > area) {
                area = a;
                largest = region;
            }
        }
        if (largest != null) {
            double left = x(largest.validFrom()) + 2;
            double top = y(largest.knownFrom()) + 2;
            g.setFill(color);
            g.fillRoundRect(left, top, 14, 14, 4, 4);
            g.setFill(swatches.color("map-empty", Color.WHITE));
            g.setFont(badgeFont);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(badge, left + 7, top + 7);
        }
    }

    private void strokeRegion(GraphicsContext g, Region region) {
        double left = x(region.validFrom());
        double top = y(region.knownFrom());
        g.strokeRect(left + 1, top + 1, Math.max(2, x(region.validTo()) - left - 2), Math.max(2, y(region.knownTo()) - top - 2));
    }

    private double measure(String text) {
        return swatches.measure(text, font);
    }

    private Color fill(Operation operation) {
        return swatches.operation(operation, "");
    }

    private Color line(Operation operation) {
        return swatches.operation(operation, "-line");
    }
}
