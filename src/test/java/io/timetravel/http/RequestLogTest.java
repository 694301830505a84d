package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A client cannot forge a log line through what the request log writes of its request. */
class RequestLogTest {

    @Test
    void aReasonQuotingClientTextStaysOnOneLineWithItsSpaces() {
        assertEquals("unknown role \"x%0AINFO request method=GET path=/forged status=200\"",
                RequestLog.sanitize("unknown role \"x\nINFO request method=GET path=/forged status=200\"", false));
        assertEquals("a%0Db%00c%2028d", RequestLog.sanitize("a\rb\u0000c\u2028d", false));
    }

    @Test
    void aPathKeepsTheFieldsOfItsLineApart() {
        assertEquals("/api/v2/records/1%20status=200", RequestLog.sanitize("/api/v2/records/1 status=200", true));
        assertEquals("/api/v2/records/1", RequestLog.sanitize("/api/v2/records/1", true));
    }
}
