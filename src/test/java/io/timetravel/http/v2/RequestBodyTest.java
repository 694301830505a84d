package io.timetravel.http.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one binding of request bodies: the rules every endpoint that takes a body now shares. */
class RequestBodyTest {

    private static final Set<String> MEMBERS = Set.of("at", "reason", "count", "share", "on", "names", "limit", "ratio");

    private static ApiRequest post(String body) {
        return new ApiRequest("POST", "/api/v2/things", Map.of(), Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8),
                null, null);
    }

    private static RequestBody body(String json) {
        return RequestBody.required(post(json), MEMBERS, "a thing");
    }

    private static String refusal(Runnable binding) {
        ApiException e = assertThrows(ApiException.class, binding::run);
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void anUnknownMemberIsRefusedWithTheMembersTheRequestTakes() {
        assertEquals("unknown member \"when\"; a thing takes at, count, limit, names, on, ratio, reason, share",
                refusal(() -> body("{\"when\":1}")));
    }

    @Test
    void aRequiredBodyMustBeAJsonObjectAndAnOptionalOneMayBeEmpty() {
        assertEquals("request body must be a JSON object", refusal(() -> body("")));
        assertTrue(refusal(() -> body("[1]")).startsWith("invalid JSON body: expected a JSON object"));
        assertTrue(refusal(() -> body("{\"at\":")).startsWith("invalid JSON body: "));
        assertNull(RequestBody.optional(post(""), MEMBERS, "a thing").text("reason"));
    }

    @Test
    void absentAndNullMembersReadAsNullUnlessTheEndpointRefusesNull() {
        RequestBody body = body("{\"reason\":null}");

        assertNull(body.text("reason"));
        assertNull(body.instant("at"));
        assertTrue(body.isNull("reason"));
        assertFalse(body.isNull("at"));
        assertEquals("reason must not be null", refusal(() -> body.refuseNulls("at", "reason")));
    }

    @Test
    void eachKindOfMemberIsReadOrRefusedNamingTheMember() {
        RequestBody body = body("{\"at\":\"2026-05-01\",\"reason\":\"why\",\"count\":3,\"share\":100,\"on\":true,"
                + "\"names\":[\"EU\",\"US\"],\"limit\":99999999999,\"ratio\":1.5}");

        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), body.instant("at"));
        assertEquals("why", body.text("reason"));
        assertEquals(3L, body.positiveLong("count"));
        assertEquals(3, body.positiveInt("count"));
        assertEquals(100, body.intBetween("share", 0, 100));
        assertEquals(true, body.bool("on"));
        assertEquals(List.of("EU", "US"), body.array("names", "names must be codes"));
        assertEquals(List.of("EU", "US"), body.texts("names", 8));
        assertEquals(Integer.MAX_VALUE, body.positiveIntCapped("limit"));
        assertEquals(new BigDecimal("1.5"), body.decimal("ratio"));

        assertEquals("invalid at; use an RFC 3339 instant (2026-05-01T12:00:00Z) or a date", refusal(() -> body("{\"at\":5}").instant("at")));
        assertEquals("reason must be a string", refusal(() -> body("{\"reason\":5}").text("reason")));
        assertEquals("invalid count; use a whole number from 1", refusal(() -> body("{\"count\":0}").positiveLong("count")));
        assertEquals("invalid count; use a whole number from 1", refusal(() -> body("{\"count\":1.5}").positiveLong("count")));
        assertEquals("invalid limit; use a whole number from 1", refusal(() -> body("{\"limit\":99999999999}").positiveInt("limit")));
        assertEquals("invalid share; use a whole number from 0 to 100", refusal(() -> body("{\"share\":101}").intBetween("share", 0, 100)));
        assertEquals("on must be true or false", refusal(() -> body("{\"on\":\"yes\"}").bool("on")));
        assertEquals("names must be codes", refusal(() -> body("{\"names\":[1]}").array("names", "names must be codes")));
        assertEquals("names must be codes", refusal(() -> body("{\"names\":\"EU\"}").array("names", "names must be codes")));
        assertEquals(List.of("EU"), body("{\"names\":\"EU\"}").texts("names", 8));
        assertEquals("invalid ratio; use a number", refusal(() -> body("{\"ratio\":\"1\"}").decimal("ratio")));
    }
}
