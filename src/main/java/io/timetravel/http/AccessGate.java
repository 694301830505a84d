package io.timetravel.http;

import io.timetravel.domain.Actors;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.Role;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.AccessService;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who a request acts for, and whether that caller may use the route.
 *
 * <p>With {@link Mode#TOKENS} every route but the public ones needs {@code Authorization: Bearer
 * TOKEN} (the event streams also take {@code ?access_token=}, since a browser's EventSource
 * cannot send headers); the actor is the token's user and is verified. With {@link Mode#OFF}
 * the caller is whoever {@code X-User-ID} declares: a registered user keeps its roles, an
 * unregistered id is trusted as the legacy service trusted everyone, and the actor is marked
 * declared.
 */
public final class AccessGate {

    /** How callers prove who they are. */
    public enum Mode {
        /** Bearer tokens, verified. */
        TOKENS,
        /** Declared by {@code X-User-ID}; for a listener only the local machine can reach. */
        OFF;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String INVALID_TOKEN = "missing or invalid token";
    /** The query parameter that carries a token where no header can (EventSource). */
    public static final String ACCESS_TOKEN_PARAM = "access_token";
    private static final String BEARER = "bearer ";

    private final Mode mode;
    private final AccessService access;

    /**
     * @param access the users and tokens; {@code null} only for a listener that trusts every
     *               declared caller (servers built in tests without a database)
     */
    public AccessGate(Mode mode, AccessService access) {
        if (mode == Mode.TOKENS && access == null) {
            throw new IllegalArgumentException("token authentication needs the access service");
        }
        this.mode = mode;
        this.access = access;
    }

    /** Every declared caller trusted with everything: the legacy behaviour, for servers without users. */
    public static AccessGate trustingDeclared() {
        return new AccessGate(Mode.OFF, null);
    }

    /** The outcome of {@link #identify}: the request with its caller, or the answer that ends it. */
    public record Identified(ApiRequest request, ApiResponse refusal) {
    }

    /**
     * Establishes the caller: 401 for a missing or bad token, 403 when {@code X-User-ID}
     * contradicts the token or names a disabled user. Public routes pass without a caller.
     */
    public Identified identify(Route route, ApiRequest request) {
        if (route.permission() == null) {
            return new Identified(request, null);
        }
        if (mode == Mode.OFF) {
            long declared = declaredUser(request);
            try {
                Caller caller = access == null ? Caller.trustedDeclared(declared) : access.declared(declared);
                return new Identified(request.withCaller(caller), null);
            } catch (AccessDeniedException e) {
                return new Identified(request, ApiResponse.error(403, e.getMessage()));
            }
        }
        Optional<Caller> caller = token(route, request).flatMap(access::authenticate);
        if (caller.isEmpty()) {
            return new Identified(request, ApiResponse.error(401, INVALID_TOKEN).header("WWW-Authenticate", "Bearer"));
        }
        Optional<String> named = request.header(UserHeader.NAME);
        long namedId = named.map(UserHeader::parse).orElse(caller.get().id());
        if (namedId != caller.get().id()) {
            // Only a well-formed id is echoed: anything else may be a secret pasted into the wrong
            // header (a token), and this message also goes to the request log.
            String shown = namedId > 0 ? "X-User-ID " + namedId : "X-User-ID";
            return new Identified(request, ApiResponse.error(403, shown
                    + " is not the token's user; leave it out or send " + caller.get().id()));
        }
        return new Identified(request.withCaller(caller.get()), null);
    }

    /**
     * After the filters: without authentication, the {@code X-User-ID} rules of v2 (400 when it is
     * missing or malformed); in every mode, 403 when the caller's roles do not allow the route.
     */
    public ApiResponse authorize(Route route, ApiRequest request) {
        if (route.permission() == null) {
            return null;
        }
        if (mode == Mode.OFF && route.requiresUser()) {
            ApiResponse missing = UserHeader.check(request);
            if (missing != null) {
                return missing;
            }
        }
        Caller caller = request.requireCaller();
        if (!caller.allows(route.permission())) {
            return forbidden(caller, route.permission());
        }
        return null;
    }

    /**
     * The request's caller as it is now, asked again and again by a long-lived answer (a live
     * event stream): empty once its token is revoked or expired, its user disabled, or its roles
     * no longer allow {@code permission}; otherwise with its current roles and pii grant, so the
     * stream masks by what the caller may see now, not when it connected.
     */
    public static Supplier<Optional<Caller>> currentCaller(AccessService access, ApiRequest request, Permission permission) {
        Caller caller = request.requireCaller();
        if (caller.verified()) {
            Optional<String> token = bearer(request).or(() -> request.queryParam(ACCESS_TOKEN_PARAM));
            return () -> token.flatMap(access::authenticate)
                    .filter(current -> current.id() == caller.id() && current.allows(permission));
        }
        return () -> {
            try {
                return Optional.of(access.declared(caller.id())).filter(current -> current.allows(permission));
            } catch (AccessDeniedException e) {
                return Optional.empty();
            }
        };
    }

    /** The 403 for a caller whose roles do not allow {@code permission}. */
    public static ApiResponse forbidden(Caller caller, Permission permission) {
        return ApiResponse.error(403, "user " + caller.id() + " may not do this: it needs the role "
                + Role.namesAllowing(permission));
    }

    private static long declaredUser(ApiRequest request) {
        long user = request.header(UserHeader.NAME).map(UserHeader::parse).orElse(-1L);
        return user > 0 ? user : Actors.ANONYMOUS;
    }

    /** The bearer token from the Authorization header, or on the event streams from {@code ?access_token=}. */
    private static Optional<String> token(Route route, ApiRequest request) {
        Optional<String> header = bearer(request);
        if (header.isPresent()) {
            return header;
        }
        return isEventStream(route) ? request.queryParam(ACCESS_TOKEN_PARAM) : Optional.empty();
    }

    private static Optional<String> bearer(ApiRequest request) {
        return request.header("Authorization").map(String::strip)
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).strip());
    }

    /** The live events and a record's replay (also at unversioned paths): the routes an EventSource opens. */
    private static boolean isEventStream(Route route) {
        return "GET".equals(route.method()) && (route.template().endsWith("/events") || route.template().endsWith("/replay"));
    }
}
