package io.timetravel.gui;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.prefs.Preferences;

/** What the workbench remembers between runs: who its user is, and where its window was. */
public interface UserPreferences {

    /** The window's place and size, in screen coordinates. */
    record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    OptionalLong userId();

    void setUserId(long userId);

    /** Where the window was when it was last closed, if it ever was. */
    Optional<WindowBounds> windowBounds();

    void setWindowBounds(WindowBounds bounds);

    /** Kept in the Java preferences of the current OS user. */
    static UserPreferences system() {
        Preferences node = Preferences.userRoot().node("io/timetravel/workbench");
        return new UserPreferences() {
            @Override
            public OptionalLong userId() {
                long id = node.getLong("userId", 0);
                return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
            }

            @Override
            public void setUserId(long userId) {
                node.putLong("userId", userId);
            }

            @Override
            public Optional<WindowBounds> windowBounds() {
                double width = node.getDouble("window.width", 0);
                double height = node.getDouble("window.height", 0);
                if (width <= 0 || height <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new WindowBounds(node.getDouble("window.x", 0), node.getDouble("window.y", 0), width, height,
                        node.getBoolean("window.maximized", false)));
            }

            @Override
            public void setWindowBounds(WindowBounds bounds) {
                node.putDouble("window.x", bounds.x());
                node.putDouble("window.y", bounds.y());
                node.putDouble("window.width", bounds.width());
                node.putDouble("window.height", bounds.height());
                node.putBoolean("window.maximized", bounds.maximized());
            }
        };
    }

    /** Kept in memory only: for tests. */
    static UserPreferences inMemory(long initial) {
        long[] id = {initial};
        WindowBounds[] window = {null};
        return new UserPreferences() {
            @Override
            public OptionalLong userId() {
                return id[0] > 0 ? OptionalLong.of(id[0]) : OptionalLong.empty();
            }

            @Override
            public void setUserId(long userId) {
                id[0] = userId;
            }

            @Override
            public Optional<WindowBounds> windowBounds() {
                return Optional.ofNullable(window[0]);
            }

            @Override
            public void setWindowBounds(WindowBounds bounds) {
                window[0] = bounds;
            }
        };
    }
}
