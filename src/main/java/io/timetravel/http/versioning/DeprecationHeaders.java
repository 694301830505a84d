package io.timetravel.http.versioning;

import io.timetravel.http.ApiResponse;
import io.timetravel.http.ResponseDecorator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The headers on every answer of a deprecated version, errors included (SPEC 5.1, issue 4):
 * {@code Deprecation: @<unix seconds>} (RFC 9745: when it was deprecated, i.e. its successor's
 * release) and {@code Link} to the same resource in the successor version
 * ({@code rel="successor-version"}, RFC 5829) when the successor has it, and to
 * {@code /api/versions} ({@code rel="deprecation"}, RFC 9745).
 */
public final class DeprecationHeaders implements ResponseDecorator {

    public static final String VERSIONS_LINK = "<" + VersionsApi.PATH + ">; rel=\"deprecation\"";

    private final VersionRegistry registry;

    public DeprecationHeaders(VersionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse decorate(String path, String apiVersion, ApiResponse response) {
        ApiVersion version = registry.byName(apiVersion).orElseGet(() -> versionOfPath(path));
        if (version == null || !version.deprecated()) {
            return response;
        }
        Optional<ApiVersion> successor = registry.successor(version);
        registry.deprecatedAt(version).ifPresent(at -> response.header("Deprecation", "@" + at.getEpochSecond()));
        String link = successor.flatMap(next -> successorPath(version, next, path))
                .map(target -> "<" + encode(target) + ">; rel=\"successor-version\", " + VERSIONS_LINK)
                .orElse(VERSIONS_LINK);
        return response.header("Link", link);
    }

    /** The version whose base the path is under, for answers no route gave (an unknown path under /api/v1). */
    private ApiVersion versionOfPath(String path) {
        for (ApiVersion version : registry.versions()) {
            if (path.equals(version.base()) || path.startsWith(version.base() + "/")) {
                return version;
            }
        }
        return null;
    }

    /** The same resource in {@code next}: the path relative to the version (or to /api for unversioned paths), under next's base. */
    private static Optional<String> successorPath(ApiVersion version, ApiVersion next, String path) {
        String relative;
        if (path.startsWith(version.base() + "/")) {
            relative = path.substring(version.base().length());
        } else if (path.startsWith("/api/")) {
            relative = path.substring("/api".length());
        } else {
            return Optional.empty();
        }
        List<String> segments = split(relative);
        for (EndpointSchema declared : next.schema().endpoints()) {
            if (matches(split(declared.endpoint().path()), segments)) {
                return Optional.of(next.base() + relative);
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
