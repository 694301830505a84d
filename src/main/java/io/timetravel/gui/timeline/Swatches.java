package io.timetravel.gui.timeline;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for drawing on a canvas, taken from the style sheets: one invisible region per style
 * class (whose background the sheet sets from a token), read after CSS is applied, so canvases
 * use the same tokens as every control.
 */
final class Swatches {

    private final Map<String, Region> regions = new LinkedHashMap<>();

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
