package io.timetravel.domain.json;

/**
 * Where the keys and string values an object keeps come from (see {@link JsonObject#spelledBy}):
 * a record's many versions name the same few fields, often with the same text, and each parsed
 * patch brings its own copy of every name and string. Unless a spelling says otherwise, keys and
 * values stay as they are.
 */
public interface KeySpelling {

    /** Keeps every key as it is. */
    KeySpelling AS_GIVEN = new KeySpelling() {
    };

    /** A string equal to {@code key} to keep instead of it, or {@code key} itself. */
    default String spell(String key) {
        return key;
    }

    /**
     * A string equal to {@code value}, member {@code key}'s value, to keep instead of it, or
     * {@code value} itself. Only strings: two equal strings write the same JSON text, which two
     * equal numbers need not ({@code 1.0} and {@code 1}).
     */
    default JsonString spell(String key, JsonString value) {
        return value;
    }

    /** The spelling for the members of the object that is member {@code key}'s value. */
    default KeySpelling below(String key) {
        return AS_GIVEN;
    }
}
