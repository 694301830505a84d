package io.timetravel.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Region codes ("EU", "US", "APAC", "US-EAST"): letters, digits, '-' and '_', up to 32
 * characters, compared without regard to case (kept upper case). A flag stores its list as
 * comma-separated text so operators can edit it by hand in SQL.
 */
public final class Regions {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private Regions() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static String normalize(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The codes of a stored list, upper case, sorted, without blanks or repeats. Lenient, since
     * an operator may have typed it: stray spaces and case do not matter.
     */
    public static List<String> parseStored(String text) {
        TreeSet<String> codes = new TreeSet<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    codes.add(normalize(part));
                }
            }
        }
        return new ArrayList<>(codes);
    }

    /** The stored form of a list. */
    public static String format(List<String> codes) {
        return String.join(",", codes);
    }
}
