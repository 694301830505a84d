package io.timetravel.gui.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.gui.diff.InlineDiff.Span;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The changed part inside a value: word by word for text, by magnitude and digits for numbers. */
class InlineDiffTest {

    private static String joined(List<Span> spans) {
        return spans.stream().map(Span::text).collect(Collectors.joining());
    }

    private static List<String> changed(List<Span> spans) {
        return spans.stream().filter(Span::changed).map(Span::text).toList();
    }

    @Test
    void onlyTheChangedWordOfATextIsMarked() {
        InlineDiff.Result result = InlineDiff.ofText("ada@example.com", "ada@example.org");
        assertEquals(List.of(new Span("ada@example.", false), new Span("com", true)), result.before());
        assertEquals(List.of(new Span("ada@example.", false), new Span("org", true)), result.after());
    }

    @Test
    void wordsInsertedInTheMiddleAreMarkedOnTheNewSideOnly() {
        InlineDiff.Result result = InlineDiff.ofText("12 Baker Street, London", "12 Upper Baker Street, Greater London");
        assertEquals(List.of(), changed(result.before()), "nothing of the old text is gone");
        assertEquals(List.of("Upper", "Greater"), changed(result.after()).stream().map(String::strip).toList());
        assertEquals("12 Upper Baker Street, Greater London", joined(result.after()));
    }

    @Test
    void aNumberThatChangedMagnitudeIsMarkedWhole() {
        InlineDiff.Result result = InlineDiff.ofNumbers("200,000", "2,000,000");
        assertEquals(List.of(new Span("200,000", true)), result.before());
        assertEquals(List.of(new Span("2,000,000", true)), result.after());
    }

    @Test
    void aNumberOfTheSameMagnitudeIsMarkedFromItsFirstToItsLastDifferentDigit() {
        InlineDiff.Result result = InlineDiff.ofNumbers("1,234,567.50", "1,294,567.50");
        assertEquals(List.of(new Span("1,2", false), new Span("3", true), new Span("4,567.50", false)), result.before());
        assertEquals(List.of(new Span("1,2", false), new Span("9", true), new Span("4,567.50", false)), result.after());
    }

    @Test
    void aChangeDeepInALongValueStaysInSightWhenElided() {
        String head = "a".repeat(100) + " ";
        String tail = " " + "z".repeat(100);
        InlineDiff.Result result = InlineDiff.ofText(head + "old" + tail, head + "new" + tail).elided(10);
        assertEquals("\u2026" + "a".repeat(9) + " " + "old" + " " + "z".repeat(9) + "\u2026", joined(result.before()));
        assertEquals(List.of("new"), changed(result.after()));
    }

    @Test
    void spansAlwaysGiveBothValuesBackAndMarkNothingInEqualValues() {
        Random random = new Random(11);
        String[] words = {"a", "b", "c", " ", ".", "ab", "1"};
        for (int round = 0; round < 500; round++) {
            String before = randomText(random, words);
            String after = randomText(random, words);
            InlineDiff.Result result = InlineDiff.ofText(before, after);
            assertEquals(before, joined(result.before()));
            assertEquals(after, joined(result.after()));
            String common = result.before().stream().filter(span -> !span.changed()).map(Span::text).collect(Collectors.joining());
            String commonAfter = result.after().stream().filter(span -> !span.changed()).map(Span::text).collect(Collectors.joining());
            assertEquals(common, commonAfter, "the unchanged parts are the same text on both sides");
            InlineDiff.Result same = InlineDiff.ofText(before, before);
            assertTrue(changed(same.before()).isEmpty() && changed(same.after()).isEmpty());
        }
    }

    private static String randomText(Random random, String[] words) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            out.append(words[random.nextInt(words.length)]);
        }
        return out.toString();
    }
}
