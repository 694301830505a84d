package io.timetravel.domain;

/** What a valid id is: record, user and version ids are positive 64-bit integers written in digits. */
public final class Ids {

    private Ids() {
    }

    /** The value when {@code text} is only ASCII digits denoting 1..Long.MAX_VALUE, else -1. */
    public static long parsePositiveLong(String text) {
        long value = parseNonNegativeLong(text);
        return value > 0 ? value : -1;
    }

    /**
     * The value when {@code text} is only ASCII digits (at most 19, leading zeros allowed)
     * denoting 0..Long.MAX_VALUE, else -1: no sign, no space, no overflow.
     */
    public static long parseNonNegativeLong(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The value when {@code text} denotes 1..Integer.MAX_VALUE in digits, else -1. */
    public static int parsePositiveInt(String text) {
        long value = parsePositiveLong(text);
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : -1;
    }
}
