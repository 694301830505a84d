package io.timetravel.domain.json;

import java.util.Iterator;
import java.util.Map;

/** Writes {@link JsonValue}s as canonical JSON text: sorted keys, minimal escaping, no spaces. */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder(64);
        write(value, out);
        return out.toString();
    }

    public static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonObject object) {
            writeObject(object, out);
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonArray array) {
            out.append('[');
            Iterator<JsonValue> elements = array.elements().iterator();
            while (elements.hasNext()) {
                write(elements.next(), out);
                if (elements.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else {
            out.append(value.toString());
        }
    }

    private static void writeObject(JsonObject object, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.append(':');
            JsonValue value = member.getValue();
            if (value instanceof JsonObject nested) {
                out.append(nested.toJson());
            } else {
                write(value, out);
            }
        }
        out.append('}');
    }

    /** Appends {@code text} as a JSON string literal. */
    public static void writeString(String text, StringBuilder out) {
        out.append('"');
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, start, length);
        out.append('"');
    }
}
