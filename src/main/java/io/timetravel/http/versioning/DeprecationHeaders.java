package io.timetravel.http.versioning;

import io.timetravel.http.ApiResponse;
import io.timetravel.http.ResponseDecorator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The headers on every answer of a deprecated version, errors included (docs/contract.md: v1, issue 4):
 * {@code Deprecation: @<unix seconds>} (RFC 9745: when it was deprecated, i.e. its successor's
 * release) and {@code Link} to the same resource in the successor version
 * ({@code rel="successor-version"}, RFC 5829) when the successor has it, and to
 * {@code /api/versions} ({@code rel="deprecation"}, RFC 9745).
 */
public final class DeprecationHeaders implements ResponseDecorator {

    public static final String VERSIONS_LINK = "<" + VersionsApi.PATH + ">; rel=\"deprecation\"";

    /** What a deprecated version's answers carry: the Deprecation value, and its successor's path templates. */
    private record Deprecated(ApiVersion version, String deprecation, ApiVersion successor, List<List<String>> successorPaths) {
    }

    private final VersionRegistry registry;
    /** By version name; only deprecated versions are here, so the answers of others cost one lookup. */
    private final Map<String, Deprecated> deprecated = new HashMap<>();

    public DeprecationHeaders(VersionRegistry registry) {
        this.registry = registry;
        for (ApiVersion version : registry.versions()) {
            if (!version.deprecated()) {
                continue;
            }
            ApiVersion successor = registry.successor(version).orElse(null);
            String deprecation = registry.deprecatedAt(version).map(at -> "@" + at.getEpochSecond()).orElse(null);
            List<List<String>> paths = successor == null ? List.of()
                    : successor.schema().endpoints().stream().map(declared -> split(declared.endpoint().path())).toList();
            deprecated.put(version.name(), new Deprecated(version, deprecation, successor, paths));
        }
    }

    @Override
    public ApiResponse decorate(String path, String apiVersion, ApiResponse response) {
        Deprecated old = deprecated.get(apiVersion);
        if (old == null) {
            if (deprecated.isEmpty() || registry.byName(apiVersion).isPresent()) {
                return response;
            }
            old = deprecatedOfPath(path);
            if (old == null) {
                return response;
            }
        }
        if (old.deprecation() != null) {
            response.header("Deprecation", old.deprecation());
        }
        String link = successorPath(old, path)
                .map(target -> "<" + encode(target) + ">; rel=\"successor-version\", " + VERSIONS_LINK)
                .orElse(VERSIONS_LINK);
        return response.header("Link", link);
    }

    /** The deprecated version whose base the path is under, for answers no route gave (an unknown path under /api/v1). */
    private Deprecated deprecatedOfPath(String path) {
        for (Deprecated old : deprecated.values()) {
            String base = old.version().base();
            if (path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/')) {
                return old;
            }
        }
        return null;
    }

    /** The same resource in the successor: the path relative to the version (or to /api when unversioned), under its base. */
    private static Optional<String> successorPath(Deprecated old, String path) {
        String base = old.version().base();
        String relative;
        if (path.startsWith(base + "/")) {
            relative = path.substring(base.length());
        } else if (path.startsWith("/api/")) {
            relative = path.substring("/api".length());
        } else {
            return Optional.empty();
        }
        List<String> segments = split(relative);
        for (List<String> template : old.successorPaths()) {
            if (matches(template, segments)) {
                return Optional.of(old.successor().base() + relative);
            }
        }
        return Optional.empty();
    }

    private static List<String> split(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    private static boolean matches(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            boolean variable = expected.startsWith("{") && expected.endsWith("}");
            if (!variable && !expected.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The path as a URI reference: everything but unreserved characters, sub-delimiters, ':', '@' and '/' percent-encoded. */
    static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
