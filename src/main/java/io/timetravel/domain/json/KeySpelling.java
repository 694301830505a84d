package io.timetravel.domain.json;

/**
 * Where the keys an object keeps come from (see {@link JsonObject#spelledBy}): a record's many
 * versions name the same few fields, and each parsed patch brings its own copy of every name.
 * Unless a spelling says otherwise, keys stay as they are.
 */
public interface KeySpelling {

    /** Keeps every key as it is. */
    KeySpelling AS_GIVEN = new KeySpelling() {
    };

    /** A string equal to {@code key} to keep instead of it, or {@code key} itself. */
    default String spell(String key) {
        return key;
    }

    /** The spelling for the members of the object that is member {@code key}'s value. */
    default KeySpelling below(String key) {
        return AS_GIVEN;
    }
}
