package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a valid id is, the one reading of ids in paths, headers, filters and command options. */
class IdsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "7 | 7 | 7",
        "0 | -1 | 0",
        "0000 | -1 | 0",
        "007 | 7 | 7",
        "9223372036854775807 | 9223372036854775807 | 9223372036854775807",
        "9223372036854775808 | -1 | -1",
        "99999999999999999999 | -1 | -1",
        "00000000000000000001 | -1 | -1",
        "+5 | -1 | -1",
        "-1 | -1 | -1",
        "' 5' | -1 | -1",
        "1.5 | -1 | -1",
        "0x10 | -1 | -1",
        "'' | -1 | -1",
        "null | -1 | -1",
        "\u0665 | -1 | -1"})
    void onlyPlainDigitsWithinLongAreIds(String text, long positive, long nonNegative) {
        assertEquals(positive, Ids.parsePositiveLong(text));
        assertEquals(nonNegative, Ids.parseNonNegativeLong(text));
    }

    @ParameterizedTest
    @CsvSource({"2147483647, 2147483647", "2147483648, -1", "0, -1", "12, 12"})
    void anIntIdStaysWithinInt(String text, int expected) {
        assertEquals(expected, Ids.parsePositiveInt(text));
    }
}
