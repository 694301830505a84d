package io.timetravel.http;

import io.timetravel.domain.Actors;
import io.timetravel.domain.Ids;
import io.timetravel.domain.Instants;
import io.timetravel.domain.access.Caller;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as handlers see it, independent of the server it came through, so that
 * version transformers can rewrite requests before a handler sees them.
 *
 * @param method     upper-case method
 * @param path       the decoded path
 * @param pathParams values of the route template's variables
 * @param query      decoded query parameters (first value of each name)
 * @param headers    header values by lower-case name (first value of each)
 * @param body       the request body, possibly empty
 * @param clientVersion the API version the client spoke ("v1", "v2"; for unversioned paths the
 *                   version they resolved to), kept when a transformer rewrites the request for a
 *                   newer version's handler; {@code null} when routing did not say
 * @param caller     who the request acts for, once the access gate has established it; {@code null} before
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParams,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body,
        String clientVersion,
        Caller caller) {

    public ApiRequest {
        pathParams = Collections.unmodifiableMap(pathParams);
        query = Collections.unmodifiableMap(query);
        headers = lowerCaseKeys(headers);
    }

    /**
     * Who the request acts for. Routes behind the access gate always have one; a handler that
     * finds none was wired without the gate, which is a programming error, not a client's.
     */
    public Caller requireCaller() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the route " + path + " was reached without the access gate");
        }
        return caller;
    }

    /** How the access log names what a caller asked for, e.g. {@code GET /api/v2/records/7}. */
    public String endpoint() {
        return method + " " + path;
    }

    /** A copy acting for {@code newCaller}. */
    public ApiRequest withCaller(Caller newCaller) {
        return new ApiRequest(method, path, pathParams, query, headers, body, clientVersion, newCaller);
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>(headers.size() * 2);
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        return Collections.unmodifiableMap(lower);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * A header's value read as UTF-8. HTTP headers arrive as ISO-8859-1 characters; clients that
     * send a non-ASCII reason send UTF-8 bytes, so re-read them as such when they are valid UTF-8.
     */
    public Optional<String> textHeader(String name) {
        return header(name).map(value -> {
            byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(raw))
                        .toString();
            } catch (CharacterCodingException e) {
                return value;
            }
        });
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no variable " + name);
        }
        return value;
    }

    /** An optional instant query parameter; 400 naming the parameter when it is not an instant. */
    public Optional<Instant> instantParam(String name) {
        return queryParam(name).map(value -> {
            try {
                return Instants.parse(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid " + name + ": " + e.getMessage());
            }
        });
    }

    /** An optional query parameter naming a record (a positive 64-bit id), else 400. */
    public Optional<Long> recordParam(String name) {
        return queryParam(name).map(text -> {
            long id = Ids.parsePositiveLong(text.strip());
            if (id <= 0) {
                throw ApiException.badRequest("invalid " + name + "; use a record id (a positive 64-bit integer)");
            }
            return id;
        });
    }

    /** An optional query parameter naming an actor: a user id, or 0 for the anonymous actor; else 400. */
    public Optional<Long> actorParam(String name) {
        return queryParam(name).map(text -> {
            String value = text.strip();
            long id = value.equals("0") ? Actors.ANONYMOUS : Ids.parsePositiveLong(value);
            if (id < 0) {
                throw ApiException.badRequest("invalid " + name + "; use a user id (0 for anonymous v1 writes and the command line)");
            }
            return id;
        });
    }

    /** An optional whole-number query parameter (digits, as {@link Ids} reads them) within {@code min >= 0} to {@code max}, else 400. */
    public int intParam(String name, int defaultValue, int min, int max) {
        Optional<String> value = queryParam(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long parsed = Ids.parseNonNegativeLong(value.get());
        if (parsed >= min && parsed <= max) {
            return (int) parsed;
        }
        throw ApiException.badRequest("invalid " + name + "; use a whole number from " + min + " to " + max);
    }

    /** A copy with other headers, e.g. set by a version transformer. */
    public ApiRequest withHeaders(Map<String, String> newHeaders) {
        return new ApiRequest(method, path, pathParams, query, newHeaders, body, clientVersion, caller);
    }

    /** A copy stating the API version the client spoke. */
    public ApiRequest withClientVersion(String version) {
        return new ApiRequest(method, path, pathParams, query, headers, body, version, caller);
    }

}
