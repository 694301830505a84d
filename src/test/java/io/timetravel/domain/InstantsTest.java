package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one notation for instants: lenient RFC 3339 in, fixed-width UTC microseconds out. */
class InstantsTest {

    private static final long SEED = 3339L;

    private static IllegalArgumentException rejected(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Instants.parse(text), () -> "should reject: " + text);
    }

    // ---- parse: accepted forms ----

    @Test
    void parsesUtcWithZ() {
        assertEquals(Instant.parse("2026-05-01T12:00:00Z"), Instants.parse("2026-05-01T12:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-05-01T17:30:00+05:30, 2026-05-01T12:00:00Z",
        "2026-05-01T04:00:00-08:00, 2026-05-01T12:00:00Z",
        "2026-05-01T12:00:00+00:00, 2026-05-01T12:00:00Z",
        "2026-05-01T12:00:00-00:00, 2026-05-01T12:00:00Z",
        "2026-05-02T02:00:00+14:00, 2026-05-01T12:00:00Z",
        "2026-05-01T00:30:00+01:00, 2026-04-30T23:30:00Z",
        "2026-12-31T23:00:00-01:00, 2027-01-01T00:00:00Z",
    })
    void anyOffsetIsConvertedToTheSameInstant(String text, String utc) {
        assertEquals(Instant.parse(utc), Instants.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-05-01T12:00:00.1Z, 2026-05-01T12:00:00.100Z",
        "2026-05-01T12:00:00.12Z, 2026-05-01T12:00:00.120Z",
        "2026-05-01T12:00:00.123456Z, 2026-05-01T12:00:00.123456Z",
        "2026-05-01T12:00:00.1234567Z, 2026-05-01T12:00:00.123456Z",
        "2026-05-01T12:00:00.999999999Z, 2026-05-01T12:00:00.999999Z",
        "2026-05-01T12:00:00.123456789012Z, 2026-05-01T12:00:00.123456Z",
        "2026-05-01T12:00:00.0000009+02:00, 2026-05-01T10:00:00Z",
    })
    void anyFractionIsAcceptedAndTruncatedToMicroseconds(String text, String expected) {
        assertEquals(Instant.parse(expected), Instants.parse(text));
    }

    @Test
    void fractionIsTruncatedNotRounded() {
        assertEquals(Instant.parse("2026-05-01T23:59:59.999999Z"), Instants.parse("2026-05-01T23:59:59.9999999Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-05-01T12:00:00Z", "2026-05-01 12:00:00Z", "2026-05-01t12:00:00Z", "2026-05-01t12:00:00z",
        "2026-05-01T12:00:00z", "  2026-05-01T12:00:00Z\n", "2026-05-01 14:00:00+02:00",
    })
    void separatorMayBeTOrSpaceOrLowercaseT(String text) {
        assertEquals(Instant.parse("2026-05-01T12:00:00Z"), Instants.parse(text));
    }

    @Test
    void plainDateMeansStartOfDayUtc() {
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), Instants.parse("2026-05-01"));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), Instants.parse(" 2024-02-29 "));
    }

    @Test
    void leapDayIsAcceptedOnlyInLeapYears() {
        assertEquals(Instant.parse("2024-02-29T08:00:00Z"), Instants.parse("2024-02-29T08:00:00Z"));
        assertEquals(Instant.parse("2000-02-29T00:00:00Z"), Instants.parse("2000-02-29"));
        rejected("2023-02-29T08:00:00Z");
        rejected("1900-02-29");
    }

    @Test
    void theWholeRangeOfFourDigitYearsIsAccepted() {
        assertEquals(Instants.MIN, Instants.parse("0001-01-01T00:00:00Z"));
        assertEquals(Instants.MIN, Instants.parse("0001-01-01"));
        assertEquals(Instants.MAX, Instants.parse("9999-12-31T23:59:59.999999Z"));
        assertEquals(Instants.MAX, Instants.parse("9999-12-31T23:59:59.999999999Z"));
        assertEquals(Instants.MIN, Instants.parse("0001-01-01T01:00:00+01:00"));
    }

    // ---- parse: rejected input ----

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage", "now", "yesterday", "1714564800", "2026", "2026-05", "20260501", "2026/05/01", "01-05-2026",
        "2026-5-1", "2026-05-01T", "2026-05-01T12:00Z", "2026-05-01T12Z", "2026-05-01T12:00:00.Z",
        "2026-05-01T12:00:00,5Z", "2026-05-01T1:00:00Z", "2026-05-01X12:00:00Z", "2026-05-01  12:00:00Z",
        "2026-05-01T12:00:00+0530", "2026-05-01T12:00:00+05", "2026-05-01T12:00:00 Z", "2026-05-01T12:00:00ZZ",
        "2026-05-01T12:00:00Z[UTC]", "2026-05-01T12:00:00+19:00", "2026-05-01T12:00:00UTC", "2026-05-01T12:00:00GMT",
        "Fri, 01 May 2026 12:00:00 GMT", "２０２６-05-01", "+2026-05-01T12:00:00Z",
    })
    void garbageIsRejected(String text) {
        IllegalArgumentException e = rejected(text);

        assertTrue(e.getMessage().startsWith("invalid instant \""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-05-01T12:00:00", "2026-05-01T12:00:00.123456", "2026-05-01 12:00:00"})
    void missingOffsetIsRejected(String text) {
        assertTrue(rejected(text).getMessage().contains("RFC 3339"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-05-01T24:00:00Z", "2026-05-01T24:00:00.000Z", "2026-05-01T25:00:00Z", "2026-05-01T12:60:00Z",
        "2026-05-01T12:00:60Z", "2026-12-31T23:59:60Z", "2026-05-01T12:00:00+24:00",
    })
    void outOfRangeTimeFieldsAreRejected(String text) {
        assertTrue(rejected(text).getMessage().startsWith("invalid instant"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-02-30T00:00:00Z", "2026-02-30", "2026-04-31T12:00:00Z", "2026-04-31", "2026-13-01T00:00:00Z", "2026-00-10",
        "2026-05-00", "2026-05-32T00:00:00Z",
    })
    void impossibleDatesAreRejectedNotClamped(String text) {
        assertTrue(rejected(text).getMessage().startsWith("invalid instant"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000-12-31T23:59:59Z", "0000-01-01", "0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01",
        "+10000-01-01T00:00:00Z", "9999-12-31T23:30:00-01:00", "-2026-05-01T12:00:00Z",
    })
    void instantsOutsideYearsOneToNineThousandNineHundredNinetyNineAreRejected(String text) {
        IllegalArgumentException e = rejected(text);

        assertTrue(e.getMessage().contains("out of range (years 0001 to 9999)"), e.getMessage());
    }

    @Test
    void fiveDigitYearsWithoutSignAreRejected() {
        rejected("10000-01-01T00:00:00Z");
        rejected("10000-01-01");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void missingInstantIsRejectedAsRequired(String text) {
        assertEquals("an instant is required", rejected(text).getMessage());
    }

    @Test
    void rejectionMessagesAreFitForAClient() {
        IllegalArgumentException e = rejected("2026-05-01T12:00:00");

        assertEquals("invalid instant \"2026-05-01T12:00:00\"; use RFC 3339 (2026-05-01T12:00:00Z) or a date (2026-05-01)", e.getMessage());
    }

    @Test
    void rejectionMessagesLeakNoJavaInternals() {
        for (String text : new String[] {"garbage", "2026-05-01T24:00:00Z", "2026-02-30", "2026-05-01T12:00:00+24:00", "0000-01-01"}) {
            String message = rejected(text).getMessage();

            assertFalse(message.contains("java."), message);
            assertFalse(message.contains("Text '"), message);
            assertFalse(message.contains("Invalid value for"), message);
            assertFalse(message.contains("Exception"), message);
        }
    }

    @Test
    void longGarbageIsAbbreviatedInTheMessage() {
        String text = "x".repeat(10_000);

        String message = rejected(text).getMessage();

        assertTrue(message.contains("x".repeat(60) + "..."), message);
        assertTrue(message.length() < 200, "message length " + message.length());
    }

    // ---- format ----

    @ParameterizedTest
    @CsvSource({
        "2026-05-01T12:00:00Z, 2026-05-01T12:00:00.000000Z",
        "2026-05-01T12:00:00.000001Z, 2026-05-01T12:00:00.000001Z",
        "2026-05-01T12:00:00.5Z, 2026-05-01T12:00:00.500000Z",
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00.000000Z",
        "1969-12-31T23:59:59.5Z, 1969-12-31T23:59:59.500000Z",
        "1900-03-01T01:02:03.040506Z, 1900-03-01T01:02:03.040506Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00.000000Z",
        "0099-07-04T09:08:07Z, 0099-07-04T09:08:07.000000Z",
        "9999-12-31T23:59:59.999999Z, 9999-12-31T23:59:59.999999Z",
        "2024-02-29T23:59:59Z, 2024-02-29T23:59:59.000000Z",
    })
    void formatIsUtcWithExactlySixFractionDigits(String instant, String expected) {
        assertEquals(expected, Instants.format(Instant.parse(instant)));
    }

    @Test
    void formatDropsNanosecondsBelowAMicrosecond() {
        assertEquals("2026-05-01T12:00:00.000000Z", Instants.format(Instant.parse("2026-05-01T12:00:00.000000999Z")));
        assertEquals("2026-05-01T12:00:00.999999Z", Instants.format(Instant.parse("2026-05-01T12:00:00.999999999Z")));
    }

    @Test
    void formatIsAlwaysTwentySevenCharacters() {
        Random random = new Random(SEED);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = randomInstant(random);

            String text = Instants.format(instant);

            assertEquals(27, text.length(), text);
            assertTrue(text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z"), text);
        }
    }

    @Test
    void formatWritesTheDateJavaTimeGivesForEveryDayOfTheRange() {
        long first = Instants.MIN.getEpochSecond() / 86_400L;
        long last = Instants.MAX.getEpochSecond() / 86_400L;
        for (long day = first; day <= last; day++) {
            String text = Instants.format(Instant.ofEpochSecond(day * 86_400L + 86_399L));

            if (!text.startsWith(LocalDate.ofEpochDay(day).toString())) {
                assertEquals(LocalDate.ofEpochDay(day) + "T23:59:59.000000Z", text, "epoch day " + day);
            }
        }
    }

    @Test
    void formatAgreesWithJavaTime() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = randomInstant(random);

            // Instant.toString drops trailing zeros; the two must still denote the same instant.
            assertEquals(instant, Instant.parse(Instants.format(instant)));
        }
    }

    // ---- parseStored and round trips ----

    @Test
    void parseStoredReadsBackWhatFormatWrote() {
        Random random = new Random(SEED + 2);
        List<Instant> instants = new ArrayList<>(List.of(Instants.MIN, Instants.MAX, Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(randomInstant(random));
        }
        for (Instant instant : instants) {
            String stored = Instants.format(instant);

            assertEquals(instant, Instants.parseStored(stored), stored);
            assertEquals(instant, Instants.parse(stored), stored);
        }
    }

    @Test
    void parseStoredFallsBackToTheLenientParser() {
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), Instants.parseStored("2026-05-01"));
        assertEquals(Instant.parse("2026-05-01T12:00:00Z"), Instants.parseStored("2026-05-01T14:00:00+02:00"));
        assertEquals(Instant.parse("2026-05-01T12:00:00.5Z"), Instants.parseStored("2026-05-01T12:00:00.5Z"));
        assertThrows(IllegalArgumentException.class, () -> Instants.parseStored("not an instant"));
    }

    @Test
    void parseStoredRejectsNonDigitsInTheFixedWidthForm() {
        assertThrows(IllegalArgumentException.class, () -> Instants.parseStored("2026-05-01T12:00:00.00000xZ"));
        assertThrows(IllegalArgumentException.class, () -> Instants.parseStored("2O26-05-01T12:00:00.000000Z"));
    }

    @Test
    void textOrderIsTimeOrder() {
        Random random = new Random(SEED + 3);
        List<Instant> instants = new ArrayList<>(List.of(Instants.MIN, Instants.MAX, Instant.EPOCH, Instant.parse("1969-12-31T23:59:59Z")));
        for (int i = 0; i < 5_000; i++) {
            Instant instant = randomInstant(random);
            instants.add(instant);
            // Close neighbours, where a variable-width form would sort wrongly (".5Z" after ".123Z").
            instants.add(instant.plusNanos(1_000L * (1 + random.nextInt(999_999))));
        }
        instants.removeIf(i -> i.isAfter(Instants.MAX));

        List<Instant> byTime = new ArrayList<>(instants);
        byTime.sort(Comparator.naturalOrder());
        List<String> byText = new ArrayList<>(instants.stream().map(Instants::format).toList());
        byText.sort(Comparator.naturalOrder());

        assertEquals(byTime.stream().map(Instants::format).toList(), byText);
    }

    @Test
    void nowHasMicrosecondResolution() {
        Instant now = Instants.now();

        assertEquals(0, now.getNano() % 1_000);
        assertEquals(now, Instants.parseStored(Instants.format(now)));
    }

    /**
     * The canonical form is read without the formatter; the same text with the offset spelled
     * +00:00 goes through the formatter. Every text in the canonical shape, its fields in range or
     * just out of it (day 29 to 31 of each month, hour 24, second 60, year 0000, a letter), must get
     * the same answer both ways: the same instant, or a refusal with the same message.
     */
    @Test
    void theCanonicalFormAnswersAsTheFormatterDoes() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", random.nextInt(3) == 0 ? random.nextInt(10_000)
                    : 1999 + random.nextInt(3), random.nextInt(14), 27 + random.nextInt(6) - (random.nextBoolean() ? 26 : 0),
                    random.nextInt(25), random.nextInt(61), random.nextInt(61), random.nextInt(1_000_000));
            if (random.nextInt(50) == 0) {
                int at = random.nextInt(26);
                text = text.substring(0, at) + 'x' + text.substring(at + 1);
            }
            String viaFormatter = text.substring(0, 26) + "+00:00";
            String canonical = text;
            Object expected = answer(() -> Instants.parse(viaFormatter));
            Object actual = answer(() -> Instants.parse(canonical));
            if (expected instanceof Instant) {
                accepted++;
                assertEquals(expected, actual, text);
                assertEquals(expected, Instants.parseStored(text), text);
                assertEquals(text, Instants.format((Instant) actual), "the canonical form reads back as written");
            } else {
                assertEquals(String.valueOf(expected).replace(viaFormatter, canonical), actual, text);
            }
        }
        assertTrue(accepted > 5_000 && accepted < 19_000, "both kinds were tried: " + accepted + " accepted");
    }

    /** The instant {@code parsing} gives, or the message it is refused with. */
    private static Object answer(java.util.function.Supplier<Instant> parsing) {
        try {
            return parsing.get();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Any instant at microsecond resolution between MIN and MAX. */
    private static Instant randomInstant(Random random) {
        long minSecond = Instants.MIN.getEpochSecond();
        long maxSecond = Instants.MAX.getEpochSecond();
        long second = minSecond + (long) (random.nextDouble() * (maxSecond - minSecond));
        // Favour the recent past as well, where most real data lies.
        if (random.nextBoolean()) {
            second = 1_600_000_000L + random.nextInt(400_000_000);
        }
        return Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L);
    }
}
