package io.timetravel.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text a client chose (a path, a query value quoted in a reason), made safe for a log line: it
 * stays on its one line, cannot pass for a field of that line or the start of another, and never
 * shows a token. Control characters are written as in JSON strings ({@code \n}, {@code \r},
 * {@code \t}, {@code \u0000}), as are the Unicode line separators; a backslash is doubled, so an
 * escape in the log always means the character.
 */
public final class LogText {

    /** Access tokens ({@code tt_} and at least 16 URL-safe Base64 characters) as the log shows them. */
    static final String HIDDEN_TOKEN = "tt_[hidden]";
    private static final Pattern TOKEN = Pattern.compile("tt_[A-Za-z0-9_-]{16,}");

    private LogText() {
    }

    /** {@code text} escaped, with tokens hidden. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** A path for a {@code path=} field: escaped, and spaces as {@code %20} so the fields of the line stay apart. */
    static String path(String text) {
        return escape(text, true);
    }

    /**
     * Only the control characters and line separators of {@code text} escaped: for whole log
     * messages, whose own backslashes (an escape already made) must stay as they are.
     */
    public static String controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                appendEscaped(out, c);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(String text, boolean spaces) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = isControl(c) || c == '\\' || (spaces && c == ' ');
            if (escaped && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (!escaped) {
                if (out != null) {
                    out.append(c);
                }
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ') {
                out.append("%20");
            } else {
                appendEscaped(out, c);
            }
        }
        String safe = out == null ? text : out.toString();
        return safe.contains("tt_") ? hideTokens(safe) : safe;
    }

    private static String hideTokens(String text) {
        Matcher tokens = TOKEN.matcher(text);
        return tokens.find() ? tokens.replaceAll(Matcher.quoteReplacement(HIDDEN_TOKEN)) : text;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04x", (int) c));
        }
    }
}
