package io.timetravel.gui;

import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where the window opens: where it was last closed when that place is still on a screen, else a
 * size that shows the content (1440x900, or most of a smaller screen), centred.
 */
@ViewSide
public final class WindowPlacement {

    /** The size the window opens at the first time, when the screen has room. */
    public static final double PREFERRED_WIDTH = 1440;
    public static final double PREFERRED_HEIGHT = 900;

    private WindowPlacement() {
    }

    /** Sizes and places {@code stage} before it shows. */
    public static void restore(Stage stage, UserPreferences preferences) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        UserPreferences.WindowBounds remembered = preferences.windowBounds().flatMap(WindowPlacement::onAScreen).orElse(null);
        if (remembered != null) {
            stage.setX(remembered.x());
            stage.setY(remembered.y());
            stage.setWidth(Math.max(stage.getMinWidth(), remembered.width()));
            stage.setHeight(Math.max(stage.getMinHeight(), remembered.height()));
            stage.setMaximized(remembered.maximized());
            return;
        }
        UserPreferences.WindowBounds first = firstBounds(screen.getMinX(), screen.getMinY(), screen.getWidth(), screen.getHeight());
        stage.setX(first.x());
        stage.setY(first.y());
        stage.setWidth(first.width());
        stage.setHeight(first.height());
    }

    /** Remembers where the window was when it closes. */
    public static void rememberOnClose(Stage stage, UserPreferences preferences) {
        stage.setOnHidden(event -> preferences.setWindowBounds(new UserPreferences.WindowBounds(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized())));
    }

    /**
     * The first window on a screen's visible area: the preferred size, shrunk to 95% of a smaller
     * screen, centred.
     */
    static UserPreferences.WindowBounds firstBounds(double screenX, double screenY, double screenWidth, double screenHeight) {
        double width = Math.min(PREFERRED_WIDTH, screenWidth * 0.95);
        double height = Math.min(PREFERRED_HEIGHT, screenHeight * 0.95);
        return new UserPreferences.WindowBounds(screenX + (screenWidth - width) / 2, screenY + (screenHeight - height) / 2,
                width, height, false);
    }

    /**
     * The remembered window fitted to the screen its title bar is on, when enough of it (its title
     * bar's middle) lies on one to grab it: a window remembered on a larger screen opens no larger
     * than this one, and wholly on it.
     */
    private static Optional<UserPreferences.WindowBounds> onAScreen(UserPreferences.WindowBounds bounds) {
        double middle = bounds.x() + bounds.width() / 2;
        return Screen.getScreensForRectangle(middle - 50, bounds.y(), 100, 30).stream().findFirst().map(Screen::getVisualBounds)
                .map(screen -> fitted(bounds, screen.getMinX(), screen.getMinY(), screen.getWidth(), screen.getHeight()));
    }

    /** {@code bounds} no larger than the screen's visible area, moved as little as needed to lie on it. */
    static UserPreferences.WindowBounds fitted(UserPreferences.WindowBounds bounds, double screenX, double screenY,
                                               double screenWidth, double screenHeight) {
        double width = Math.min(bounds.width(), screenWidth);
        double height = Math.min(bounds.height(), screenHeight);
        double x = Math.max(screenX, Math.min(bounds.x(), screenX + screenWidth - width));
        double y = Math.max(screenY, Math.min(bounds.y(), screenY + screenHeight - height));
        return new UserPreferences.WindowBounds(x, y, width, height, bounds.maximized());
    }
}
