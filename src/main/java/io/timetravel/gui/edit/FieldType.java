package io.timetravel.gui.edit;

import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.gui.Messages;
import java.math.BigDecimal;

/** The kinds of value a field can hold in the editor, and how text becomes a value of each. */
public enum FieldType {
    TEXT, NUMBER, BOOLEAN, JSON;

    /** The type the editor shows for a stored value. */
    public static FieldType of(JsonValue value) {
        if (value instanceof JsonString) {
            return TEXT;
        }
        if (value instanceof JsonNumber) {
            return NUMBER;
        }
        if (value instanceof JsonBoolean) {
            return BOOLEAN;
        }
        return JSON;
    }

    /** How a stored value is shown for editing. */
    public static String text(JsonValue value) {
        return value instanceof JsonString string ? string.value() : value.toJson();
    }

    /**
     * The value of {@code text} as this type.
     *
     * @throws IllegalArgumentException with a message for the user when it is not one
     */
    public JsonValue parse(String text) {
        switch (this) {
            case TEXT:
                return JsonString.of(text);
            case NUMBER:
                try {
                    return JsonNumber.of(new BigDecimal(text.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(Messages.get("edit.notANumber", text.strip()));
                }
            case BOOLEAN:
                String flag = text.strip().toLowerCase(java.util.Locale.ROOT);
                if (flag.equals("true") || flag.equals("false")) {
                    return JsonBoolean.of(flag.equals("true"));
                }
                throw new IllegalArgumentException(Messages.get("edit.notABoolean", text.strip()));
            default:
                try {
                    JsonValue value = JsonParser.parse(text);
                    if (value.isNull()) {
                        throw new IllegalArgumentException(Messages.get("edit.nullValue"));
                    }
                    return value;
                } catch (JsonParseException e) {
                    throw new IllegalArgumentException(Messages.get("edit.notJson", e.getMessage()));
                }
        }
    }

    @Override
    public String toString() {
        return Messages.get("edit.type." + name().toLowerCase(java.util.Locale.ROOT));
    }
}
