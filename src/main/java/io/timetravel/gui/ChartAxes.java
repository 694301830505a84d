package io.timetravel.gui;

import java.util.function.Function;
import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/** What the charts share about their axes: numbers underneath, labelled as times or dates for the reader. */
@ViewSide
public final class ChartAxes {

    private ChartAxes() {
    }

    /** Labels {@code axis}'s ticks with {@code label} of their value (the axis is read only: no parsing back). */
    public static void labelled(NumberAxis axis, Function<Number, String> label) {
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return label.apply(value);
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis is read only");
            }
        });
    }
}
