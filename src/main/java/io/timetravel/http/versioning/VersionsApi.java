package io.timetravel.http.versioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timetravel.domain.access.Permission;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/versions}: every API version with its release, tags, status and links, and for
 * each version after the first the breaking and non-breaking differences from its predecessor,
 * computed from their declared schemas. Open to all (no {@code X-User-ID}): clients read it to
 * pick a version.
 */
public final class VersionsApi {

    public static final String PATH = "/api/versions";

    /** The whole listing. */
    public record VersionsBody(String latest, List<VersionBody> versions) {
    }

    /** One version; the change lists are absent for the first version. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionBody(String name, Instant released, List<String> tags, String status, Instant deprecatedAt,
                              Map<String, String> links, List<String> endpoints, String changesFrom,
                              List<String> breaking, List<String> nonBreaking) {
    }

    private final VersionsBody body;

    public VersionsApi(VersionRegistry registry) {
        List<VersionBody> versions = new ArrayList<>();
        for (ApiVersion version : registry.versions()) {
            ApiVersion predecessor = registry.predecessor(version).orElse(null);
            Map<String, String> links = new LinkedHashMap<>();
            links.put("base", version.base());
            links.put("unversioned", "/api/records/{id}?" + Timescape.QUERY_PARAMETER + "=" + version.name());
            registry.predecessor(version).ifPresent(previous -> links.put("predecessor", previous.base()));
            registry.successor(version).ifPresent(next -> links.put("successor", next.base()));
            SchemaDiff.Changes changes = predecessor == null ? null : SchemaDiff.between(predecessor.schema(), version.schema());
            versions.add(new VersionBody(version.name(), version.released(), version.tags(), registry.status(version),
                    registry.deprecatedAt(version).orElse(null), links,
                    version.schema().endpoints().stream().map(declared -> declared.endpoint().toString()).toList(),
                    predecessor == null ? null : predecessor.name(),
                    changes == null ? null : changes.breaking(),
                    changes == null ? null : changes.nonBreaking()));
        }
        this.body = new VersionsBody(registry.latest().name(), List.copyOf(versions));
    }

    public Route route() {
        return new Route("GET", PATH, Timescape.UNRESOLVED, false, Handler.sync(request -> ApiResponse.ok(body)),
                io.timetravel.domain.access.Permission.READ);
    }
}
