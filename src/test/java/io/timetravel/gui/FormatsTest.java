package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** One way of writing numbers and instants across the views. */
class FormatsTest {

    @Test
    void numbersAreGroupedWithEveryDigitKept() {
        assertEquals("200,000", Formats.exactNumber("200000"));
        assertEquals("2,000,000", Formats.exactNumber("2000000"));
        assertEquals("-1,234,567.000100", Formats.exactNumber("-1234567.000100"), "no rounding, trailing zeros kept");
        assertEquals("1,000", Formats.exactNumber("1E+3"), "no exponent");
        assertEquals("0.000001", Formats.exactNumber("1e-6"));
        assertEquals("999", Formats.exactNumber("999"));
        assertEquals("12345678901234567890", Formats.exactNumber("12345678901234567890").replace(",", ""),
                "digits beyond a long's range are kept");
        assertEquals("n/a", Formats.exactNumber("n/a"), "not a number: as it is");
    }

    @Test
    void instantsReadTheSameInEveryView() {
        Instant instant = Instant.parse("2026-03-01T23:30:05Z");
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertEquals("2026-03-02 00:30:05", Formats.localTime(instant, paris));
        assertEquals("2026-03-02", Formats.localDate(instant, paris), "the day in the user's zone");
    }

    @Test
    void noTextOfTheRecordPaneSaysOneVersionsOrOneEvents() {
        for (String key : java.util.Collections.list(Messages.BUNDLE.getKeys())) {
            if (!key.matches("(records|record|diff|history|restore|edit)\\..*")) {
                continue;
            }
            String text = Messages.get(key, 1, 1, 1, 1, 1, 1);
            assertFalse(text.matches(".*\\b1 (versions|events|records|fields)\\b.*"), key + ": " + text);
        }
    }
}
