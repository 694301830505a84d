package io.timetravel.gui.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Which part of a value changed, for highlighting inside the value: the old and the new text cut
 * into spans, each either common to both or changed. Text is compared word by word (a longest
 * common subsequence of words, spaces and punctuation, so {@code ada@example.com} to
 * {@code ada@example.org} marks only {@code com} and {@code org}); numbers character by character
 * between their common start and end, and as a whole when their magnitude differs
 * ({@code 200,000} to {@code 2,000,000}), where a digit-level match would highlight a stray
 * {@code ,00} and hide that the value grew tenfold. Plain Java, no JavaFX: the views render spans.
 */
public final class InlineDiff {

    /** Above this many word pairs the middle is marked changed as a whole rather than matched word by word. */
    static final int MAX_PAIRS = 40_000;

    /** A piece of a value: common to both sides, or changed (present on this side only). */
    public record Span(String text, boolean changed) {
    }

    /** The old value's spans and the new value's spans; joined, each gives its value back. */
    public record Result(List<Span> before, List<Span> after) {

        /**
         * The spans with long unchanged stretches shortened to {@code context} characters around
         * the changes ("…"), so that a change deep in a long value shows on one line.
         */
        public Result elided(int context) {
            return new Result(elide(before, context), elide(after, context));
        }
    }

    private InlineDiff() {
    }

    /** The changed spans of two texts, compared word by word. */
    public static Result ofText(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        boolean[] keptA = new boolean[a.size()];
        boolean[] keptB = new boolean[b.size()];
        for (int i = 0; i < start; i++) {
            keptA[i] = true;
            keptB[i] = true;
        }
        for (int i = endA; i < a.size(); i++) {
            keptA[i] = true;
        }
        for (int i = endB; i < b.size(); i++) {
            keptB[i] = true;
        }
        long pairs = (long) (endA - start) * (endB - start);
        if (pairs > 0 && pairs <= MAX_PAIRS) {
            matchMiddle(a, b, start, endA, endB, keptA, keptB);
        }
        return new Result(spans(a, keptA), spans(b, keptB));
    }

    /**
     * The changed spans of two numbers as shown ({@code 1,234,567}): the whole of both when their
     * integer parts have different lengths, else the characters between their common start and end.
     */
    public static Result ofNumbers(String before, String after) {
        if (integerDigits(before) != integerDigits(after)) {
            return new Result(List.of(new Span(before, true)), List.of(new Span(after, true)));
        }
        int start = 0;
        while (start < before.length() && start < after.length() && before.charAt(start) == after.charAt(start)) {
            start++;
        }
        int endA = before.length();
        int endB = after.length();
        while (endA > start && endB > start && before.charAt(endA - 1) == after.charAt(endB - 1)) {
            endA--;
            endB--;
        }
        return new Result(split(before, start, endA), split(after, start, endB));
    }

    private static int integerDigits(String number) {
        int digits = 0;
        for (int i = 0; i < number.length() && number.charAt(i) != '.'; i++) {
            digits += Character.isDigit(number.charAt(i)) ? 1 : 0;
        }
        return digits;
    }

    private static List<Span> split(String text, int start, int end) {
        List<Span> out = new ArrayList<>(3);
        add(out, text.substring(0, start), false);
        add(out, text.substring(start, end), true);
        add(out, text.substring(end), false);
        return out;
    }

    /** Marks the tokens of the middle parts that belong to a longest common subsequence. */
    private static void matchMiddle(List<String> a, List<String> b, int start, int endA, int endB, boolean[] keptA,
                                    boolean[] keptB) {
        int n = endA - start;
        int m = endB - start;
        int[][] lengths = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lengths[i][j] = a.get(start + i).equals(b.get(start + j)) ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(start + i).equals(b.get(start + j))) {
                keptA[start + i++] = true;
                keptB[start + j++] = true;
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** Words (letters and digits), runs of white space, and every other character alone. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int j = i + Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || Character.isWhitespace(cp)) {
                boolean word = Character.isLetterOrDigit(cp);
                while (j < text.length()) {
                    int next = text.codePointAt(j);
                    if (word ? !Character.isLetterOrDigit(next) : !Character.isWhitespace(next)) {
                        break;
                    }
                    j += Character.charCount(next);
                }
            }
            out.add(text.substring(i, j));
            i = j;
        }
        return out;
    }

    private static List<Span> spans(List<String> tokens, boolean[] kept) {
        List<Span> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (!kept[i] != changed && run.length() > 0) {
                out.add(new Span(run.toString(), changed));
                run.setLength(0);
            }
            changed = !kept[i];
            run.append(tokens.get(i));
        }
        add(out, run.toString(), changed);
        return out;
    }

    private static void add(List<Span> out, String text, boolean changed) {
        if (!text.isEmpty()) {
            out.add(new Span(text, changed));
        }
    }

    private static List<Span> elide(List<Span> spans, int context) {
        boolean anyChange = spans.stream().anyMatch(Span::changed);
        if (!anyChange) {
            return spans;
        }
        List<Span> out = new ArrayList<>(spans.size());
        for (int k = 0; k < spans.size(); k++) {
            Span span = spans.get(k);
            String text = span.text();
            if (span.changed()) {
                out.add(span);
            } else if (k == 0 && text.length() > context + 1) {
                out.add(new Span("\u2026" + text.substring(text.length() - context), false));
            } else if (k == spans.size() - 1 && text.length() > context + 1) {
                out.add(new Span(text.substring(0, context) + "\u2026", false));
            } else if (k > 0 && k < spans.size() - 1 && text.length() > 2 * context + 1) {
                out.add(new Span(text.substring(0, context) + "\u2026" + text.substring(text.length() - context), false));
            } else {
                out.add(span);
            }
        }
        return out;
    }
}
