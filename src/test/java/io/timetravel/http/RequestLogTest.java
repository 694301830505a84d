package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A client cannot forge a log line, nor get a token shown, through what the log writes of its request. */
class RequestLogTest {

    @Test
    void aReasonQuotingClientTextStaysOnOneLineWithItsSpaces() {
        assertEquals("unknown role \"x\\nINFO request method=GET path=/forged status=200\"",
                LogText.escape("unknown role \"x\nINFO request method=GET path=/forged status=200\""));
        assertEquals("a\\rb\\u0000c\\u2028d\\te\\u007f", LogText.escape("a\rb\u0000c\u2028d\te\u007f"));
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeInTheLogAlwaysMeansTheCharacter() {
        assertEquals("x\\\\ny", LogText.escape("x\\ny"));
        assertEquals("x\\ny", LogText.escape("x\ny"));
    }

    @Test
    void aPathKeepsTheFieldsOfItsLineApart() {
        assertEquals("/api/v2/records/1%20status=200", LogText.path("/api/v2/records/1 status=200"));
        assertEquals("/api/v2/records/1", LogText.path("/api/v2/records/1"));
        assertEquals("/x\\n2026-01-01T00:00:00.000000Z%20INFO", LogText.path("/x\n2026-01-01T00:00:00.000000Z INFO"));
    }

    @Test
    void tokensNeverAppear() {
        String token = "tt_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCde";
        assertEquals("/api/v2/" + LogText.HIDDEN_TOKEN, LogText.path("/api/v2/" + token));
        assertEquals("unknown API version \"" + LogText.HIDDEN_TOKEN + "\"", LogText.escape("unknown API version \"" + token + "\""));
        assertEquals("tt_short", LogText.escape("tt_short"), "too short to be a token");
    }

    @Test
    void aWholeMessageHasOnlyItsControlCharactersEscaped() {
        assertEquals("already \\\\ escaped\\nnext", LogText.controls("already \\\\ escaped\nnext"));
    }
}
