package io.timetravel.gui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/** The user-visible texts, from {@code io/timetravel/gui/messages.properties}. */
public final class Messages {

    public static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.timetravel.gui.messages", Locale.ROOT);

    private Messages() {
    }

    /**
     * Each pattern parsed once: a timeline step fills in several texts, and parsing a pattern
     * (with its number formats) cost more than the rest of the step's text work.
     */
    private static final Map<String, MessageFormat> FORMATS = new ConcurrentHashMap<>();

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public static String get(String key, Object... arguments) {
        if (arguments.length == 0) {
            return BUNDLE.getString(key);
        }
        MessageFormat format = FORMATS.computeIfAbsent(key, k -> new MessageFormat(BUNDLE.getString(k), Locale.ROOT));
        synchronized (format) { // a MessageFormat is not safe for threads at once; texts are made mostly on one
            return format.format(arguments);
        }
    }
}
