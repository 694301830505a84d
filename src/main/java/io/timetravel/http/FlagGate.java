package io.timetravel.http;

import io.timetravel.domain.Ids;
import io.timetravel.service.AccessService;
import io.timetravel.service.FlagService;
import io.timetravel.service.RecordService;
import java.util.List;

/**
 * The v2 rollout switch: with enable_v2_api off for a request, every v2 endpoint but health
 * answers 404 {@code {"error":"v2 API is disabled"}}; v1 is not affected.
 *
 * <p>It runs after authentication but before the X-User-ID check, so a switched-off API looks
 * switched off to everyone. The user for the rollout bucket is the caller (else 0); the region
 * is X-Region, else the region of the record named in the path, looked up only when the flag has
 * a region list.
 *
 * <p>The control plane is never gated: the flags themselves (an operator must always be able to
 * undo a rollout), users, tokens and field policies (an admin must always be able to fix access).
 */
public final class FlagGate implements ApiGate, RequestFilter {

    public static final String DISABLED = "v2 API is disabled";
    private static final String V2 = "v2";
    private static final List<String> CONTROL_PLANE = List.of("/api/v2/flags", "/api/v2/users", "/api/v2/tokens", "/api/v2/field-policies");

    private final FlagService flags;
    private final RecordService records;
    private final AccessService access;

    /** @param access the field policies, so a masked region never decides an answer; {@code null} = none */
    public FlagGate(FlagService flags, RecordService records, AccessService access) {
        this.flags = flags;
        this.records = records;
        this.access = access;
    }

    @Override
    public ApiResponse check(Route route, ApiRequest request) {
        if (!V2.equals(route.apiVersion()) || route.template().endsWith("/health") || isControlPlane(route.template())) {
            return null;
        }
        return check(V2, request);
    }

    /**
     * Whether the record's region is personal data the caller may not see: then it must not
     * decide the answer either (a 404 for one region and a 200 for another would tell it).
     */
    private boolean regionsMaskedFor(ApiRequest request) {
        return access != null && request.caller() != null && access.disclosure(request.caller(), "rollout").masksRegions();
    }

    /** Flags, users, tokens and field policies: what operators and admins need to recover. */
    static boolean isControlPlane(String template) {
        for (String root : CONTROL_PLANE) {
            if (template.equals(root) || template.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ApiResponse check(String apiVersion, ApiRequest request) {
        if (!V2.equals(apiVersion)) {
            return null;
        }
        long user = request.caller() != null ? request.caller().id()
                : Math.max(0, Ids.parsePositiveLong(request.header(UserHeader.NAME).orElse("").strip()));
        String region = request.header("X-Region").map(String::strip).filter(r -> !r.isEmpty()).orElse(null);
        if (region == null && flags.dependsOnRegion(FlagService.V2_API) && !regionsMaskedFor(request)) {
            String id = request.pathParams().get("id");
            long recordId = id == null ? -1 : Ids.parsePositiveLong(id);
            region = recordId > 0 ? records.region(recordId).orElse(null) : null;
        }
        return flags.isEnabled(FlagService.V2_API, user, region) ? null : ApiResponse.error(404, DISABLED);
    }
}
