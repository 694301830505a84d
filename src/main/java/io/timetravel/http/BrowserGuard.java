package io.timetravel.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;

/**
 * Applies the {@link BrowserPolicy} to a request before anything else looks at it: refuses foreign
 * hosts (DNS rebinding) and unlisted origins (cross-site requests), answers CORS preflights, and
 * names the CORS headers that every answer to a listed origin carries.
 */
final class BrowserGuard {

    static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-User-ID, X-Reason, X-Region, X-API-Version, Last-Event-ID";
    /** Response headers scripts may read besides the CORS-safelisted ones (Content-Type, Cache-Control, ...). */
    static final String EXPOSED_HEADERS =
            "Allow, Content-Disposition, Deprecation, Digest, Link, Location, Retry-After, WWW-Authenticate, X-API-Version";
    /** How long a browser may reuse a preflight's answer, in seconds (browsers cap it at 2 hours or less). */
    static final String MAX_AGE = "600";
    /** The refusals of a request without one {@code Host}; Jetty's parser gives them too, in these words. */
    static final String MISSING_HOST = "missing Host header (HTTP/1.1 requires one)";
    static final String MORE_THAN_ONE_HOST = "more than one Host header";

    /**
     * What to do with a request.
     *
     * @param answer  the answer that ends the request here (a refusal or a preflight's 204), or
     *                {@code null} to go on to routing
     * @param headers headers every answer to this request carries (CORS headers for a listed origin)
     */
    record Verdict(ApiResponse answer, Map<String, String> headers) {
    }

    private final BrowserPolicy policy;

    BrowserGuard(BrowserPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param protocol the request line's version, e.g. {@code HTTP/1.1}
     * @param target   the request's URI: its authority is the one of an absolute target
     *                 ({@code http://host/path}), else the {@code Host} header's (or, without one,
     *                 the address the client connected to)
     */
    Verdict check(String method, String protocol, HttpURI target, HttpFields requestHeaders) {
        ApiResponse refusal = checkHost(protocol, target, requestHeaders.getValuesList(HttpHeader.HOST));
        if (refusal != null) {
            return new Verdict(refusal, Map.of());
        }
        List<String> origins = requestHeaders.getValuesList(HttpHeader.ORIGIN);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!origins.isEmpty() || policy.listsOrigins()) {
            // Caches must not hand the answer given to one origin (or to none) to another.
            headers.put("Vary", "Origin");
        }
        if (origins.isEmpty()) {
            return new Verdict(null, headers);
        }
        String origin = origins.get(0);
        if (origins.size() > 1 || !policy.allowsOrigin(origin)) {
            return new Verdict(ApiResponse.error(403, "Origin " + quoted(String.join(", ", origins))
                    + " is not allowed: requests from web pages are answered only for the origins listed with"
                    + " --cors-origins"), headers);
        }
        headers.put("Access-Control-Allow-Origin", origin);
        if ("OPTIONS".equals(method) && requestHeaders.contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)) {
            return new Verdict(preflight(requestHeaders), headers);
        }
        headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return new Verdict(null, headers);
    }

    /**
     * The host rule. A request without {@code Host} is allowed only in HTTP/1.0, where the header is
     * optional: browsers always send it, so its absence is no rebinding, and HTTP/1.1 requires it.
     */
    private ApiResponse checkHost(String protocol, HttpURI target, List<String> hosts) {
        if (hosts.isEmpty()) {
            return "HTTP/1.0".equalsIgnoreCase(protocol) ? checkTarget(target, null)
                    : ApiResponse.error(400, MISSING_HOST);
        }
        if (hosts.size() > 1) {
            return ApiResponse.error(400, MORE_THAN_ONE_HOST);
        }
        String host = hosts.get(0).strip();
        if (!policy.allowsHost(host)) {
            return hostRefused(hosts.get(0));
        }
        return checkTarget(target, host);
    }

    /**
     * An absolute request target overrides {@code Host} (RFC 9112, 3.2.2), so it must pass the same
     * rule; a target that only repeats {@code host} has passed already.
     */
    private ApiResponse checkTarget(HttpURI target, String host) {
        String authority = target == null ? null : target.getAuthority();
        if (authority == null || authority.equalsIgnoreCase(host)) {
            return null;
        }
        return policy.allowsHost(authority) ? null : hostRefused(authority);
    }

    private static ApiResponse hostRefused(String host) {
        return ApiResponse.error(403, "Host " + quoted(host) + " is not allowed: this listener answers only"
                + " loopback addresses, localhost, its own address and the hosts listed with --allowed-hosts"
                + " (a defence against DNS rebinding)");
    }

    /** 204 with what a browser needs to send the real request; a listed origin may ask for any path. */
    private static ApiResponse preflight(HttpFields requestHeaders) {
        ApiResponse answer = ApiResponse.bytes(204, new byte[0], null)
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE);
        if ("true".equalsIgnoreCase(requestHeaders.get("Access-Control-Request-Private-Network"))) {
            // Chrome asks before a public page may reach a private or local address; a listed
            // origin was chosen by the operator, so it may.
            answer.header("Access-Control-Allow-Private-Network", "true");
        }
        return answer;
    }

    /** A client's value for a message and the log: quoted, cut short, without control characters. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.append(value.length() > 100 ? "...'" : "'").toString();
    }
}
