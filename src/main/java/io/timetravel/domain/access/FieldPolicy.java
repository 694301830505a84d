package io.timetravel.domain.access;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one personal field is shown to callers without the {@code pii} grant.
 *
 * @param path         the field's dotted path in a record, e.g. {@code email} or {@code contact.phone};
 *                     a policy on an object covers every field inside it
 * @param masking      how its value is replaced
 * @param visibleChars for {@link Masking#PARTIAL}: how many trailing characters stay visible
 */
public record FieldPolicy(String path, Masking masking, int visibleChars) {

    /** Longest path accepted; deeper structures than this are not personal data we can name. */
    public static final int MAX_PATH_LENGTH = 200;
    public static final int MAX_VISIBLE_CHARS = 64;
    private static final Pattern SEGMENT = Pattern.compile("[^.\\s\\p{Cntrl}]+");

    /** The three ways of hiding a value. */
    public enum Masking {
        /** {@code ****} followed by the value's last few characters. */
        PARTIAL,
        /** {@code ****}. */
        FULL,
        /** A keyed hash, so that equal values still match without being shown. */
        HASH;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Masking> of(String key) {
            for (Masking masking : values()) {
                if (masking.key().equals(key)) {
                    return Optional.of(masking);
                }
            }
            return Optional.empty();
        }
    }

    public FieldPolicy {
        if (path == null || !isValidPath(path)) {
            throw new IllegalArgumentException("invalid field path \"" + path
                    + "\"; use dotted field names such as email or contact.phone");
        }
        if (masking == null) {
            throw new IllegalArgumentException("masking is required: partial, full or hash");
        }
        if (masking == Masking.PARTIAL) {
            if (visibleChars < 1 || visibleChars > MAX_VISIBLE_CHARS) {
                throw new IllegalArgumentException("visible_chars must be a whole number from 1 to " + MAX_VISIBLE_CHARS);
            }
        } else if (visibleChars != 0) {
            throw new IllegalArgumentException("visible_chars goes with partial masking only");
        }
    }

    public static boolean isValidPath(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            return false;
        }
        for (String segment : path.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

}
