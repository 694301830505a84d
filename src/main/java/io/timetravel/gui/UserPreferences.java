package io.timetravel.gui;

import java.util.OptionalLong;
import java.util.prefs.Preferences;

/** What the workbench remembers between runs: who its user is. */
public interface UserPreferences {

    OptionalLong userId();

    void setUserId(long userId);

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
        };
    }

    /** Kept in memory only: for tests. */
    static UserPreferences inMemory(long initial) {
        long[] id = {initial};
        return new UserPreferences() {
            @Override
            public OptionalLong userId() {
                return id[0] > 0 ? OptionalLong.of(id[0]) : OptionalLong.empty();
            }

            @Override
            public void setUserId(long userId) {
                id[0] = userId;
            }
        };
    }
}
