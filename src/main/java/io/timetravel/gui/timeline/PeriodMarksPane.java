package io.timetravel.gui.timeline;

import io.timetravel.gui.timeline.TimelinePositions.PeriodMark;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.control.Slider;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * Marks along the slider for the versions with a bounded valid period: on the valid axis a bar
 * from the version's position to where its period ends, on the transaction axis a short mark at
 * its position. Laid over the slider (in the same stack, after it) in a strip just above the
 * thumb (the stack's top padding), placed by the slider's own tick axis so marks and ticks
 * agree, and transparent to the mouse. Marks closer than a pixel share one node, so ten
 * thousand versions stay a few hundred nodes.
 */
final class PeriodMarksPane extends Pane {

    /** Style class of one mark. */
    static final String MARK = "timeline-bounded-mark";
    /** The narrowest mark, in pixels, so a point stays visible. */
    private static final double MIN_WIDTH = 3;
    /** A mark's height, and its gap to the thumb below it, in pixels. */
    private static final double HEIGHT = 4;
    private static final double GAP = 1;

    private final Slider slider;
    private List<PeriodMark> marks = List.of();

    PeriodMarksPane(Slider slider) {
        this.slider = slider;
        getStyleClass().add("timeline-bounded-marks");
        setMouseTransparent(true);
    }

    void setMarks(List<PeriodMark> marks) {
        this.marks = List.copyOf(marks);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        Node axisNode = slider.lookup(".axis");
        Node thumb = slider.lookup(".thumb");
        if (marks.isEmpty() || !(axisNode instanceof Axis<?>) || thumb == null) {
            getChildren().clear();
            return;
        }
        @SuppressWarnings("unchecked")
        Axis<Number> axis = (Axis<Number>) axisNode;
        Bounds thumbBounds = sceneToLocal(thumb.localToScene(thumb.getLayoutBounds()));
        if (thumbBounds == null) {
            return;
        }
        double y = thumbBounds.getMinY() - GAP - HEIGHT;
        int used = 0;
        double lastEnd = Double.NEGATIVE_INFINITY;
        for (PeriodMark mark : marks) {
            double from = x(axis, mark.position()) - MIN_WIDTH / 2;
            double to = Math.max(x(axis, mark.end()) + MIN_WIDTH / 2, from + MIN_WIDTH);
            if (to <= lastEnd + 1) {
                continue; // within a pixel of the mark before: already drawn
            }
            from = Math.max(from, lastEnd);
            Region node = used < getChildren().size() ? (Region) getChildren().get(used) : newMark();
            node.resizeRelocate(Math.round(from), Math.round(y), Math.max(MIN_WIDTH, Math.round(to - from)), HEIGHT);
            lastEnd = to;
            used++;
        }
        getChildren().remove(used, getChildren().size());
    }

    private Region newMark() {
        Region node = new Region();
        node.getStyleClass().add(MARK);
        node.setManaged(false); // placed here, so adding it asks for no layout of its own
        getChildren().add(node);
        return node;
    }

    /** A (fractional) position's x in this pane, as the slider's axis places it. */
    private double x(Axis<Number> axis, double position) {
        double onAxis = axis.getDisplayPosition(position);
        return sceneToLocal(axis.localToScene(onAxis, 0)).getX();
    }
}
