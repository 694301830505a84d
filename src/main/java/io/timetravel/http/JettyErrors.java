package io.timetravel.http;

import java.util.Locale;

/**
 * Jetty's refusals of requests it could not parse, in the listener's words: a JSON error with a 4xx
 * status and a reason a client can act on. Whatever the parser says, a request a client sent never
 * gets a 5xx (Jetty answers 505 to an unknown HTTP version, for one).
 */
final class JettyErrors {

    /** Largest request line plus headers; beyond it 414 (a long target) or 431. */
    static final int MAX_HEADER_BYTES = 32 * 1024;

    private JettyErrors() {
    }

    /**
     * Whether Jetty could not read the request line: it then stands in a request {@code BAD
     * /badMessage}, which no client's request can be mistaken for here (the dispatcher, not this
     * handler, sees requests Jetty could parse).
     */
    static boolean unparsed(String method, String path) {
        return "BAD".equals(method) && "/badMessage".equals(path);
    }

    /** The answer to a request Jetty refused with {@code status} for {@code reason} (its words, possibly null). */
    static ApiResponse refusal(int status, String reason) {
        String why = reason == null ? "" : reason;
        if (status == 431) {
            return ApiResponse.error(431, "request headers larger than " + MAX_HEADER_BYTES + " bytes");
        }
        if (status == 414) {
            return ApiResponse.error(414, "request target longer than " + MAX_HEADER_BYTES + " bytes");
        }
        if (status == 426 || status == 505) {
            return ApiResponse.error(status == 426 ? 426 : 400, "unsupported HTTP version; use HTTP/1.1");
        }
        String lower = why.toLowerCase(Locale.ROOT);
        if (lower.equals("no host")) {
            return ApiResponse.error(400, BrowserGuard.MISSING_HOST);
        }
        if (lower.startsWith("duplicate host")) {
            return ApiResponse.error(400, BrowserGuard.MORE_THAN_ONE_HOST);
        }
        if (lower.contains("transfer-encoding") || lower.contains("transfer encoding")) {
            return ApiResponse.error(400, Dispatcher.UNSUPPORTED_CODING);
        }
        return ApiResponse.error(status >= 400 && status < 500 ? status : 400,
                why.isBlank() ? "malformed request" : "malformed request: " + why);
    }
}
