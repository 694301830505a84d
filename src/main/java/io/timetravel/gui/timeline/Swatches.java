package io.timetravel.gui.timeline;

import io.timetravel.domain.Operation;
import io.timetravel.gui.ViewSide;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Colours for drawing on a canvas, taken from the style sheets: one invisible region per style
 * class (whose background the sheet sets from a token), read after CSS is applied, so canvases
 * use the same tokens as every control.
 */
@ViewSide
final class Swatches {

    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Text measurer = new Text();

    /** Adds a hidden swatch per style class to {@code parent}. */
    Swatches(Pane parent, String... styleClasses) {
        for (String styleClass : styleClasses) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("canvas-swatch", styleClass);
            swatch.setManaged(false);
            swatch.setMouseTransparent(true);
            swatch.setOpacity(0);
            swatch.resize(0, 0);
            regions.put(styleClass, swatch);
            parent.getChildren().add(swatch);
        }
    }

    /**
     * The colour of an operation: the swatch {@code op-create}, {@code op-update} or
     * {@code op-restore} followed by {@code suffix} ("" or "-line").
     */
    Color operation(Operation operation, String suffix) {
        Color fallback = switch (operation) {
            case CREATE -> Color.SEAGREEN;
            case UPDATE -> Color.ROYALBLUE;
            case RESTORE -> Color.MEDIUMPURPLE;
        };
        return color("op-" + operation.name().toLowerCase(java.util.Locale.ROOT) + suffix, fallback);
    }

    /** A text's width in a font, rounded up to the pixel. */
    double measure(String text, Font font) {
        measurer.setFont(font);
        measurer.setText(text);
        return Math.ceil(measurer.getLayoutBounds().getWidth());
    }

    /** The colour the sheet gives a style class's swatch, or {@code fallback} before CSS is applied. */
    Color color(String styleClass, Color fallback) {
        Region swatch = regions.get(styleClass);
        if (swatch == null || swatch.getBackground() == null || swatch.getBackground().getFills().isEmpty()) {
            return fallback;
        }
        Paint fill = swatch.getBackground().getFills().get(0).getFill();
        return fill instanceof Color color ? color : fallback;
    }
}
