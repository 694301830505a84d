package io.timetravel.domain.json;

import com.fasterxml.jackson.core.JacksonException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts Jackson's syntax errors in the product's words: the messages clients have always read
 * ("expected ':' at offset 5", "unterminated string", "duplicate key \"a\""), each ending with the
 * offset where reading stopped. A message this table does not know keeps Jackson's own wording.
 */
final class JsonSyntaxMessages {

    private static final Pattern CHARACTER = Pattern.compile("code (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("['\"](.*)['\"]");

    /** A phrase in Jackson's message and the product's words for it, the first match winning. */
    private static final String[][] PHRASES = {
        {"hex-digit for character escape", "invalid \\u escape"},
        {"Illegal unquoted character", "unescaped control character in string"},
        {"Broken surrogate pair", "unpaired surrogate in string"},
        {"separating root-level values", "unexpected content after the JSON value"},
        {"Leading zeroes", "unexpected content after the JSON value"},
        {"double-quote to start field name", "expected a quoted key"},
        {"comma to separate Object entries", "expected ',' or '}'"},
        {"comma to separate Array entries", "expected ',' or ']'"},
        {"colon to separate field name and value", "expected ':'"},
    };

    private JsonSyntaxMessages() {
    }

    static JsonParseException of(JacksonException e, String text) {
        String jackson = e.getOriginalMessage();
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (jackson.startsWith("Illegal character") && offset > 0) {
            offset--; // Jackson reports a control character between tokens from just after it
        }
        if (jackson.startsWith("Duplicate Object property") || jackson.startsWith("Duplicate field")) {
            return new JsonParseException("duplicate key \"" + abbreviate(quoted(jackson)) + "\"");
        }
        return new JsonParseException(words(jackson, text, offset) + (offset >= 0 ? " at offset " + offset : ""));
    }

    private static String words(String jackson, String text, long offset) {
        if (jackson.startsWith("Unexpected end-of-input")) {
            return jackson.contains("string") || jackson.contains("field name") || jackson.contains("escape")
                    ? "unterminated string" : "unexpected end of input";
        }
        if (jackson.startsWith("Unrecognized character escape")) {
            return "invalid escape \\" + describe(code(jackson));
        }
        for (String[] phrase : PHRASES) {
            if (jackson.contains(phrase[0])) {
                return phrase[1];
            }
        }
        if (jackson.startsWith("Unrecognized token")) {
            return unrecognizedToken(quoted(jackson));
        }
        if (jackson.startsWith("Unexpected close marker")) {
            return jackson.contains("expected '}'") ? "expected ',' or '}'" : "expected ',' or ']'";
        }
        if (jackson.startsWith("Unexpected character") || jackson.startsWith("Illegal character")) {
            int code = code(jackson);
            return "unexpected character " + describe(code >= 0 ? code : charAt(text, offset));
        }
        return jackson;
    }

    /** "truex" was a literal with content after it; "tru" and "undefined" were never a value. */
    private static String unrecognizedToken(String token) {
        for (String literal : new String[] {"true", "false", "null"}) {
            if (token.startsWith(literal)) {
                return "unexpected content after the JSON value";
            }
        }
        return "unexpected character " + describe(token.isEmpty() ? -1 : token.charAt(0));
    }

    private static int code(String jackson) {
        Matcher matcher = CHARACTER.matcher(jackson);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static String quoted(String jackson) {
        Matcher matcher = QUOTED.matcher(jackson);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static int charAt(String text, long offset) {
        return offset >= 0 && offset < text.length() ? text.charAt((int) offset) : -1;
    }

    static String describe(int c) {
        if (c < 0) {
            return "at the end";
        }
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
