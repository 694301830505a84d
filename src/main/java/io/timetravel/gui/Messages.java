package io.timetravel.gui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The user-visible texts, from {@code io/timetravel/gui/messages.properties}. */
public final class Messages {

    public static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.timetravel.gui.messages", Locale.ROOT);

    private Messages() {
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public static String get(String key, Object... arguments) {
        String pattern = BUNDLE.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(arguments);
    }
}
