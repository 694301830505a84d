package io.timetravel.http;

import io.timetravel.domain.Ids;

/** The {@code X-User-ID} rule of v2 (docs/contract.md: v2): a positive 64-bit id, with the same two refusals wherever it is checked. */
public final class UserHeader {

    public static final String NAME = "X-User-ID";

    private UserHeader() {
    }

    /** The 400 for a missing or malformed header, or {@code null} when it names a user. */
    public static ApiResponse check(ApiRequest request) {
        if (request.caller() != null && request.caller().verified()) {
            // Authenticated by a token: the header is optional, and the gate has checked it against the token.
            return null;
        }
        String user = request.header(NAME).orElse(null);
        if (user == null) {
            return ApiResponse.error(400, "missing X-User-ID header");
        }
        if (parse(user) <= 0) {
            return ApiResponse.error(400, "invalid X-User-ID header");
        }
        return null;
    }

    /** A positive 64-bit user id, or -1 when the text is not one. */
    public static long parse(String text) {
        return Ids.parsePositiveLong(text.strip());
    }
}
